// Requests tsdns sends and reads for transfers: AXFR/IXFR queries (RFC 5936, RFC 1995 3) and the IXFR client serial.
import { type Message, MessageWriter, type Name, type ResourceRecord, SECTION } from '../wire/index.js';
import type { XfrRequest } from './packer.js';
import { CLASS_IN, soaSerial, TYPE_IXFR, TYPE_SOA } from './soa.js';

/**
 * An AXFR query (RFC 5936 2.1: one question, no records) or, with `soa`, an IXFR query carrying the
 * client's SOA in the authority section (RFC 1995 3). Flags all clear (no RD). A finished message.
 */
export function buildXfrQuery(zone: Name, qtype: number, id: number, soa: ResourceRecord | null = null): Uint8Array {
  const w = new MessageWriter(4096);
  w.setId(id);
  w.setFlags(0);
  w.addQuestion(zone, qtype, CLASS_IN);
  if (soa) w.addRecord(soa, SECTION.AUTHORITY);
  return w.finish().slice();
}

/** An SOA query (what a secondary may ask first to compare serials). */
export function buildSoaQuery(zone: Name, id: number): Uint8Array {
  return buildXfrQuery(zone, TYPE_SOA, id);
}

/** The transfer request as the response generators need it, from a decoded request. */
export function xfrRequestOf(msg: Message): XfrRequest | null {
  const q = msg.questions[0];
  if (!q) return null;
  const flags = (msg.header.rd ? 0x0100 : 0) | (msg.header.cd ? 0x0010 : 0);
  return { id: msg.header.id, qname: q.qname, qtype: q.qtype, qclass: q.qclass, flags };
}

/**
 * The client's serial from an IXFR request: the SOA of the zone in the authority section (RFC 1995 3).
 * Null when there is none (NSD answers FORMERR then) or it is malformed.
 */
export function ixfrClientSerial(msg: Message): number | null {
  const q = msg.questions[0];
  if (!q || q.qtype !== TYPE_IXFR) return null;
  for (const rr of msg.authorities) {
    if (rr.type !== TYPE_SOA || !rr.owner.equals(q.qname)) continue;
    try {
      return soaSerial(rr.rdata);
    } catch {
      return null;
    }
  }
  return null;
}
