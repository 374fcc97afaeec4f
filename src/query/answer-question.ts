// answerQuestion: the opcode QUERY answer engine's entry point, from a question to an answer plan.
import { CLASS, RCODE, TYPE } from '../wire/index.js';
import type { ZoneDb } from '../zone/index.js';
import { answerChaos } from './chaos.js';
import { prepareSigning, signPlan } from './dnssec-seam.js';
import { PlanBuilder } from './plan-builder.js';
import { resolve } from './resolve.js';
import type { AnswerPlan, QueryOptions, QueryQuestion } from './types.js';

function emptyPlan(rcode: number): AnswerPlan {
  return { rcode, aa: false, answer: [], authority: [], additional: [], requiredAdditional: 0, zones: [] };
}

/** Classes other than IN, CH and ANY: REFUSED (NSD 4.6.1 also drops the question: QDCOUNT 0). */
const OTHER_CLASS = emptyPlan(RCODE.REFUSED);
/** refuse-any over UDP: an empty NOERROR; NSD sets TC=1 and drops the question (QDCOUNT 0). */
const ANY_REFUSED = emptyPlan(RCODE.NOERROR);

/**
 * Chooses the answer to one question from the served zones, as NSD 4.6 does (query.c). Pure: the
 * same zone snapshots and question always give the same plan. AXFR and IXFR are the process
 * layer's; asked here they are ordinary types with no data.
 */
export function answerQuestion(db: ZoneDb, q: QueryQuestion, opts: QueryOptions): AnswerPlan {
  if (q.qclass === CLASS.CH) return answerChaos(q, opts);
  if (q.qclass !== CLASS.IN && q.qclass !== CLASS.ANY) return OTHER_CLASS;
  if (q.qtype === TYPE.ANY && opts.refuseAny) return ANY_REFUSED;
  const b = new PlanBuilder();
  resolve({ db, q, opts, b, cnameCount: 0 });
  if (!q.dnssecOk) return b.finish();
  prepareSigning(b.usedZones);
  return b.finish(signPlan);
}
