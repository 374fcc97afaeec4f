// Record identity for differences: owner, type, class and rdata compared as DNS compares them (names ignoring case).
import { canonicalRdata, type ResourceRecord } from '../wire/index.js';

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/**
 * The identity of a record without its TTL: the owner's lower-cased wire form, type, class and the
 * RFC 4034 6.2 canonical rdata (embedded names lower-cased where the type allows it). Name case is
 * not data (RFC 4343) and does not survive compression on the wire (a compressed name takes the case
 * of the name it points at), so a transfer can only carry the change of a record as its removal
 * and addition, and a removal is matched ignoring case, as other servers do.
 */
export function matchKey(rr: ResourceRecord): string {
  return `${rr.owner.key}\u0100${rr.type}/${rr.class}\u0100${latin1(canonicalRdata(rr.type, rr.rdata))}`;
}

/** matchKey plus the TTL: a TTL change is a change of the record (removed with the old, added with the new). */
export function recordKey(rr: ResourceRecord): string {
  return `${matchKey(rr)}\u0100${rr.ttl}`;
}

/** Octets of a record in uncompressed wire form (what ixfr-size counts). */
export function wireSize(rr: ResourceRecord): number {
  return rr.owner.wire.length + 10 + rr.rdata.length;
}
