// From the answer engine's plan to the items the encoder writes, each tagged with NSD's truncation behaviour.
import { extendedErrorOf } from '../query/index.js';
import { lowerKeyOf } from '../wire/index.js';
import type { AnswerPlanLike, EngineQuestion, PlannedRRsetLike } from './engine.js';
import type { Decision } from './decision.js';
import { type EncodeItem, Part } from './encode-answer.js';
import { EDE } from './response-opt.js';

const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_AAAA = 28;
const RCODE_REFUSED = 5;
// NSD's additional sections in encoding order; A and AAAA are separate for its stop rule (answer.c).
const GROUP_ADDITIONAL_A = 10;
const GROUP_ADDITIONAL_AAAA = 11;
const GROUP_ADDITIONAL_OTHER = 12;

/**
 * The decision for an engine plan. The zone's own NS in the authority section of a positive answer is
 * optional (NSD adds it as OPTIONAL_AUTHORITY_SECTION and drops it silently when it does not fit);
 * other authority RRsets (SOA of a negative answer, NS of a referral) set TC when they do not fit.
 * (The same rule as query/optionalAuthorityFrom: a referral's NS is never owned by a zone origin.)
 * The plan's leading required glue (RFC 9471 3.1) sets TC when it does not fit, where NSD 4.6.1 drops
 * it silently; the other additional RRsets are optional, in NSD's A, AAAA, other groups. The Extended
 * DNS Error is the engine's own (query/extendedErrorOf, as NSD 4.6.1 sends them): REFUSED for a name
 * in none of our zones is EDE 20, a YXDOMAIN from a DNAME and an NSEC3 hash collision say so in EDE 0.
 * Without the question (unit tests of the encoding) only the REFUSED one is added.
 */
export function decisionFromPlan(plan: AnswerPlanLike, family: 4 | 6 = 4, question?: EngineQuestion): Decision {
  const items: EncodeItem[] = [];
  for (const rr of plan.answer) items.push(item(Part.ANSWER, rr));
  const positive = plan.rcode === 0 && plan.answer.length > 0;
  // (Allocation-light: this runs for every answer not in the cache. A zone RRset builds its owner
  // Name on each access, so it is read once per RRset.)
  let optional: EncodeItem[] | undefined;
  for (const rr of plan.authority) {
    const owner = rr.owner;
    if (positive && rr.type === TYPE_NS && isApex(plan.zones, owner.key)) (optional ??= []).push(item(Part.OPTIONAL_AUTHORITY, rr, undefined, owner));
    else items.push(item(Part.AUTHORITY, rr, undefined, owner));
  }
  if (optional !== undefined) for (const it of optional) items.push(it);
  const additional = plan.additional;
  const nsTargets = family === 6 && additional.length > 0 ? nsTargetKeys(plan) : null;
  if (nsTargets === null) {
    for (let i = 0; i < additional.length; i++) {
      const rr = additional[i];
      items.push(i < plan.requiredAdditional ? item(Part.REQUIRED_ADDITIONAL, rr) : item(Part.ADDITIONAL, rr, additionalGroup(rr.type, false)));
    }
  } else {
    const required = additional.slice(0, plan.requiredAdditional);
    const rest = additional.slice(plan.requiredAdditional);
    for (const rr of ipv6Order(required, nsTargets)) items.push(item(Part.REQUIRED_ADDITIONAL, rr));
    for (const rr of ipv6Order(rest, nsTargets)) items.push(item(Part.ADDITIONAL, rr, additionalGroup(rr.type, nsTargets.has(rr.owner.key))));
  }
  const ede = question !== undefined ? extendedErrorOf(question, plan) : plan.rcode === RCODE_REFUSED && plan.zones.length === 0 ? { code: EDE.NOT_AUTHORITATIVE } : undefined;
  return { rcode: plan.rcode, aa: plan.aa, items, ede, zones: plan.zones, cacheable: true };
}

/** NSD's additional section of an RRset; for IPv6 clients a name server's AAAA comes first (swapped). */
function additionalGroup(type: number, swapped: boolean): number {
  if (type === TYPE_A) return swapped ? GROUP_ADDITIONAL_AAAA : GROUP_ADDITIONAL_A;
  if (type === TYPE_AAAA) return swapped ? GROUP_ADDITIONAL_A : GROUP_ADDITIONAL_AAAA;
  return GROUP_ADDITIONAL_OTHER;
}

/** Lower-cased names the NS RRsets of the plan point at (their rdata is one uncompressed name). */
function nsTargetKeys(plan: AnswerPlanLike): Set<string> {
  const keys = new Set<string>();
  for (const rr of [...plan.answer, ...plan.authority]) {
    if (rr.type !== TYPE_NS) continue;
    for (const rd of rr.rdatas) keys.add(lowerKeyOf(rd, 0, rd.length));
  }
  return keys;
}

/**
 * NSD 4.6.1 answers an IPv6 client with a name server's AAAA before its A (query.c add_rrset swaps
 * the two additional sections for NS targets); addresses of other targets (MX, SRV) keep A first.
 * The plan holds the IPv4 order (A group, AAAA group, others); this regroups it, order kept within.
 */
function ipv6Order(rrs: readonly PlannedRRsetLike[], nsTargets: ReadonlySet<string>): PlannedRRsetLike[] {
  const group = (rr: PlannedRRsetLike) => additionalGroup(rr.type, nsTargets.has(rr.owner.key));
  return rrs.map((rr, i) => ({ rr, i, g: group(rr) })).sort((a, b) => a.g - b.g || a.i - b.i).map((x) => x.rr);
}

function item(part: Part, rr: PlannedRRsetLike, group?: number, owner = rr.owner): EncodeItem {
  return { part, owner, type: rr.type, class: rr.class, ttl: rr.ttl, rdatas: rr.rdatas, ttls: rr.ttls, group, rrsigs: rr.rrsigs };
}

/** True when `key` is the origin of one of the zones consulted (usually one). */
function isApex(zones: AnswerPlanLike['zones'], key: string): boolean {
  for (let i = 0; i < zones.length; i++) if (zones[i].origin.key === key) return true;
  return false;
}
