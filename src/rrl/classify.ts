// Classifying a response for RRL (NSD rrl_classify): its class, and the name it is counted under.
import { RRL_CLASS } from './types.js';

const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;
const TYPE_NS = 2;
const TYPE_RRSIG = 46;
const TYPE_DNSKEY = 48;
const TYPE_ANY = 255;

/** What RRL needs to know of a response; names are Name.key strings (lower-cased wire octets). */
export interface RrlResponse {
  readonly rcode: number;
  readonly qtype: number;
  readonly qname: string;
  /** Records (or RRsets) in the answer section; 0 makes a NOERROR answer NODATA. */
  readonly answerCount: number;
  /** The apex of the zone that answered; undefined when no zone did (REFUSED, FORMERR). */
  readonly zone?: string;
  /** The delegation point, when the answer is a referral. */
  readonly referral?: string;
  /** The wildcard that answered (`*.<closest encloser>`), when the answer was synthesised from one. */
  readonly wildcard?: string;
}

export interface RrlClassification {
  /** One RRL_CLASS bit. */
  readonly rclass: number;
  /** The name key the response is counted under ('' when there is none, as for a REFUSED). */
  readonly name: string;
}

/**
 * NSD's classes in NSD's order of tests (rrl.c rrl_classify). Negative answers and errors count
 * under the zone apex, referrals under the delegation point and wildcard answers under the
 * wildcard, so a flood of random names still lands in one bucket; the others count under the qname.
 */
export function classifyResponse(r: RrlResponse): RrlClassification {
  const zone = r.zone ?? '';
  if (r.rcode === RCODE_NXDOMAIN) return { rclass: RRL_CLASS.nxdomain, name: zone };
  if (r.rcode !== RCODE_NOERROR) return { rclass: RRL_CLASS.error, name: zone };
  if (r.referral !== undefined) return { rclass: RRL_CLASS.referral, name: r.referral };
  if (r.qtype === TYPE_ANY) return { rclass: RRL_CLASS.any, name: r.qname };
  if (r.qtype === TYPE_RRSIG) return { rclass: RRL_CLASS.rrsig, name: r.qname };
  if (r.wildcard !== undefined) return { rclass: RRL_CLASS.wildcard, name: r.wildcard };
  if (r.answerCount === 0) return { rclass: RRL_CLASS.nodata, name: zone };
  if (r.qtype === TYPE_DNSKEY) return { rclass: RRL_CLASS.dnskey, name: r.qname };
  return { rclass: RRL_CLASS.positive, name: r.qname };
}

interface KeyedName {
  readonly key: string;
}

interface RRsetLike {
  readonly owner: KeyedName;
  readonly type: number;
}

/** The part of query/AnswerPlan (or process/AnswerPlanLike) classification reads. */
export interface RrlPlanLike {
  readonly rcode: number;
  readonly answer: readonly RRsetLike[];
  readonly authority: readonly RRsetLike[];
  readonly zones: readonly { readonly origin: KeyedName }[];
  /** The wildcard the answer was synthesised from (query/AnswerPlan.wildcard), absent for other answers. */
  readonly wildcard?: KeyedName;
}

/**
 * classifyResponse for an answer engine plan. The zone is the last one the plan consulted (where a
 * CNAME chain ended); a referral is an NS RRset in authority that no consulted zone owns at its apex
 * (the apex NS of a positive answer is the zone's own), the same test process/plan-items makes.
 */
export function classifyPlan(plan: RrlPlanLike, qtype: number, qnameKey: string): RrlClassification {
  const zones = plan.zones;
  const zone = zones.length > 0 ? zones[zones.length - 1].origin.key : undefined;
  let referral: string | undefined;
  for (const rr of plan.authority) {
    if (rr.type !== TYPE_NS) continue;
    if (!zones.some((z) => z.origin.key === rr.owner.key)) referral = rr.owner.key;
    break;
  }
  return classifyResponse({
    rcode: plan.rcode, qtype, qname: qnameKey, answerCount: plan.answer.length,
    zone, referral, wildcard: plan.wildcard?.key,
  });
}
