// The seam where the DNSSEC stage plugs in (RRSIGs, NSEC/NSEC3 denial, DS at referrals): no-ops for now.
import type { Name } from '../wire/index.js';
import type { ZoneContents, ZoneNode } from '../zone/index.js';
import type { QueryContext } from './context.js';

// Each hook is called at the point where NSD 4.6 (query.c) adds DNSSEC records when the query has
// DO=1 and the zone is secure; each must add nothing unless ctx.q.dnssecOk. RRSIGs themselves are
// attached per RRset when NSD encodes (packet.c packet_encode_rrset): attach them to the plan's
// RRsets in one pass over the finished plan, never inside the solvers.

/**
 * NSD's zone_is_secure. Only ANY uses it yet (an ANY answer leaves out the RRSIG RRset of a secure
 * zone). To be settled by the DNSSEC stage: nsd 4.6.1 did not treat a zone with a DNSKEY, an apex
 * NSEC and an RRSIG over the SOA as secure in our test (no RRSIG attached with DO=1).
 */
export function zoneIsSecure(_zone: ZoneContents): boolean {
  return false;
}

/** NODATA: the NSEC(3) of the name, or of the wildcard for a wildcard NODATA (answer_nodata). */
export function proveNodata(_ctx: QueryContext, _zone: ZoneContents, _node: ZoneNode | undefined): void {}

/** NXDOMAIN: the NSEC(3)s covering the name and the wildcard at its closest encloser (answer_authoritative). */
export function proveNxdomain(_ctx: QueryContext, _zone: ZoneContents, _ce: ZoneNode, _name: Name): void {}

/** A wildcard answer: the NSEC(3) proving the name itself does not exist (RFC 4035 3.1.3.3). */
export function proveWildcard(_ctx: QueryContext, _zone: ZoneContents, _ce: ZoneNode, _name: Name): void {}

/** A referral: the DS RRset of the cut, or the NSEC(3) proving there is none (answer_delegation). */
export function proveReferral(_ctx: QueryContext, _zone: ZoneContents, _cut: ZoneNode): void {}
