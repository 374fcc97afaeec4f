// Everything counted by one running server, and the baseline that `stats` (with reset) subtracts.
import { EventCounters } from './event-counters.js';
import { QueryCounters } from './query-counters.js';

/** A copy of the query counters at one moment. */
export interface QuerySnapshot {
  readonly queries: Float64Array;
  readonly qtype: Float64Array;
  readonly rcode: Float64Array;
  readonly opcode: Float64Array;
  readonly qclass: Float64Array;
  readonly misc: Float64Array;
}

function copy(c: QuerySnapshot): QuerySnapshot {
  return {
    queries: c.queries.slice(), qtype: c.qtype.slice(), rcode: c.rcode.slice(),
    opcode: c.opcode.slice(), qclass: c.qclass.slice(), misc: c.misc.slice(),
  };
}

function minus(a: Float64Array, b: Float64Array): Float64Array {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) out[i] -= b[i];
  return out;
}

/** The counters of a server: queries (hot path), events (rare), times; monotonic for Prometheus. */
export class ServerStats {
  readonly queries = new QueryCounters();
  readonly events = new EventCounters();
  /** Milliseconds since the epoch when the server started (time.boot). */
  readonly bootTime: number;
  private baseline: QuerySnapshot;
  private baselineTime: number;

  constructor(now: number = Date.now()) {
    this.bootTime = now;
    this.baselineTime = now;
    this.baseline = copy(new QueryCounters());
  }

  /** When the counters were last reset by `stats` (time.elapsed counts from here). */
  get sinceTime(): number {
    return this.baselineTime;
  }

  /**
   * The counts since the last reset (NSD's stats / stats_noreset). With `reset` the next report starts
   * from zero again; the cumulative counters themselves never go down.
   */
  sinceReset(reset: boolean, now: number = Date.now()): { counts: QuerySnapshot; elapsedMs: number } {
    const cur = copy(this.queries);
    const b = this.baseline;
    const counts: QuerySnapshot = {
      queries: minus(cur.queries, b.queries), qtype: minus(cur.qtype, b.qtype), rcode: minus(cur.rcode, b.rcode),
      opcode: minus(cur.opcode, b.opcode), qclass: minus(cur.qclass, b.qclass), misc: minus(cur.misc, b.misc),
    };
    const elapsedMs = now - this.baselineTime;
    if (reset) {
      this.baseline = cur;
      this.baselineTime = now;
    }
    return { counts, elapsedMs };
  }
}
