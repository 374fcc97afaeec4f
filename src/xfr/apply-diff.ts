// Applying a chain of differences (a received IXFR, RFC 1995) to a snapshot: the next snapshot, or why not.
import { canonicalRdata, type PositionedRecord, type ResourceRecord, type ZoneProblem } from '../wire/index.js';
import { buildZone, type ZoneContents } from '../zone/index.js';
import type { Diff } from './diff.js';
import { matchKey } from './record-key.js';
import { serialGt } from './serial.js';
import { TYPE_SOA } from './soa.js';

export type ApplyFailure =
  /** The first difference does not start at the snapshot's serial, or one does not start where the last ended. */
  | 'IXFR_CHAIN_BROKEN'
  /** A difference removes a record the zone does not have. */
  | 'IXFR_DELETE_MISSING'
  /** A difference does not move the serial forward (RFC 1982). */
  | 'IXFR_SERIAL_NOT_NEWER'
  /** The result does not build (zone checks failed). */
  | 'ZONE_INVALID';

export type ApplyResult =
  | { readonly ok: true; readonly zone: ZoneContents }
  | { readonly ok: false; readonly code: ApplyFailure; readonly message: string; readonly problems: readonly ZoneProblem[] };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The snapshot holds this record (owner, type, class, rdata with names ignoring case; any TTL). */
export function zoneHas(zone: ZoneContents, rr: ResourceRecord): boolean {
  const rrset = zone.findNode(rr.owner)?.get(rr.type);
  if (rrset === undefined || rrset.class !== rr.class) return false;
  const want = canonicalRdata(rr.type, rr.rdata);
  for (let i = 0; i < rrset.size; i++) if (sameBytes(canonicalRdata(rr.type, rrset.rdataAt(i)), want)) return true;
  return false;
}

/** The net effect of a chain on the snapshot: keys of its records taken out, records put in. */
interface Delta {
  readonly removed: Set<string>;
  readonly owners: Set<string>;
  readonly added: Map<string, ResourceRecord>;
}

type Step = { ok: true } | { ok: false; code: ApplyFailure; message: string };

function foldDiff(zone: ZoneContents, d: Diff, delta: Delta): Step {
  for (const rr of d.removed) {
    const k = matchKey(rr);
    if (delta.added.delete(k)) continue; // added by an earlier step of the chain
    if (!delta.removed.has(k) && zoneHas(zone, rr)) {
      delta.removed.add(k);
      delta.owners.add(rr.owner.key);
      continue;
    }
    return { ok: false, code: 'IXFR_DELETE_MISSING', message: `serial ${d.oldSerial} -> ${d.newSerial} removes a record the zone does not hold (${rr.owner} type ${rr.type})` };
  }
  for (const rr of d.added) {
    const k = matchKey(rr);
    // Adding a record the zone already holds replaces it (its TTL may differ), as a removal and an addition.
    if (!delta.removed.has(k) && !delta.added.has(k) && zoneHas(zone, rr)) {
      delta.removed.add(k);
      delta.owners.add(rr.owner.key);
    }
    delta.added.set(k, rr);
  }
  return { ok: true };
}

/** The snapshot's records minus the removed ones, the SOA replaced, plus the added ones. */
function* result(zone: ZoneContents, soa: ResourceRecord, delta: Delta): Generator<PositionedRecord> {
  yield { record: soa, file: '', line: 0, col: 0 };
  for (const node of zone.nodes()) {
    if (node.size === 0) continue;
    const touched = delta.owners.has(node.key);
    for (const rrset of node.values()) {
      if (rrset.type === TYPE_SOA && node.isApex) continue;
      const owner = rrset.owner;
      for (let i = 0; i < rrset.size; i++) {
        const record = { owner, type: rrset.type, class: rrset.class, ttl: rrset.ttlAt(i), rdata: rrset.rdataAt(i) };
        if (touched && delta.removed.has(matchKey(record))) continue;
        yield { record, file: '', line: 0, col: 0 };
      }
    }
  }
  for (const record of delta.added.values()) yield { record, file: '', line: 0, col: 0 };
}

/**
 * Applies differences in order to `zone` and builds the next snapshot with buildZone (so the result
 * passes the same checks as a loaded zone). The chain must start at the zone's serial, each step must
 * start where the last ended and move the serial forward (RFC 1982), and every removed record must
 * exist (RFC 1995 gives no rule; BIND and Knot fail such an IXFR too, and the caller then falls back
 * to AXFR). The snapshot given is never changed.
 */
export function applyDiffs(zone: ZoneContents, diffs: readonly Diff[]): ApplyResult {
  const delta: Delta = { removed: new Set(), owners: new Set(), added: new Map() };
  let serial = zone.serial;
  for (const d of diffs) {
    if (d.oldSerial !== serial) {
      return { ok: false, code: 'IXFR_CHAIN_BROKEN', message: `a difference starts at serial ${d.oldSerial}, expected ${serial}`, problems: [] };
    }
    if (!serialGt(d.newSerial, d.oldSerial)) {
      return { ok: false, code: 'IXFR_SERIAL_NOT_NEWER', message: `serial ${d.newSerial} is not newer than ${d.oldSerial}`, problems: [] };
    }
    const step = foldDiff(zone, d, delta);
    if (!step.ok) return { ...step, problems: [] };
    serial = d.newSerial;
  }
  if (diffs.length === 0) return { ok: true, zone };
  const problems: ZoneProblem[] = [];
  const soa = diffs[diffs.length - 1].newSoa;
  const next = buildZone(zone.origin, result(zone, soa, delta), (p) => problems.push(p));
  if (!next) {
    const first = problems.find((p) => p.severity === 'error');
    return { ok: false, code: 'ZONE_INVALID', message: `the zone after the IXFR does not build: ${first?.message ?? 'unknown error'}`, problems };
  }
  return { ok: true, zone: next };
}
