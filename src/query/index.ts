// query/: the answer engine for opcode QUERY: (ZoneDb, question, options) -> answer plan, pure.
export type { AnswerPlan, PlannedRRset, QueryOptions, QueryQuestion } from './types.js';
export { answerQuestion } from './answer-question.js';
export { optionalAuthorityFrom } from './plan-shape.js';
export { extendedErrorOf, EDE, type ExtendedError } from './extended-error.js';
