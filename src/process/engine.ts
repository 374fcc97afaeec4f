// The answer engine as the pipeline calls it: question in, answer plan out (query/answerQuestion fits this).
import type { Name } from '../wire/index.js';
import type { ZoneContentsLike } from './zones.js';

/** One RRset the engine chose (query/PlannedRRset). */
export interface PlannedRRsetLike {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly rdatas: readonly Uint8Array[];
  readonly ttls?: readonly number[];
  /** With DO=1: the RRSIGs over this RRset (query/PlannedRRset.rrsigs), written right after it. */
  readonly rrsigs?: PlannedRRsetLike;
}

/** The engine's decision, before any encoding (query/AnswerPlan). */
export interface AnswerPlanLike {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answer: readonly PlannedRRsetLike[];
  readonly authority: readonly PlannedRRsetLike[];
  readonly additional: readonly PlannedRRsetLike[];
  /** How many leading `additional` RRsets are required glue of a referral (RFC 9471 3.1: TC when they do not fit). */
  readonly requiredAdditional: number;
  /** The zones consulted; the encoded answer is reused only while these snapshots are current. */
  readonly zones: readonly ZoneContentsLike[];
}

export interface EngineQuestion {
  readonly qname: Name;
  readonly qtype: number;
  readonly qclass: number;
  readonly dnssecOk: boolean;
}

/** The options the engine honours (query/QueryOptions); undefined identity/version means hidden. */
export interface EngineOptions {
  readonly minimalResponses: boolean;
  readonly refuseAny: boolean;
  readonly identity: string | undefined;
  readonly version: string | undefined;
}

export type AnswerEngine<Db> = (db: Db, question: EngineQuestion, options: EngineOptions) => AnswerPlanLike;
