// rrl/: NSD's response rate limiting for UDP answers, pure (the clock is passed in; no timers, no imports).
export { RRL_CLASS, RRL_ALL, RRL_IP6, DEFAULT_RRL_OPTIONS, type RrlClassName, type RrlDecision, type RrlOptions, whitelistMask, rrlClassName } from './types.js';
export { ResponseRateLimiter, type RrlTestHooks } from './limiter.js';
export { classifyResponse, classifyPlan, type RrlResponse, type RrlClassification, type RrlPlanLike } from './classify.js';
export { nameHash } from './hash.js';
export { slipResponse } from './slip.js';
export { sourceOf, sourceMasks, prefixMask, SOURCE, type SourceMasks } from './source.js';
