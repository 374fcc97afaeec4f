// Answering from a node that matched (exactly or through a wildcard): the RRset, a CNAME to follow, or NODATA.
import { CLASS, Name, TYPE } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';
import { addRRset } from './additional.js';
import type { QueryContext } from './context.js';
import { zoneIsSecure } from './dnssec-seam.js';
import { answerNodata } from './negative.js';
import { Part } from './plan-builder.js';
import { ownedBy } from './synthesize.js';

/**
 * NSD's answer_domain for the node `node` of `zone`. `owner` is the name asked for when the node is
 * a wildcard (RFC 4592 2.1.1: the answer is owned by the name), undefined for an exact match.
 * Returns the CNAME target to follow next (RFC 1034 4.3.2 step 3a), or undefined when done.
 */
export function answerNode(ctx: QueryContext, zone: ZoneContents, node: ZoneNode, owner: Name | undefined): Name | undefined {
  const qtype = ctx.q.qtype;
  if (qtype === TYPE.ANY) {
    answerAny(ctx, zone, node, owner);
    return undefined;
  }
  if (qtype === TYPE.NSEC3) {
    // NSEC3 records are only served in denial proofs: a query for the type is NODATA (query.c).
    answerNodata(ctx, zone, node);
    return undefined;
  }
  const rrset = node.get(qtype);
  if (rrset !== undefined) {
    addRRset(ctx, zone, Part.ANSWER, ownedBy(rrset, owner), rrset);
    addApexNs(ctx, zone);
    return undefined;
  }
  const cname = node.get(TYPE.CNAME);
  if (cname === undefined) {
    answerNodata(ctx, zone, node);
    return undefined;
  }
  // Already in the answer: a CNAME loop, so stop here with what we have (NSD answer_domain).
  if (!addRRset(ctx, zone, Part.ANSWER, ownedBy(cname, owner), cname)) return undefined;
  ctx.cnameCount++;
  // Only the first CNAME record counts (a CNAME RRset has one, RFC 2181 10.1).
  return new Name(cname.rdatas[0]);
}

/**
 * The apex NS RRset in the authority section of a positive answer, as NSD 4.6 adds it (checked with
 * nsd 4.6.1): not for class ANY, with minimal-responses, or for DNSKEY, DS and ANY queries, whose
 * answers are large already (NSD bug #253, answer_needs_ns).
 */
function addApexNs(ctx: QueryContext, zone: ZoneContents): void {
  const q = ctx.q;
  if (q.qclass === CLASS.ANY || ctx.opts.minimalResponses) return;
  if (q.qtype === TYPE.DNSKEY || q.qtype === TYPE.DS) return;
  const ns = zone.apex.get(TYPE.NS);
  if (ns !== undefined) addRRset(ctx, zone, Part.OPTIONAL_AUTHORITY, ns);
}

/**
 * ANY (RFC 8482 4.1): one RRset, as NSD 4.6 picks it (query.c answer_domain, checked with nsd 4.6.1):
 * the first of A, AAAA, SOA, MX, PTR in load order; else the last other type; else the last of
 * DNSKEY, RRSIG, NSEC. NSEC3 never; RRSIG not when DO=1 in a secure zone. NODATA when nothing is left.
 */
function answerAny(ctx: QueryContext, zone: ZoneContents, node: ZoneNode, owner: Name | undefined): void {
  const skipRrsig = ctx.q.dnssecOk && zoneIsSecure(zone);
  let normal: RRset | undefined;
  let unwanted: RRset | undefined;
  let pick: RRset | undefined;
  for (const rrset of node.rrsets.values()) {
    const type = rrset.type;
    if (type === TYPE.NSEC3 || (skipRrsig && type === TYPE.RRSIG)) continue;
    if (type === TYPE.A || type === TYPE.AAAA || type === TYPE.SOA || type === TYPE.MX || type === TYPE.PTR) {
      pick = rrset;
      break;
    }
    if (type === TYPE.DNSKEY || type === TYPE.RRSIG || type === TYPE.NSEC) unwanted = rrset;
    else normal = rrset;
  }
  pick ??= normal ?? unwanted;
  if (pick === undefined) answerNodata(ctx, zone, node);
  else addRRset(ctx, zone, Part.ANSWER, ownedBy(pick, owner), pick);
}
