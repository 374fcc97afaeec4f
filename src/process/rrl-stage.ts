// The pipeline's RRL step (NSD server.c after query_process): the class of the answer being made, then rrl/'s decision.
import { classifyPlan, classifyResponse, nameHash, RRL_CLASS, slipResponse, type ResponseRateLimiter } from '../rrl/index.js';
import type { AnswerPlanLike } from './engine.js';
import type { ParsedRequest } from './request.js';
import { Traffic, type TrafficSink } from './traffic.js';
import type { RequestContext } from './types.js';

/** The class of a response RRL does not count (NSD rrl_process_query: no qname); no real class has bit 31. */
const RRL_SKIP = -1;
/** "Not classified yet": the class is read from the encoded response (see classifyOut). */
const UNCLASSIFIED = 0;
const NO_NAME_HASH = nameHash('');

export interface RrlStageInit {
  /** The table; absent or disabled, every answer goes out and nothing here costs more than a compare. */
  readonly rrl?: ResponseRateLimiter;
  /** A zone's rrl-whitelist as an RRL class mask, by its origin key (Name.key form). */
  readonly whitelist?: (originKey: string) => number;
  /** Milliseconds since the epoch (injected in tests). */
  readonly nowMs: () => number;
  /** Told of every dropped and slipped answer (counted and logged by the service). */
  readonly sink?: TrafficSink;
}

/**
 * The answer being made leaves its RRL class here (with the zone's rrl-whitelist mask << 16) and the
 * hash of the name it counts under, set by whichever step chose the answer: the engine's plan on a
 * cache miss, the cache entry on a hit (so a hit costs two integers and one table update), or, for
 * answers made outside the engine, the encoded response itself. Two integers, no allocation.
 */
export class RrlStage {
  private readonly rrl: ResponseRateLimiter | undefined;
  private readonly whitelist: (originKey: string) => number;
  private readonly nowMs: () => number;
  private readonly sink: TrafficSink | undefined;
  /** RRL_CLASS bit | whitelist mask << 16; UNCLASSIFIED or RRL_SKIP. */
  rclass = UNCLASSIFIED;
  /** nameHash of the name the answer counts under. */
  name = 0;

  constructor(init: RrlStageInit) {
    this.rrl = init.rrl?.enabled ? init.rrl : undefined;
    this.whitelist = init.whitelist ?? (() => 0);
    this.nowMs = init.nowMs;
    this.sink = init.sink;
  }

  /** Whether answers are classified at all (the engine's plan is only read when they are). */
  get enabled(): boolean {
    return this.rrl !== undefined;
  }

  /** A new request: its class is not known yet. */
  begin(): void {
    this.rclass = UNCLASSIFIED;
  }

  /** Not limited by RRL: FORMERR and NOTIMP go through NSD's error rate limit instead (no qname to count under). */
  skip(): void {
    this.rclass = RRL_SKIP;
  }

  /** An answer from the cache: the class it was given when it was made. */
  reuse(rclass: number, name: number): void {
    this.rclass = rclass;
    this.name = name;
  }

  /** SERVFAIL for a zone that is configured but not served: an error counted under no zone (none is served there). */
  unserved(): void {
    this.rclass = RRL_CLASS.error;
    this.name = NO_NAME_HASH;
  }

  /** NSD rrl_classify of an engine answer, with the answering zone's rrl-whitelist. */
  classifyPlan(plan: AnswerPlanLike, req: ParsedRequest): void {
    const c = classifyPlan(plan, req.qtype, req.key);
    const zones = plan.zones;
    const mask = zones.length > 0 ? this.whitelist(zones[zones.length - 1].origin.key) : 0;
    this.rclass = c.rclass | (mask << 16);
    this.name = c.name === '' ? NO_NAME_HASH : nameHash(c.name);
  }

  /**
   * NSD server.c after query_process: over UDP only, once the answer is chosen. Over the rate the
   * answer is dropped, or every rrl-slip-th one goes out empty with TC=1 (rrl_slip).
   */
  apply(out: Uint8Array | null, ctx: RequestContext, req: ParsedRequest): Uint8Array | null {
    if (out === null || this.rrl === undefined || ctx.transport !== 'udp' || this.rclass === RRL_SKIP) return out;
    if (this.rclass === UNCLASSIFIED) this.classifyOut(out, req);
    const c = this.rclass;
    const d = this.rrl.check(ctx.address ?? '', c & 0xffff, this.name, this.nowMs() / 1000, c >>> 16);
    if (d === 'send') return out;
    if (d === 'drop') {
      this.sink?.note(Traffic.RRL_DROPPED, ctx.address);
      return null;
    }
    this.sink?.note(Traffic.RRL_SLIPPED, ctx.address);
    return slipResponse(out);
  }

  /** The class of a response made outside the answer engine (CH, refuse-any, NOTIFY, IXFR over UDP, errors). */
  private classifyOut(out: Uint8Array, req: ParsedRequest): void {
    const ancount = (out[6] << 8) | out[7];
    const c = classifyResponse({ rcode: out[3] & 0xf, qtype: req.qtype, qname: req.key, answerCount: ancount });
    this.rclass = c.rclass;
    this.name = c.name === '' ? NO_NAME_HASH : nameHash(c.name);
  }
}
