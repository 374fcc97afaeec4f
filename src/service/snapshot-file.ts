// cluster: a zone snapshot as a file of AXFR messages (the primary writes it once), built back by the secondary's streamed path.
import fs from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { zoneDnssec } from '../dnssec/index.js';
import { axfrMessages, CLASS_IN, TransferStream, TYPE_AXFR } from '../xfr/index.js';
import { formatProblem, type Name, type ZoneProblem } from '../wire/index.js';
import { type ZoneContents, ZoneBuilder } from '../zone/index.js';

const CHUNK = 1 << 20;
/** Octets read between two turns of the event loop, so a worker keeps answering while it builds. */
const YIELD_EVERY = 4 << 20;

/**
 * Writes the snapshot as the messages of an AXFR (RFC 5936 2.2: SOA, every record, SOA), each behind
 * a two-octet length as over TCP. The file is made from the immutable snapshot, so it cannot race with
 * the zone file changing on disk; `owner` (uid, gid) lets workers that dropped privileges read it.
 */
export function writeSnapshotFile(path: string, zone: ZoneContents, owner: { uid: number; gid: number } | null): void {
  const fd = fs.openSync(path, 'wx', 0o600);
  try {
    if (owner !== null) fs.fchownSync(fd, owner.uid, owner.gid);
    const request = { id: 0, qname: zone.origin, qtype: TYPE_AXFR, qclass: CLASS_IN };
    const len = Buffer.alloc(2);
    for (const m of axfrMessages(zone, request)) {
      len.writeUInt16BE(m.length, 0);
      fs.writeSync(fd, len);
      fs.writeSync(fd, m);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Builds the snapshot back from such a file through the path a secondary's AXFR takes (TransferStream
 * into ZoneBuilder: the records are never all held beside the zone), with its DNSSEC view, and yields
 * to the event loop every few megabytes. Throws on a file that is not a whole, valid zone.
 */
export async function readSnapshotFile(path: string, origin: Name): Promise<ZoneContents> {
  const problems: ZoneProblem[] = [];
  const builder = new ZoneBuilder(origin, (p) => {
    if (p.severity === 'error') problems.push(p);
  });
  const stream = new TransferStream({ origin, qtype: TYPE_AXFR, id: 0, serial: null, sizeLimit: 0, transport: 'tcp', onAxfrRecord: (pr) => builder.add(pr) });
  let done = false;
  for await (const m of framedMessages(path)) {
    const step = stream.push(m);
    if (step.state === 'error') throw new Error(`snapshot file ${path}: ${step.error.message}`);
    done = step.state === 'done';
  }
  if (!done) throw new Error(`snapshot file ${path} ends before the final SOA`);
  const zone = builder.finish({});
  if (zone === undefined || problems.length > 0) throw new Error(`snapshot file ${path}: ${problems.map(formatProblem).join('; ') || 'the zone does not build'}`);
  zoneDnssec(zone); // as ZoneRegistry: the DNSSEC view is built before the snapshot is served
  return zone;
}

/** The length-prefixed messages of the file, read in 1 MiB chunks. */
async function* framedMessages(path: string): AsyncGenerator<Uint8Array> {
  const fd = fs.openSync(path, 'r');
  try {
    let pending = Buffer.alloc(0);
    let sinceYield = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      pending = pending.length === 0 ? chunk.subarray(0, n) : Buffer.concat([pending, chunk.subarray(0, n)]);
      let p = 0;
      while (p + 2 <= pending.length) {
        const len = pending.readUInt16BE(p);
        if (p + 2 + len > pending.length) break;
        yield pending.subarray(p + 2, p + 2 + len);
        p += 2 + len;
      }
      pending = pending.subarray(p);
      sinceYield += n;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToLoop();
      }
    }
    if (pending.length > 0) throw new Error(`snapshot file ${path} ends inside a message`);
  } finally {
    fs.closeSync(fd);
  }
}
