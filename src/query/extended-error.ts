// The Extended DNS Error (RFC 8914) NSD 4.6 attaches to an answer, worked out from the question and the plan.
import { CLASS, RCODE } from '../wire/index.js';
import { chaosKind } from './chaos.js';
import type { AnswerPlan, QueryQuestion } from './types.js';

/** An EDE option's INFO-CODE and EXTRA-TEXT (RFC 8914 2). */
export interface ExtendedError {
  readonly code: number;
  readonly text?: string;
}

/** RFC 8914 4 INFO-CODEs NSD uses in answers. */
export const EDE = { OTHER: 0, PROHIBITED: 18, NOT_AUTHORITATIVE: 20, NOT_SUPPORTED: 21 } as const;

/**
 * The EDE nsd 4.6.1 sends (when the query has EDNS) with a plan from answerQuestion, checked with
 * dig: REFUSED for a name in none of our zones: 20; for a class other than IN, CH, ANY and for an
 * unknown CH question: 21; for a hidden identity or version: 18; YXDOMAIN from a DNAME: 0 with
 * "DNAME expansion became too large"; SERVFAIL from an NSEC3 hash collision (DO=1): 0 with "NSEC3
 * hash collision" (query.c, nsec3.c). Undefined for every other answer.
 */
export function extendedErrorOf(q: QueryQuestion, plan: Pick<AnswerPlan, 'rcode'>): ExtendedError | undefined {
  if (plan.rcode === RCODE.YXDOMAIN) return { code: EDE.OTHER, text: 'DNAME expansion became too large' };
  // The engine's only SERVFAIL: a name to prove absent hashes onto an NSEC3 (nsd 4.6.1's wording).
  if (plan.rcode === RCODE.SERVFAIL) return { code: EDE.OTHER, text: 'NSEC3 hash collision' };
  if (plan.rcode !== RCODE.REFUSED) return undefined;
  if (q.qclass === CLASS.CH) return { code: chaosKind(q) === undefined ? EDE.NOT_SUPPORTED : EDE.PROHIBITED };
  if (q.qclass !== CLASS.IN && q.qclass !== CLASS.ANY) return { code: EDE.NOT_SUPPORTED };
  return { code: EDE.NOT_AUTHORITATIVE };
}
