// Negative answers (RFC 2308): NXDOMAIN and NODATA carry the zone's SOA with the negative-caching TTL.
import { CLASS, type Name, RCODE } from '../wire/index.js';
import type { ZoneContents, ZoneNode } from '../zone/index.js';
import type { QueryContext } from './context.js';
import { nodataProofFirst, proveNodata, proveNxdomain, signAs } from './dnssec-seam.js';
import { Part } from './plan-builder.js';
import type { PlannedRRset } from './types.js';

const negativeSoas = new WeakMap<ZoneContents, PlannedRRset>();

/**
 * The SOA for the authority section of a negative answer: TTL = min(SOA TTL, MINIMUM) (RFC 2308 3
 * and 5; NSD's soa_nx_rrset). Snapshots are immutable, so it is made once per snapshot.
 */
export function negativeSoa(zone: ZoneContents): PlannedRRset {
  let soa = negativeSoas.get(zone);
  if (soa === undefined) {
    const rdata = zone.soa.rdatas[0];
    const p = rdata.length - 4; // MINIMUM is the last field (RFC 1035 3.3.13)
    const minimum = ((rdata[p] << 24) | (rdata[p + 1] << 16) | (rdata[p + 2] << 8) | rdata[p + 3]) >>> 0;
    const s = zone.soa;
    soa = { owner: s.owner, type: s.type, class: s.class, ttl: Math.min(s.ttlAt(0), minimum), rdatas: [rdata] };
    signAs(soa, s);
    negativeSoas.set(zone, soa);
  }
  return soa;
}

/**
 * NODATA (RFC 2308 2.2): NOERROR, no answer, the SOA; class ANY gets no SOA (NSD answer_soa). With DO=1
 * the denial proof too, after the SOA except for an NSEC3 empty non-terminal (NSD's order). `name` is
 * the name asked for when it has no node in this zone (it exists in another served zone).
 */
export function answerNodata(ctx: QueryContext, zone: ZoneContents, node: ZoneNode | undefined, name?: Name): void {
  const first = nodataProofFirst(ctx, zone, node);
  if (first) proveNodata(ctx, zone, node, name);
  if (ctx.q.qclass !== CLASS.ANY) ctx.b.add(Part.AUTHORITY, negativeSoa(zone));
  if (!first) proveNodata(ctx, zone, node, name);
}

/**
 * NXDOMAIN (RFC 2308 2.1), also when reached through a CNAME chain, as NSD answers it. With DO=1 the
 * denial proof goes before the SOA, as NSD adds it while locating the name (answer_authoritative);
 * an NSEC3 hash collision makes it SERVFAIL without the SOA (NSD).
 */
export function answerNxdomain(ctx: QueryContext, zone: ZoneContents, ce: ZoneNode, name: Name): void {
  ctx.b.rcode = RCODE.NXDOMAIN;
  if (!proveNxdomain(ctx, zone, ce, name)) return;
  if (ctx.q.qclass !== CLASS.ANY) ctx.b.add(Part.AUTHORITY, negativeSoa(zone));
}
