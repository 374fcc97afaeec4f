// Where the DNSSEC stage plugs into the solvers: RRSIGs, NSEC/NSEC3 denial and DS at referrals, only with DO=1.
import { denialFirst, delegationRecords, denyName, denyType, denyWildcardName, isSecure, rrsigsFor, zoneDnssec, type Denial } from '../dnssec/index.js';
import { type Name, RCODE, TYPE } from '../wire/index.js';
import { RRset, type ZoneContents, type ZoneNode } from '../zone/index.js';
import type { QueryContext } from './context.js';
import { Part } from './plan-builder.js';
import type { PlannedRRset } from './types.js';

// Each hook is called where NSD 4.6 (query.c) adds DNSSEC records and adds nothing unless the query
// has DO=1 (RFC 3225, RFC 4035 3.1). RRSIGs are attached per RRset in one pass over the finished
// plan (signPlan), as NSD attaches them when it encodes each RRset (packet.c packet_encode_rrset).

/** NSD's zone_is_secure: an RRSIG over the apex DNSKEY RRset (see dnssec/zone-dnssec.ts). */
export function zoneIsSecure(zone: ZoneContents): boolean {
  return isSecure(zone);
}

/** True when the NODATA proof precedes the SOA in the authority section (NSEC3 empty non-terminals, as NSD orders them). */
export function nodataProofFirst(ctx: QueryContext, zone: ZoneContents, node: ZoneNode | undefined): boolean {
  return ctx.q.dnssecOk && denialFirst(zone, node);
}

/** NODATA: the NSEC(3) of the name, or of the wildcard for a wildcard NODATA (NSD answer_nodata). */
export function proveNodata(ctx: QueryContext, zone: ZoneContents, node: ZoneNode | undefined, name: Name | undefined): void {
  if (!ctx.q.dnssecOk) return;
  for (const rrset of denyType(zone, node, name, ctx.q.qtype)) ctx.b.add(Part.AUTHORITY, rrset);
}

/**
 * NXDOMAIN: the NSEC(3)s covering the name and the wildcard at its closest encloser (NSD
 * answer_authoritative). False on an NSEC3 hash collision: the answer is SERVFAIL then, as NSD's.
 */
export function proveNxdomain(ctx: QueryContext, zone: ZoneContents, ce: ZoneNode, name: Name): boolean {
  return !ctx.q.dnssecOk || addDenial(ctx, denyName(zone, ce, name));
}

/** A wildcard answer: the NSEC(3) proving the name itself does not exist (RFC 4035 3.1.3.3); false as proveNxdomain. */
export function proveWildcard(ctx: QueryContext, zone: ZoneContents, ce: ZoneNode, name: Name): boolean {
  return !ctx.q.dnssecOk || addDenial(ctx, denyWildcardName(zone, ce, name));
}

/** A referral from a secure zone: the DS RRset of the cut, or the NSEC(3) proving there is none (NSD answer_delegation). */
export function proveReferral(ctx: QueryContext, zone: ZoneContents, cut: ZoneNode): void {
  if (!ctx.q.dnssecOk) return;
  for (const rrset of delegationRecords(zone, cut)) ctx.b.add(Part.AUTHORITY, rrset);
}

function addDenial(ctx: QueryContext, d: Denial): boolean {
  for (const rrset of d.rrsets) ctx.b.add(Part.AUTHORITY, rrset);
  if (!d.servfail) return true;
  // NSD nsec3_add_nonexist_proof: the hash of a name to prove absent has an NSEC3 of its own.
  ctx.b.rcode = RCODE.SERVFAIL;
  return false;
}

/** Planned RRsets made from a zone RRset (the negative-answer SOA) and the RRset whose RRSIGs they take. */
const signedAs = new WeakMap<object, RRset>();

/** Records that `planned` is sent with the RRSIGs of the zone RRset `rrset`. */
export function signAs(planned: PlannedRRset, rrset: RRset): void {
  signedAs.set(planned, rrset);
}

/** Builds the DNSSEC view of every zone the answer used, so their RRSIGs can be found (once per snapshot). */
export function prepareSigning(zones: readonly ZoneContents[]): void {
  for (const zone of zones) zoneDnssec(zone);
}

/**
 * The RRSIGs to send with a planned RRset (PlanBuilder Signer): those of the zone RRset it comes from,
 * owned as the planned RRset is (a wildcard answer's by the name asked for). Never for an RRSIG RRset.
 */
export function signPlan(rrset: PlannedRRset, source: object): PlannedRRset | undefined {
  if (rrset.type === TYPE.RRSIG) return undefined;
  const from = source instanceof RRset ? source : signedAs.get(source);
  return from === undefined ? undefined : rrsigsFor(from, rrset.owner, rrset);
}
