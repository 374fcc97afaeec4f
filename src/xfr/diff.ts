// The difference between two versions of a zone (RFC 1995 4): exactly the records removed and added, and the two SOAs.
import type { ResourceRecord } from '../wire/index.js';
import { compareKeys, type RRset, type ZoneContents, type ZoneNode } from '../zone/index.js';
import { recordKey, wireSize } from './record-key.js';
import { TYPE_SOA } from './soa.js';

/**
 * One version step of a zone: the records removed from the old version and added in the new one
 * (SOAs not included: they are the delimiters of an IXFR, RFC 1995 4), and the two SOA records.
 */
export interface Diff {
  readonly oldSerial: number;
  readonly newSerial: number;
  readonly oldSoa: ResourceRecord;
  readonly newSoa: ResourceRecord;
  readonly removed: readonly ResourceRecord[];
  readonly added: readonly ResourceRecord[];
}

/** Octets the difference takes in uncompressed wire form (the measure of ixfr-size). */
export function diffSize(d: Diff): number {
  let n = wireSize(d.oldSoa) + wireSize(d.newSoa);
  for (const rr of d.removed) n += wireSize(rr);
  for (const rr of d.added) n += wireSize(rr);
  return n;
}

function recordsOf(rrset: RRset, owner = rrset.owner): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (let i = 0; i < rrset.size; i++) out.push({ owner, type: rrset.type, class: rrset.class, ttl: rrset.ttlAt(i), rdata: rrset.rdataAt(i) });
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Fast path: the same records, TTLs and octets in the same order. */
function identical(a: RRset, b: RRset): boolean {
  if (a.size !== b.size || a.class !== b.class) return false;
  for (let i = 0; i < a.size; i++) {
    if (a.ttlAt(i) !== b.ttlAt(i) || !sameBytes(a.rdataAt(i), b.rdataAt(i))) return false;
  }
  return true;
}

interface Out {
  readonly removed: ResourceRecord[];
  readonly added: ResourceRecord[];
}

/** The records of one RRset that changed: compared by recordKey, so order and name case do not count. */
function diffRRset(a: RRset, b: RRset, out: Out): void {
  if (identical(a, b)) return;
  const before = new Map<string, ResourceRecord>();
  for (const rr of recordsOf(a)) before.set(recordKey(rr), rr);
  for (const rr of recordsOf(b)) {
    const k = recordKey(rr);
    if (!before.delete(k)) out.added.push(rr);
  }
  for (const rr of before.values()) out.removed.push(rr);
}

function diffNode(a: ZoneNode | undefined, b: ZoneNode | undefined, out: Out): void {
  if (a) {
    for (const rrset of a.values()) {
      if (rrset.type === TYPE_SOA && a.isApex) continue;
      const other = b?.get(rrset.type);
      if (other === undefined) out.removed.push(...recordsOf(rrset));
      else diffRRset(rrset, other, out);
    }
  }
  if (b) {
    for (const rrset of b.values()) {
      if (rrset.type === TYPE_SOA && b.isApex) continue;
      if (a?.get(rrset.type) === undefined) out.added.push(...recordsOf(rrset));
    }
  }
}

/**
 * Exactly the records that differ between two versions of one zone: a record whose owner, type, class
 * and rdata (names ignoring case) exist in both with the same TTL is unchanged and not listed, so an
 * RRset that did not change is never re-sent (NSD 4.6's create-ixfr re-adds unchanged RRsets, which
 * strict secondaries reject). A TTL change is a removal with the old TTL and an addition with the new.
 * Both snapshots' nodes are walked once, side by side in canonical order.
 */
export function computeDiff(older: ZoneContents, newer: ZoneContents): Diff {
  const out: Out = { removed: [], added: [] };
  const a = Array.isArray(older.nodes()) ? (older.nodes() as readonly ZoneNode[]) : [...older.nodes()];
  const b = Array.isArray(newer.nodes()) ? (newer.nodes() as readonly ZoneNode[]) : [...newer.nodes()];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : compareKeys(a[i].key, b[j].key);
    if (c < 0) diffNode(a[i++], undefined, out);
    else if (c > 0) diffNode(undefined, b[j++], out);
    else diffNode(a[i++], b[j++], out);
  }
  const oldSoa = recordsOf(older.soa)[0];
  const newSoa = recordsOf(newer.soa)[0];
  return { oldSerial: older.serial, newSerial: newer.serial, oldSoa, newSoa, removed: out.removed, added: out.added };
}
