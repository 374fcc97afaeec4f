// The request pipeline: parse and sanity-check, TSIG, EDNS, route by opcode, class and type, answer, encode, cache, sign.
import type { TsigKeyring, TsigRequestOk } from '../tsig/index.js';
import { MessageWriter, Name } from '../wire/index.js';
import { copyOf } from './bytes.js';
import { AnswerCache, reuseAnswer, stillCurrent } from './answer-cache.js';
import { answerChaos } from './chaos.js';
import type { Decision } from './decision.js';
import { encodeAnswer } from './encode-answer.js';
import type { AnswerEngine } from './engine.js';
import { ErrorLimiter } from './error-limit.js';
import { ProcessError } from './errors.js';
import { answerNotify } from './notify.js';
import { decisionFromPlan } from './plan-items.js';
import { EDNS_BADVERS, EDNS_OK, ParsedRequest, parseRequest, Verdict } from './request.js';
import { EDE, responseOpt, serverUdpSize } from './response-opt.js';
import { AA, answerFlags, errorFlags, formerrFlags, QR, simpleResponse, TC } from './simple-response.js';
import { QTYPE_AXFR, QTYPE_IXFR, answerTransfer } from './transfer.js';
import { checkRequestTsig, signAnswer, type TsigContext } from './tsig-stage.js';
import { tsigResponseSize } from '../tsig/index.js';
import type { ResponseRateLimiter } from '../rrl/index.js';
import { RrlStage } from './rrl-stage.js';
import { Traffic, type TrafficSink } from './traffic.js';
import type { ProcessOptions, RequestContext, RequestHandler, TcpResponse } from './types.js';
import { clientText, type ProcessEvent, type XfrZones } from './xfr-zones.js';
import { unservedZone, type ServedZones, type ZoneContentsLike, type ZoneDbLike } from './zones.js';

const CLASS_IN = 1;
const CLASS_CH = 3;
const CLASS_ANY = 255;
const TYPE_ANY = 255;
const RCODE_FORMERR = 1;
const RCODE_SERVFAIL = 2;
const RCODE_NOTIMP = 4;
const RCODE_REFUSED = 5;
const RCODE_NOTAUTH = 9;
const UPDATE = 5;
/** Without EDNS, or with a smaller EDNS size, a UDP answer is at most 512 octets (RFC 1035 4.2.1, RFC 6891 6.2.5). */
const UDP_MIN = 512;
const TCP_MAX = 65535;
/** NSD's IPV4/IPV6_MINIMAL_RESPONSE_SIZE: optional RRsets stop there over UDP. */
const MINIMAL_V4 = 1232;
const MINIMAL_V6 = 1220;
/**
 * The answer cache's default bounds. The bytes bound is the one that counts: about 140,000 answers of
 * the bench's mix (issue 7) fit in 64 MB, four times the 30,753 distinct questions of its 10,000-name
 * zone. The cache is empty at rest, so this costs nothing until queries come.
 */
const DEFAULT_CACHE_ENTRIES = 1_000_000;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
const NO_ZONES: readonly ZoneContentsLike[] = [];
const OPCODE_QUERY = 0;

export interface ProcessorInit<Db extends ZoneDbLike> {
  readonly options: ProcessOptions;
  /** The current served zones; the service swaps the object on every (re)load. */
  readonly zones: () => ServedZones<Db>;
  readonly engine: AnswerEngine<Db>;
  /** Encoded answers kept for reuse at most (0 disables the cache). */
  readonly cacheEntries?: number;
  /** Octets the answer cache may hold (answers plus their bookkeeping, answer-cache ENTRY_OVERHEAD each). */
  readonly cacheBytes?: number;
  /** Milliseconds since the epoch, for the error rate limit (injected in tests). */
  readonly now?: () => number;
  /** ops: counts every request and its answer (stats/ QueryCounters implements it). */
  readonly observer?: RequestObserver;
  /** The TSIG keys (nsd.conf key: clauses); without them every signed request is NOTAUTH/BADKEY. */
  readonly keyring?: TsigKeyring;
  /** The transfer view of the zones (provide-xfr, allow-notify, snapshots, journals); without it transfers are refused. */
  readonly xfr?: XfrZones;
  /** Transfer, NOTIFY and TSIG events for the log. */
  readonly onEvent?: (e: ProcessEvent) => void;
  /** harden2: response rate limiting of UDP answers (NSD rrl.c); absent or disabled, every answer goes out. */
  readonly rrl?: ResponseRateLimiter;
  /** harden2: a zone's rrl-whitelist as an RRL class mask, by its origin key (Name.key form). */
  readonly rrlWhitelist?: (originKey: string) => number;
  /** Malformed, refused, error-limited and rate-limited requests, for the counters and the rate-limited log. */
  readonly traffic?: TrafficSink;
}

/** ops: the counting point of the pipeline: called once per request with the answer chosen (null: none; 'stream': an AXFR/IXFR over TCP). */
export interface RequestObserver {
  observe(request: Uint8Array, response: Uint8Array | null | 'stream', ctx: RequestContext, req: ParsedRequest): void;
}

/**
 * Turns one request into zero or one response (or, for AXFR and IXFR over TCP, a stream of messages),
 * as NSD 4.6.1 does (query.c query_process). One instance serves any number of transports; it is not
 * re-entrant across awaits because it never awaits (a transfer's messages are made as they are pulled,
 * from an immutable snapshot, with their own writer).
 */
export class QueryProcessor<Db extends ZoneDbLike> implements RequestHandler {
  private readonly options: ProcessOptions;
  private readonly zones: () => ServedZones<Db>;
  private readonly engine: AnswerEngine<Db>;
  private readonly req = new ParsedRequest();
  private readonly writer = new MessageWriter(TCP_MAX);
  private readonly cache: AnswerCache;
  private readonly limiter: ErrorLimiter;
  private cacheOwner: ServedZones<Db> | null = null;
  private cacheGeneration: number | undefined = undefined;
  private rotation = 0;
  private readonly tsig: TsigContext;
  private readonly xfr: XfrZones | undefined;
  private readonly onEvent: ((e: ProcessEvent) => void) | undefined;
  /** The verified TSIG of the request being answered (its answer is signed), else null. */
  private verified: TsigRequestOk | null = null;
  /** Octets kept free for that TSIG in a single-message answer. */
  private reserve = 0;
  private readonly observer: RequestObserver | undefined; // ops: stats
  private readonly traffic: TrafficSink | undefined;
  /** RRL: the class of the answer being made, and the limiter's decision on it. */
  private readonly rrl: RrlStage;

  constructor(init: ProcessorInit<Db>) {
    this.options = init.options;
    this.zones = init.zones;
    this.engine = init.engine;
    this.cache = new AnswerCache({ maxEntries: init.cacheEntries ?? DEFAULT_CACHE_ENTRIES, maxBytes: init.cacheBytes ?? DEFAULT_CACHE_BYTES });
    this.limiter = new ErrorLimiter(init.now);
    this.observer = init.observer; // ops: stats
    const nowMs = init.now ?? Date.now;
    this.tsig = { keyring: init.keyring ?? null, now: () => nowMs() / 1000 };
    this.traffic = init.traffic;
    this.rrl = new RrlStage({ rrl: init.rrl, whitelist: init.rrlWhitelist, nowMs, sink: init.traffic });
    this.xfr = init.xfr;
    this.onEvent = init.onEvent;
  }

  /** Entries in the answer cache (for tests and stats). */
  get cachedAnswers(): number {
    return this.cache.size;
  }

  /** One message or none; an AXFR or IXFR over TCP must go through handleTcp (it may take many messages). */
  handle(request: Uint8Array, ctx: RequestContext): Uint8Array | null {
    this.rrl.begin();
    const r = this.respond(request, ctx);
    if (r === null || r instanceof Uint8Array) return this.counted(request, this.rrl.apply(r, ctx, this.req), ctx);
    const first = r.next();
    if (first.done) return this.counted(request, null, ctx);
    if (!r.next().done) throw new ProcessError('MULTI_MESSAGE', 'a transfer of several messages was asked through handle(): use handleTcp()');
    return this.counted(request, this.rrl.apply(first.value, ctx, this.req), ctx);
  }

  handleTcp(request: Uint8Array, ctx: RequestContext): TcpResponse {
    const r = this.respond(request, ctx);
    if (r instanceof Uint8Array) this.noteRefused(r, ctx);
    this.observer?.observe(request, r === null || r instanceof Uint8Array ? r : 'stream', ctx, this.req); // ops: stats
    return r;
  }

  /** ops: the counting point (stats/): one call per request with the answer chosen; plain increments. */
  private counted(request: Uint8Array, out: Uint8Array | null, ctx: RequestContext): Uint8Array | null {
    if (out !== null) this.noteRefused(out, ctx);
    this.observer?.observe(request, out, ctx, this.req);
    return out;
  }

  /**
   * A QUERY refused (a name or class we do not serve) is bad traffic worth a log line; refused
   * transfers and NOTIFYs are logged as events of their own. One octet compared per answer.
   */
  private noteRefused(out: Uint8Array, ctx: RequestContext): void {
    if ((out[3] & 0xf) !== RCODE_REFUSED || this.traffic === undefined) return;
    const req = this.req;
    if (req.opcode === OPCODE_QUERY && req.qtype !== QTYPE_AXFR && req.qtype !== QTYPE_IXFR) this.traffic.note(Traffic.REFUSED, ctx.address);
  }

  private respond(request: Uint8Array, ctx: RequestContext): TcpResponse {
    const req = this.req;
    this.verified = null;
    this.reserve = 0;
    switch (parseRequest(request, this.options.nsid !== null, req)) {
      case Verdict.DROP:
        // Too short for a header is malformed; a response (QR=1) is dropped silently, as NSD does.
        if (request.length < 12) this.traffic?.note(Traffic.MALFORMED, ctx.address);
        return null;
      case Verdict.NOTIMP:
        if (this.options.dropUpdates && req.opcode === UPDATE) return null;
        return this.limited(request, errorFlags(req.flags, RCODE_NOTIMP), ctx);
      case Verdict.FORMERR:
        this.traffic?.note(Traffic.MALFORMED, ctx.address);
        return this.limited(request, formerrFlags(req.flags), ctx);
      case Verdict.FORMERR_CLEAR:
        this.traffic?.note(Traffic.MALFORMED, ctx.address);
        return this.limited(request, QR | RCODE_FORMERR, ctx);
      case Verdict.NOTIFY:
        return answerNotify(request, req, ctx, { configured: this.zones().configured, zones: this.xfr, tsig: this.tsig, onEvent: this.onEvent });
      case Verdict.EMPTY_WITH_OPT:
        return simpleResponse(request, answerFlags(req.flags, 0), { questionEnd: 0, opt: responseOpt(req, this.options, ctx.family) });
      case Verdict.TSIG_BADKEY:
        return this.signedRequest(request, ctx);
      case Verdict.BADVERS:
        return this.badVers(request, ctx);
      default:
        return this.query(request, ctx);
    }
  }

  /** RFC 6891 6.1.3: BADVERS is 16, its upper bits in the OPT; NSD keeps the request's flags. */
  private badVers(request: Uint8Array, ctx: RequestContext): Uint8Array {
    const req = this.req;
    return this.finish(simpleResponse(request, errorFlags(req.flags, 0), { questionEnd: req.questionEnd, opt: responseOpt(req, this.options, ctx.family) }));
  }

  /** FORMERR and NOTIMP go through NSD's error rate limit; neither carries an OPT or the question. */
  private limited(request: Uint8Array, flags: number, ctx: RequestContext): Uint8Array | null {
    this.rrl.skip(); // NSD's error rate limit applies instead (no qname to count under)
    if (this.limiter.exceeded()) {
      this.traffic?.note(Traffic.ERROR_LIMITED, ctx.address);
      return null;
    }
    return simpleResponse(request, flags, { questionEnd: 0, opt: null });
  }

  /**
   * A request with a TSIG (NSD process_tsig, before EDNS): a failure is answered at once (RFC 8945 5.2);
   * a verified request goes on, and its answer is signed with the same key over the request MAC.
   */
  private signedRequest(request: Uint8Array, ctx: RequestContext): TcpResponse {
    const req = this.req;
    const check = checkRequestTsig(request, req.flags, req.tsig, this.tsig, responseOpt(req, this.options, ctx.family));
    if (!check.ok) {
      const r = check.result;
      const key = req.tsig?.keyName.toString() ?? '?';
      this.onEvent?.({ type: 'tsig-failed', client: clientText(ctx.address, ctx.port), key, error: r?.tsigError ?? 17, reason: r?.reason ?? 'no keys configured' });
      return check.answer;
    }
    this.verified = check.verified;
    this.reserve = tsigResponseSize(check.verified);
    return req.edns === EDNS_BADVERS ? this.badVers(request, ctx) : this.query(request, ctx);
  }

  /** The answer as sent: with its TSIG when the request was signed (RFC 8945 5.3). */
  private finish(out: Uint8Array): Uint8Array {
    return this.verified ? signAnswer(out, this.verified, this.tsig.now) : out;
  }

  /** A QUERY: class, transfer and refuse-any routing, then the cached or freshly encoded answer. */
  private query(request: Uint8Array, ctx: RequestContext): TcpResponse {
    const req = this.req;
    const flags = answerFlags(req.flags, 0);
    if (req.qclass !== CLASS_IN && req.qclass !== CLASS_ANY && req.qclass !== CLASS_CH) {
      const opt = responseOpt(req, this.options, ctx.family, { code: EDE.NOT_SUPPORTED });
      return this.finish(simpleResponse(request, flags | RCODE_REFUSED, { questionEnd: 0, opt }));
    }
    if (req.qclass !== CLASS_CH && (req.qtype === QTYPE_AXFR || req.qtype === QTYPE_IXFR)) return this.transfer(request, ctx);
    if (req.qtype === TYPE_ANY && this.options.refuseAny && ctx.transport === 'udp' && req.qclass !== CLASS_CH) {
      // RFC 8482 4.1 allows TC for ANY over UDP; NSD's refuse-any sends an empty TC answer without the question.
      return this.finish(simpleResponse(request, flags | TC, { questionEnd: 0, opt: responseOpt(req, this.options, ctx.family) }));
    }
    return this.answer(request, ctx);
  }

  /** AXFR or IXFR: a refusal as one message, IXFR over UDP as one message, or the stream (signed message by message). */
  private transfer(request: Uint8Array, ctx: RequestContext): TcpResponse {
    const req = this.req;
    const a = answerTransfer({
      request, req, ctx, configured: this.zones().configured, zones: this.xfr, verified: this.verified, now: this.tsig.now,
      opt: responseOpt(req, this.options, ctx.family), udpLimit: this.transportLimit({ ...ctx, transport: 'udp' }), onEvent: this.onEvent,
    });
    if ('decision' in a) return this.finish(this.encode(request, ctx, a.decision));
    if (ctx.transport === 'tcp') return a.messages;
    // Over UDP an IXFR is one message (RFC 1995 2); pulling once more ends the stream (and reports it).
    const one = a.messages.next();
    if (!a.messages.next().done) a.messages.return?.();
    return one.done ? null : one.value;
  }

  private answer(request: Uint8Array, ctx: RequestContext): Uint8Array {
    const req = this.req;
    const served = this.zones();
    const db = served.db;
    // New served zones, or a db changed in place (ZoneDb counts its changes): the cache starts afresh.
    if (served !== this.cacheOwner || db.generation !== this.cacheGeneration) {
      this.cache.reset();
      this.cacheOwner = served;
      this.cacheGeneration = db.generation;
    }
    const useCache = this.cache.enabled && !this.options.roundRobin;
    const limit = this.limit(ctx);
    const slot = useCache ? this.cacheSlot(ctx) : 0;
    if (useCache) {
      const hit = this.cache.get(req.key, slot, limit);
      if (hit !== undefined) {
        // A db without a change count is asked, per answer, whether its snapshots are still served.
        if (this.cacheGeneration !== undefined || stillCurrent(hit, db)) {
          this.rrl.reuse(hit.rrlClass, hit.rrlName); // classified when it was made
          return this.finish(reuseAnswer(hit, request, req.questionEnd));
        }
        this.cache.delete(req.key, slot);
      }
    }
    const qname = this.lowerQname(request);
    const decision = this.decide(qname, served, ctx.family);
    if (!useCache || !decision.cacheable) return this.finish(this.encode(request, ctx, decision, qname));
    // One copy for the cache, then the response made from it exactly as a later hit makes it.
    // The zones are kept only where each hit is checked against them (a db without a change count).
    const zones = this.cacheGeneration === undefined ? decision.zones : NO_ZONES;
    const entry = this.cache.set(req.key, slot, this.encodeView(ctx, decision, qname), zones, limit, this.rrl.rclass, this.rrl.name);
    return this.finish(reuseAnswer(entry, request, req.questionEnd));
  }

  private decide(qname: Name, served: ServedZones<Db>, family: 4 | 6): Decision {
    const req = this.req;
    if (req.qclass === CLASS_CH) return answerChaos(qname, req.qtype, this.options);
    const unserved = unservedZone(served, req.key);
    if (unserved !== null) {
      // NSD answer_lookup_zone: an expired secondary is SERVFAIL; a zone that never loaded says so in EDE 14.
      const ede = unserved === 'expired' ? undefined : { code: EDE.NOT_READY, text: 'Zone is configured but not loaded' };
      this.rrl.unserved();
      return { rcode: RCODE_SERVFAIL, aa: false, items: [], ede, zones: [], cacheable: true };
    }
    const o = this.options;
    // refuse-any and CH are routed before this point (they change the question echo and add EDE).
    const question = { qname, qtype: req.qtype, qclass: req.qclass, dnssecOk: req.dnssecOk };
    const plan = this.engine(served.db, question, {
      minimalResponses: o.minimalResponses,
      refuseAny: false,
      identity: o.hideIdentity ? undefined : o.identity,
      version: o.hideVersion ? undefined : o.version,
    });
    if (this.rrl.enabled) this.rrl.classifyPlan(plan, req);
    return decisionFromPlan(plan, family, question); // finish: with the question, the engine's EDE (query/extendedErrorOf)
  }

  /** Encodes a decision for this request: question echoed, our OPT, the size limit of the transport. */
  private encode(request: Uint8Array, ctx: RequestContext, d: Decision, name?: Name): Uint8Array {
    const req = this.req;
    const encoded = this.encodeView(ctx, d, name ?? this.lowerQname(request));
    // From Node's pool (every octet is written): cheaper than a fresh ArrayBuffer per answer.
    const out = Buffer.allocUnsafe(encoded.length);
    out.set(encoded);
    out[0] = request[0];
    out[1] = request[1];
    for (let i = 12; i < req.questionEnd; i++) out[i] = request[i]; // the question as asked, case and all
    return out;
  }

  /** The answer in the writer's buffer (valid until the next encode), ID 0 and the lower-cased question. */
  private encodeView(ctx: RequestContext, d: Decision, qname: Name): Uint8Array {
    const req = this.req;
    const udp = ctx.transport === 'udp';
    return encodeAnswer(this.writer, {
      qname,
      qtype: req.qtype,
      qclass: req.qclass,
      flags: answerFlags(req.flags, d.rcode) | (d.aa ? AA : 0),
      opt: responseOpt(req, this.options, ctx.family, d.ede),
      limit: this.limit(ctx),
      minimalSize: udp ? (ctx.family === 6 ? MINIMAL_V6 : MINIMAL_V4) : 0,
      rotate: this.options.roundRobin ? this.rotation++ : 0,
      items: d.items,
    });
  }

  /**
   * The question name lower-cased, as NSD normalises it (query.c process_query_section): names the
   * engine derives from it (a DNAME's CNAME target) are then the same for every asker, which NSD
   * does and the answer cache needs. Names equal to the question are written as pointers to it, so
   * they still show the asker's case.
   */
  private lowerQname(request: Uint8Array): Name {
    const req = this.req;
    const wire = copyOf(request, 12, req.qnameEnd);
    for (let i = 0; i < wire.length; i++) if (wire[i] >= 0x41 && wire[i] <= 0x5a) wire[i] += 32;
    return new Name(wire, req.labels);
  }

  /**
   * NSD process_edns: over UDP the smaller of the client's size and ours, but never below 512; less
   * the room for the response TSIG of a signed request (NSD reserves it the same way).
   */
  private limit(ctx: RequestContext): number {
    return this.transportLimit(ctx) - this.reserve;
  }

  private transportLimit(ctx: RequestContext): number {
    if (ctx.transport === 'tcp') return TCP_MAX;
    const req = this.req;
    if (req.edns !== EDNS_OK || req.udpSize <= UDP_MIN) return UDP_MIN;
    return Math.max(UDP_MIN, Math.min(req.udpSize, serverUdpSize(this.options, ctx.family)));
  }

  /** Type, class and response shape in one small integer (23 bits); the name and the limit are keyed apart. */
  private cacheSlot(ctx: RequestContext): number {
    const req = this.req;
    const klass = req.qclass === CLASS_IN ? 0 : req.qclass === CLASS_ANY ? 1 : req.qclass === CLASS_CH ? 2 : 3;
    const shape =
      (req.edns === EDNS_OK ? 1 : 0) | (req.dnssecOk ? 2 : 0) | (req.nsidAsked ? 4 : 0) | (ctx.family === 6 ? 8 : 0) | (ctx.transport === 'tcp' ? 16 : 0);
    return (((req.qtype << 2) | klass) << 5) | shape;
  }
}
