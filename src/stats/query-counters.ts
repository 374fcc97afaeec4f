// Per-request counters as flat Float64Arrays indexed by transport, qtype, rcode: plain increments on the query path.

/** Transports as counted (NSD's num.udp, num.udp6, num.tcp, num.tcp6). */
export const TRANSPORTS = ['udp', 'udp6', 'tcp', 'tcp6'] as const;
export type TransportName = (typeof TRANSPORTS)[number];
export const TRANSPORT_COUNT = TRANSPORTS.length;

/** QTYPE 0..255 each have a slot; every larger type (TYPE65534, ...) shares the last one. */
export const QTYPE_SLOTS = 257;
export const QTYPE_OTHER = 256;
/** RCODE 0..15 from the header, 16 for BADVERS (RFC 6891 6.1.3: the extended RCODE of the OPT). */
export const RCODE_SLOTS = 17;
export const RCODE_BADVERS = 16;
/** QCLASS 0..255; larger ones share the last slot. */
export const QCLASS_SLOTS = 257;

/** Scalar counters, by index into QueryCounters.misc. */
export const MISC = {
  /** Requests with an OPT record (num.edns). */
  EDNS: 0,
  /** Requests whose OPT could not be used: a version we do not speak (num.ednserr). */
  EDNS_ERROR: 1,
  /** NOERROR answers without AA, referrals included (num.answer_wo_aa). */
  ANSWER_WO_AA: 2,
  /** Answers with TC set (num.truncated). */
  TRUNCATED: 3,
  /** Requests that got no answer at all (num.dropped). */
  DROPPED: 4,
  /** Malformed requests: answered with FORMERR, or too short to hold a header (dropped). */
  MALFORMED: 5,
  /** AXFR / IXFR requests answered (num.raxfr, num.rixfr). */
  AXFR: 6,
  IXFR: 7,
  // Counted by the bad-traffic sink (service/traffic-log.ts), not by observe: rare by definition.
  /** UDP answers RRL dropped (also in DROPPED) and replaced by a TC=1 slip (also in TRUNCATED). */
  RRL_DROPPED: 8,
  RRL_SLIPPED: 9,
  /** TCP connections closed at once because tcp-count were open (tcp-reject-overflow, or the wait queue full). */
  TCP_REJECTED: 10,
  /** TCP connections closed by tcp-timeout. */
  TCP_TIMEOUT: 11,
  /** TCP connections closed for a length prefix too short for a query. */
  TCP_BAD_LENGTH: 12,
  /** UDP answers the system would not send (num.txerr). */
  TXERR: 13,
} as const;
export const MISC_SLOTS = 14;

/** What the counter needs to know of a parsed request (process/ ParsedRequest has these fields). */
export interface RequestFacts {
  readonly qtype: number;
  readonly qclass: number;
  /** 0: no OPT, 1: a usable OPT, 2: an OPT with an unknown version. */
  readonly edns: number;
}

/** What the transport says about a request. */
export interface TransportFacts {
  readonly transport: 'udp' | 'tcp';
  readonly family: 4 | 6;
}

const QTYPE_AXFR = 252;
const QTYPE_IXFR = 251;
const FORMERR = 1;

/**
 * The counters of every request. A request costs a handful of array increments and no allocation;
 * nothing here is ever reset: `nsd-control stats` subtracts a saved copy (see StatsBaseline) so the
 * Prometheus counters stay monotonic.
 */
export class QueryCounters {
  /** Requests per transport. */
  readonly queries = new Float64Array(TRANSPORT_COUNT);
  /** [transport * QTYPE_SLOTS + qtype]: requests whose question was read. */
  readonly qtype = new Float64Array(TRANSPORT_COUNT * QTYPE_SLOTS);
  /** [transport * RCODE_SLOTS + rcode]: answers sent. */
  readonly rcode = new Float64Array(TRANSPORT_COUNT * RCODE_SLOTS);
  readonly opcode = new Float64Array(16);
  readonly qclass = new Float64Array(QCLASS_SLOTS);
  readonly misc = new Float64Array(MISC_SLOTS);

  /**
   * Counts one request and its answer (null: none was sent; 'stream': a zone transfer of many messages, counted
   * as NOERROR). The question fields of `req` are only read when the answer echoes a question (QDCOUNT 1),
   * which is exactly when they were read for this request.
   */
  observe(request: Uint8Array, response: Uint8Array | null | 'stream', ctx: TransportFacts, req: RequestFacts): void {
    const t = (ctx.transport === 'udp' ? 0 : 2) + (ctx.family === 6 ? 1 : 0);
    this.queries[t]++;
    if (request.length < 12) {
      this.misc[MISC.DROPPED]++;
      this.misc[MISC.MALFORMED]++;
      return;
    }
    this.opcode[(request[2] >> 3) & 0xf]++;
    if (req.edns === 1) this.misc[MISC.EDNS]++;
    else if (req.edns === 2) this.misc[MISC.EDNS_ERROR]++;
    if (response === 'stream') {
      this.rcode[t * RCODE_SLOTS]++;
      this.question(t, req);
      return;
    }
    if (response === null || response.length < 12) {
      this.misc[MISC.DROPPED]++;
      return;
    }
    const flags = response[2];
    let rcode = response[3] & 0xf;
    if (rcode === 0 && req.edns === 2) rcode = RCODE_BADVERS;
    this.rcode[t * RCODE_SLOTS + rcode]++;
    if ((flags & 0x02) !== 0) this.misc[MISC.TRUNCATED]++;
    if (rcode === 0 && (flags & 0x04) === 0) this.misc[MISC.ANSWER_WO_AA]++;
    if (rcode === FORMERR) this.misc[MISC.MALFORMED]++;
    if (response[4] === 0 && response[5] === 1) this.question(t, req);
  }

  private question(t: number, req: RequestFacts): void {
    const qtype = req.qtype;
    this.qtype[t * QTYPE_SLOTS + (qtype < QTYPE_OTHER ? qtype : QTYPE_OTHER)]++;
    this.qclass[req.qclass < 256 ? req.qclass : 256]++;
    if (qtype === QTYPE_AXFR) this.misc[MISC.AXFR]++;
    else if (qtype === QTYPE_IXFR) this.misc[MISC.IXFR]++;
  }
}
