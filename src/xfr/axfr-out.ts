// AXFR out (RFC 5936): the zone streamed from its snapshot, SOA first and last, as many records per message as fit.
import type { ResourceRecord } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import { MessagePacker, type XfrOutOptions, type XfrRequest } from './packer.js';

/**
 * The records of a full transfer: the SOA, every other record in canonical name order, and the SOA
 * again (RFC 5936 2.2). Streamed from the snapshot: nothing is collected.
 */
export function* axfrRecords(zone: ZoneContents): Generator<ResourceRecord> {
  let soa: ResourceRecord | undefined;
  for (const rr of zone.records()) {
    soa ??= rr; // records() yields the SOA first
    yield rr;
  }
  if (soa) yield soa;
}

/** Packs records into transfer messages (see MessagePacker); the last message is always yielded. */
export function* packRecords(records: Iterable<ResourceRecord>, request: XfrRequest, opts: XfrOutOptions): Generator<Uint8Array> {
  const p = new MessagePacker(request, opts);
  for (const rr of records) {
    const full = p.add(rr);
    if (full) yield full;
  }
  yield p.finish();
}

/**
 * The messages of an AXFR response over TCP (RFC 5936 2.2): header ID and question from the request
 * (the question in the first message only), AA set, the answer sections together holding the SOA,
 * every record of the zone and the SOA again, each message filled as far as `maxMessageSize`
 * (default 65535) allows with its own name compression. With `signer`, each message is signed as it
 * is finished (RFC 8945 5.3.1). Messages are produced one at a time as the caller pulls them, so a
 * slow client holds back the work, and memory stays at one message.
 */
export function axfrMessages(zone: ZoneContents, request: XfrRequest, opts: XfrOutOptions = {}): Generator<Uint8Array> {
  return packRecords(axfrRecords(zone), request, opts);
}
