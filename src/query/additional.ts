// NSD 4.6's add_rrset: an RRset plus the additional data its names call for (A/AAAA, and X25/ISDN for RT).
import { isSubdomain, Name, TYPE } from '../wire/index.js';
import type { ZoneContents, ZoneNode } from '../zone/index.js';
import type { QueryContext } from './context.js';
import { Part } from './plan-builder.js';
import { ownedBy, wildcardChild } from './synthesize.js';
import type { PlannedRRset } from './types.js';

// Where the name of each type sits in its rdata (RFC 1035 3.3, RFC 2163/1183, RFC 2782). NSD 4.6.1
// adds additional data for exactly these types (query.c add_rrset; checked: not PTR, NAPTR, AFSDB).
const TARGET_AT: ReadonlyMap<number, number> = new Map([
  [TYPE.NS, 0], [TYPE.MB, 0], [TYPE.MX, 2], [TYPE.KX, 2], [TYPE.RT, 2], [TYPE.SRV, 6],
]);

type Wanted = readonly (readonly [number, Part])[];
const ADDRESSES: Wanted = [[TYPE.A, Part.ADDITIONAL_A], [TYPE.AAAA, Part.ADDITIONAL_AAAA]];
// RFC 1183 3.3: an RT intermediate host is reached by its A, X25 or ISDN records.
const RT_WANTED: Wanted = [...ADDRESSES, [TYPE.X25, Part.ADDITIONAL_OTHER], [TYPE.ISDN, Part.ADDITIONAL_OTHER]];

/** One additional RRset an RRset calls for. */
interface Extra {
  readonly part: Part;
  readonly rrset: PlannedRRset;
  readonly source: PlannedRRset;
  /** The target is at or below the RRset's owner: in-domain glue when the RRset is a referral's NS. */
  readonly inDomain: boolean;
}

// What an RRset calls for depends only on the snapshot it is answered from, so it is worked out
// once per RRset (Knot does this in its adjust pass); a different zone recomputes it.
const extrasCache = new WeakMap<object, { readonly zone: ZoneContents; readonly extras: readonly Extra[] }>();

/**
 * Adds an RRset to the plan (false when it was already there: a loop) and then the additional data
 * for the names in it, from `zone` (the zone being answered from). `referral` marks a referral's NS:
 * its in-domain glue is required (RFC 9471 3.1). With minimal-responses only the authority section
 * (referrals) and NS queries get additional data (NSD add_rrset).
 */
export function addRRset(
  ctx: QueryContext,
  zone: ZoneContents,
  part: Part,
  rrset: PlannedRRset,
  source: PlannedRRset = rrset,
  referral = false,
): boolean {
  const added = ctx.b.add(part, rrset, source);
  if (ctx.opts.minimalResponses && part !== Part.AUTHORITY && ctx.q.qtype !== TYPE.NS) return added;
  const at = TARGET_AT.get(rrset.type);
  if (at === undefined) return added;
  let cached = extrasCache.get(source);
  if (cached === undefined || cached.zone !== zone) {
    cached = { zone, extras: extrasOf(zone, source, at) };
    extrasCache.set(source, cached);
  }
  for (const x of cached.extras) ctx.b.add(x.part, x.rrset, x.source, referral && x.inDomain);
  return added;
}

function extrasOf(zone: ZoneContents, rrset: PlannedRRset, at: number): Extra[] {
  const wanted = rrset.type === TYPE.RT ? RT_WANTED : ADDRESSES;
  const ns = rrset.type === TYPE.NS;
  const owner = ns ? rrset.owner : undefined;
  const extras: Extra[] = [];
  for (const rdata of rrset.rdatas) {
    const target = new Name(rdata.slice(at));
    // Only data of the zone being answered from, as NSD's domain_find_rrset(domain, q->zone).
    if (!isSubdomain(target, zone.origin)) continue;
    const found = targetNode(zone, target, ns);
    if (found === undefined) continue;
    const inDomain = owner !== undefined && isSubdomain(target, owner);
    for (const [type, part] of wanted) {
      const s = found.node.get(type);
      if (s !== undefined) extras.push({ part, rrset: ownedBy(s, found.wildcard ? target : undefined), source: s, inDomain });
    }
  }
  return extras;
}

/**
 * The node holding a target's data. NS targets may be glue; other targets at or below a zone cut are
 * not authoritative and get nothing (NSD domain_is_glue). A target that does not exist takes the
 * wildcard at its closest encloser, as NSD's add_additional_rrsets does.
 */
function targetNode(zone: ZoneContents, target: Name, allowGlue: boolean): { node: ZoneNode; wildcard: boolean } | undefined {
  const found = zone.lookup(target);
  if (!allowGlue && found.cut !== undefined) return undefined;
  if (found.node !== undefined) return { node: found.node, wildcard: false };
  const wc = wildcardChild(zone, found.closestEncloser);
  return wc === undefined ? undefined : { node: wc, wildcard: true };
}
