// Writes the seed corpus of the transfer-stream target: real AXFR/IXFR streams from tsdns's own transfer-out code.
// Usage: node dist/fuzz/make-transfer-seeds.js [dir]   (default fuzz/corpus/transfer-stream)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsigKeyring, TsigStreamSigner, verifyRequest } from '../src/tsig/index.js';
import { decodeMessage } from '../src/wire/index.js';
import { axfrMessages, computeDiff, ixfrMessages, Journal, type XfrRequest, xfrRequestOf } from '../src/xfr/index.js';
import type { ZoneContents } from '../src/zone/index.js';
import { BASE, KEY, now, ORIGIN, queryOf, situationOf, zoneOf, zoneText } from './targets/transfer-stream.js';

const V2 = zoneOf(zoneText(2, ['new AAAA 2001:db8::2', 'web2 TXT "second"']).replace('h3 A 192.0.2.3\n', ''));
const V3 = zoneOf(zoneText(3, ['new AAAA 2001:db8::3', 'later TXT "three"']));

/** The request the target's mode stands for, as the primary reads it, and the signer of its answer. */
function served(mode: number): { request: XfrRequest; signer: TsigStreamSigner | undefined } {
  const signed = situationOf(mode).signed;
  const request = xfrRequestOf(decodeMessage(signed ? signed.message : queryOf(mode)));
  if (!request) throw new Error('no question');
  if (!signed) return { request, signer: undefined };
  const v = verifyRequest(signed.message, new TsigKeyring([KEY]), now);
  if (!v?.ok) throw new Error('the seed request does not verify');
  return { request, signer: new TsigStreamSigner(v, now) };
}

function tcpStream(mode: number, msgs: Iterable<Uint8Array>): Uint8Array {
  const parts: Buffer[] = [Buffer.from([mode])];
  for (const m of msgs) {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(m.length, 0);
    parts.push(len, Buffer.from(m));
  }
  return Buffer.concat(parts);
}

function axfr(mode: number, zone: ZoneContents, maxMessageSize = 512): Uint8Array {
  const { request, signer } = served(mode);
  return tcpStream(mode, axfrMessages(zone, request, { maxMessageSize, signer }));
}

function ixfr(mode: number, zone: ZoneContents, journal: Journal | null, maxMessageSize = 512): Uint8Array[] {
  const { request, signer } = served(mode);
  return [...ixfrMessages(zone, journal, BASE.serial, request, { maxMessageSize, signer })];
}

const SIZE_700 = 1 << 3;
const chain = new Journal(ORIGIN, undefined, [computeDiff(BASE, V2), computeDiff(V2, V3)]);
const one = new Journal(ORIGIN, undefined, [computeDiff(BASE, V2)]);
const udp = ixfr(2, V2, one, 512);

const seeds: Record<string, Uint8Array> = {
  'axfr.bin': axfr(0, V2),
  'axfr-one-message.bin': axfr(0, V2, 65535),
  'axfr-tsig.bin': axfr(4, V2),
  'axfr-over-size-limit.bin': axfr(SIZE_700, V2),
  'axfr-holding-copy.bin': axfr(3, V3),
  'ixfr.bin': tcpStream(1, ixfr(1, V2, one)),
  'ixfr-tsig.bin': tcpStream(5, ixfr(5, V2, one)),
  'ixfr-chain.bin': tcpStream(1, ixfr(1, V3, chain)),
  'ixfr-axfr-style.bin': tcpStream(1, ixfr(1, V2, null)),
  'ixfr-up-to-date.bin': tcpStream(1, ixfr(1, BASE, null)),
  'ixfr-udp.bin': Buffer.concat([Buffer.from([2]), Buffer.from(udp[0])]),
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.argv[2] ?? path.join(root, 'fuzz/corpus/transfer-stream');
fs.mkdirSync(dir, { recursive: true });
for (const [name, bytes] of Object.entries(seeds)) {
  fs.writeFileSync(path.join(dir, name), bytes);
  console.log(`${name}: ${bytes.length} octets`);
}
