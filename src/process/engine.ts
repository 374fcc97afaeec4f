// The answer engine as the pipeline calls it: query/'s question, options and plan, over the pipeline's zone set.
import type { AnswerPlan, PlannedRRset, QueryOptions, QueryQuestion } from '../query/index.js';
import type { ZoneContentsLike } from './zones.js';

/** One RRset the engine chose: query/PlannedRRset itself (the pipeline keeps its old name for it). */
export type PlannedRRsetLike = PlannedRRset;

/**
 * The engine's decision, before any encoding: query/AnswerPlan, except that the zones consulted need
 * only be what the pipeline reads of them (their origin, for the answer cache), so tests can plan
 * answers without building snapshots.
 */
export interface AnswerPlanLike extends Omit<AnswerPlan, 'zones'> {
  /** The zones consulted; the encoded answer is reused only while these snapshots are current. */
  readonly zones: readonly ZoneContentsLike[];
}

/** The question (query/QueryQuestion). */
export type EngineQuestion = QueryQuestion;

/** The options the engine honours (query/QueryOptions); undefined identity/version means hidden. */
export type EngineOptions = QueryOptions;

export type AnswerEngine<Db> = (db: Db, question: EngineQuestion, options: EngineOptions) => AnswerPlanLike;
