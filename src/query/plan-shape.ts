// Reading an AnswerPlan's shape: which authority RRsets NSD treats as optional when encoding.
import { TYPE } from '../wire/index.js';
import type { AnswerPlan } from './types.js';

/**
 * The index of the first optional authority RRset (authority.length when none is). The zone's apex
 * NS RRset added to a positive answer is optional: NSD drops it without setting TC when it does not
 * fit (OPTIONAL_AUTHORITY_SECTION). Every other authority RRset (the SOA of a negative answer, the
 * NS of a referral, also after a CNAME) is required. A referral's NS is never owned by a zone
 * origin of the plan (that name would be answered from its own zone), which tells the two apart.
 */
export function optionalAuthorityFrom(plan: AnswerPlan): number {
  const auth = plan.authority;
  if (plan.rcode !== 0 || plan.answer.length === 0) return auth.length;
  for (let i = 0; i < auth.length; i++) {
    const r = auth[i];
    if (r.type === TYPE.NS && plan.zones.some((z) => z.origin.key === r.owner.key)) return i;
  }
  return auth.length;
}
