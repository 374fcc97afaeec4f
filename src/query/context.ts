// The state one question carries through the solver steps: inputs, the plan being built, the CNAME count.
import type { ZoneDb } from '../zone/index.js';
import type { PlanBuilder } from './plan-builder.js';
import type { QueryOptions, QueryQuestion } from './types.js';

export interface QueryContext {
  readonly db: ZoneDb;
  readonly q: QueryQuestion;
  readonly opts: QueryOptions;
  readonly b: PlanBuilder;
  /** NSD's q->cname_count: CNAMEs followed and DNAMEs expanded so far (0 on the first step). */
  cnameCount: number;
}
