// The staged solver: each step locates a name, classifies it into one explicit stage and answers that stage.
import { CLASS, type Name, RCODE, TYPE } from '../wire/index.js';
import { addRRset } from './additional.js';
import { answerNode } from './answer-node.js';
import type { QueryContext } from './context.js';
import { expandDname } from './dname.js';
import { proveReferral, proveWildcard } from './dnssec-seam.js';
import { locate, zoneFor, type Location } from './locate.js';
import { answerNodata, answerNxdomain } from './negative.js';
import { Part } from './plan-builder.js';
import { wildcardChild } from './synthesize.js';

/**
 * Where a name lands in the zone that answers it (RFC 1034 4.3.2 step 3, the Knot solver states):
 * - delegation: at or below a zone cut: a referral (step 3b);
 * - ds-at-apex: a DS query at the apex of a zone whose parent we do not serve: NODATA (RFC 4035 3.1.4.1);
 * - dname: below a DNAME: substitute and follow (RFC 6672 3.2);
 * - exact: the name's node: its data, a CNAME to follow, or NODATA (step 3a);
 * - exists-elsewhere: the name exists only in another served zone: NODATA (see locate.ts);
 * - wildcard: a wildcard at the closest encloser matches (step 3c, RFC 4592 3.3.1);
 * - nxdomain: nothing matches (step 3c, RFC 2308 2.1).
 */
export type Stage = 'delegation' | 'ds-at-apex' | 'dname' | 'exact' | 'exists-elsewhere' | 'wildcard' | 'nxdomain';

/** Answers the question into ctx.b: one step per name, following CNAMEs and DNAMEs across our zones. */
export function resolve(ctx: QueryContext): void {
  let name: Name | undefined = ctx.q.qname;
  while (name !== undefined) name = step(ctx, name);
}

/** One name: returns the next name to follow (a CNAME or DNAME target), undefined when the answer is done. */
function step(ctx: QueryContext, name: Name): Name | undefined {
  const zone = zoneFor(ctx, name);
  if (zone === undefined) {
    // Not ours: REFUSED for the question itself; a chain that leaves our zones just ends (NSD answer_lookup_zone).
    if (ctx.cnameCount === 0) ctx.b.rcode = RCODE.REFUSED;
    return undefined;
  }
  ctx.b.useZone(zone);
  const loc = locate(ctx, zone, name);
  const stage = classify(ctx, loc, name);
  if (stage === 'delegation') return referral(ctx, loc);
  // Class ANY answers are never authoritative in NSD 4.6 (checked: no AA, no SOA, no NS).
  ctx.b.aa = ctx.q.qclass !== CLASS.ANY;
  switch (stage) {
    case 'ds-at-apex':
    case 'exists-elsewhere':
      answerNodata(ctx, zone, loc.node, name);
      return undefined;
    case 'dname':
      return loc.dname === undefined ? undefined : expandDname(ctx, zone, loc.dname, name);
    case 'exact':
      return loc.node === undefined ? undefined : answerNode(ctx, zone, loc.node, undefined);
    case 'wildcard':
      return answerWildcard(ctx, loc, name);
    case 'nxdomain':
      answerNxdomain(ctx, zone, loc.ce, name);
      return undefined;
  }
}

/** The stage of a located name, in NSD's order of decisions (query.c answer_lookup_zone). */
export function classify(ctx: QueryContext, loc: Location, name: Name): Stage {
  const ds = ctx.q.qtype === TYPE.DS;
  if (ds && name.key === loc.zone.origin.key) return 'ds-at-apex';
  const cut = loc.cut;
  // A DNAME above the cut wins over it (RFC 6672 2.4: the cut is occluded); DS at the cut itself is
  // answered from the parent side (RFC 4035 3.1.4.1).
  // (Both are ancestors of the name, so the shorter key is the higher node.)
  if (cut !== undefined && !(loc.dname !== undefined && loc.dname.key.length < cut.key.length)) {
    if (!(ds && loc.node === cut)) return 'delegation';
  }
  if (loc.dname !== undefined) return 'dname';
  if (loc.node !== undefined) return 'exact';
  if (loc.existsElsewhere) return 'exists-elsewhere';
  if (loc.ce.hasWildcardChild && !loc.wildcardBlocked) return 'wildcard';
  return 'nxdomain';
}

/**
 * A referral (RFC 1034 4.3.2 step 3b): the cut's NS RRset in authority and glue in additional, AA
 * clear - set, though, when a CNAME led here, as NSD does (answer_delegation).
 */
function referral(ctx: QueryContext, loc: Location): undefined {
  const cut = loc.cut;
  const ns = cut?.get(TYPE.NS);
  if (cut === undefined || ns === undefined) return undefined;
  ctx.b.aa = ctx.cnameCount > 0;
  addRRset(ctx, loc.zone, Part.AUTHORITY, ns, ns, true);
  proveReferral(ctx, loc.zone, cut);
  return undefined;
}

/** A wildcard match (RFC 4592 3.3.1): the wildcard's data, owned by the name asked for. */
function answerWildcard(ctx: QueryContext, loc: Location, name: Name): Name | undefined {
  const wildcard = wildcardChild(loc.zone, loc.ce);
  if (wildcard === undefined) {
    answerNxdomain(ctx, loc.zone, loc.ce, name);
    return undefined;
  }
  // NSD answer_authoritative notes the wildcard before anything else (RRL counts the answer under it).
  ctx.b.wildcard = wildcard.name;
  // With DO=1, first the proof that the name itself does not exist (NSD answer_authoritative).
  if (!proveWildcard(ctx, loc.zone, loc.ce, name)) return undefined;
  return answerNode(ctx, loc.zone, wildcard, name);
}
