// process/: the request pipeline (decode, sanity, EDNS, route, answer, encode, cache); no sockets.
export type { RequestContext, RequestHandler, ProcessOptions, TcpResponse, Transport } from './types.js';
export { DEFAULT_PROCESS_OPTIONS } from './types.js';
export { QueryProcessor, type ProcessorInit, type RequestObserver } from './query-processor.js';
export type { AnswerEngine, AnswerPlanLike, PlannedRRsetLike, EngineQuestion, EngineOptions } from './engine.js';
export { inUnloadedZone, unservedZone, type ServedZones, type ZoneDbLike, type ZoneContentsLike } from './zones.js';
export { ParsedRequest, parseRequest, skipName, Verdict } from './request.js';
export { encodeAnswer, Part, type EncodeInput, type EncodeItem } from './encode-answer.js';
export { AnswerCache } from './answer-cache.js';
export { ErrorLimiter, ERROR_RATELIMIT } from './error-limit.js';
export { clientText, type ProcessEvent, type XfrKind, type XfrZone, type XfrZones } from './xfr-zones.js';
export { ProcessError } from './errors.js';
export { Traffic, TRAFFIC_KINDS, type TrafficSink } from './traffic.js';
export { RrlStage, type RrlStageInit } from './rrl-stage.js';
