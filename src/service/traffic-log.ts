// Bad traffic counted and logged at a rate limit: at most one line per kind a second, with the count and an example source.
import { Traffic, TRAFFIC_KINDS, type TrafficSink } from '../process/index.js';
import { MISC } from '../stats/index.js';
import type { Logger } from './logger.js';

/** The shortest time between two lines of one kind. */
const INTERVAL_MS = 1000;

interface KindInfo {
  /** The QueryCounters.misc slot the kind is counted in, or -1 when observe already counts it (dropped, FORMERR, REFUSED). */
  readonly slot: number;
  /** The verbosity the line needs (NSD's level for the message, or 2 where NSD has no message). */
  readonly verbosity: number;
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

/** By Traffic value. */
const KINDS: readonly KindInfo[] = [
  { slot: -1, verbosity: 2, level: 'info', text: 'malformed messages (answered FORMERR or dropped)' },
  { slot: -1, verbosity: 2, level: 'info', text: 'error answers dropped by the error rate limit' },
  { slot: -1, verbosity: 2, level: 'info', text: 'queries refused' },
  // NSD rrl.c logs "ratelimit block" and "unblock" at verbosity 2.
  { slot: MISC.RRL_DROPPED, verbosity: 2, level: 'info', text: 'ratelimit: answers dropped' },
  { slot: MISC.RRL_SLIPPED, verbosity: 2, level: 'info', text: 'ratelimit: answers sent truncated (slip)' },
  { slot: MISC.TCP_REJECTED, verbosity: 2, level: 'warn', text: 'TCP connections closed: tcp-count reached' },
  { slot: MISC.TCP_TIMEOUT, verbosity: 2, level: 'info', text: 'TCP connections closed: tcp-timeout' },
  // NSD server.c: VERBOSITY(2, "packet too small, dropping tcp connection").
  { slot: MISC.TCP_BAD_LENGTH, verbosity: 2, level: 'warn', text: 'TCP connections closed: packet too small' },
  // NSD server.c logs "sendto failed" at LOG_ERR whatever the verbosity.
  { slot: MISC.TXERR, verbosity: 0, level: 'error', text: 'sendto failed' },
];

/** The kinds' names for the log's `traffic` field: rrl_dropped, tcp_timeout, ... */
const KIND_NAMES: readonly string[] = Object.entries(Traffic).sort((a, b) => a[1] - b[1]).map(([name]) => name.toLowerCase());

export interface TrafficLogInit {
  readonly log: Logger;
  /** The counters the kinds are added to (ServerStats.queries.misc). */
  readonly misc: Float64Array;
  /** The current verbosity (nsd.conf verbosity:, -V, `tsdns-control verbosity`). */
  readonly verbosity: () => number;
  /** Milliseconds (injected in tests). */
  readonly now?: () => number;
}

/**
 * The TrafficSink of the daemon. A report costs an increment, a store and a time check; a line is
 * written at most once a second per kind, saying how many came since the last one and from where one
 * of them came. What arrives within the second after a line waits for a timer (one per kind, armed
 * only then), so the count of a burst that stops is still written.
 */
export class TrafficLog implements TrafficSink {
  private readonly pending = new Float64Array(TRAFFIC_KINDS);
  private readonly lastLine = new Float64Array(TRAFFIC_KINDS).fill(-Infinity);
  private readonly example: (string | undefined)[] = new Array<string | undefined>(TRAFFIC_KINDS).fill(undefined);
  private readonly timers: (NodeJS.Timeout | null)[] = new Array<NodeJS.Timeout | null>(TRAFFIC_KINDS).fill(null);
  private readonly now: () => number;

  constructor(private readonly init: TrafficLogInit) {
    this.now = init.now ?? Date.now;
  }

  note(kind: Traffic, address: string | undefined): void {
    const slot = KINDS[kind].slot;
    if (slot >= 0) this.init.misc[slot]++;
    this.pending[kind]++;
    this.example[kind] = address;
    const now = this.now();
    if (now - this.lastLine[kind] >= INTERVAL_MS) this.flush(kind, now);
    else if (this.timers[kind] === null) this.arm(kind, this.lastLine[kind] + INTERVAL_MS - now);
  }

  /** Writes what is pending now (the timers' job; also at shutdown) and disarms the timers. */
  flushAll(): void {
    const now = this.now();
    for (let k = 0; k < TRAFFIC_KINDS; k++) {
      this.disarm(k);
      if (this.pending[k] > 0) this.flush(k as Traffic, now);
    }
  }

  private arm(kind: number, delayMs: number): void {
    const t = setTimeout(() => {
      this.timers[kind] = null;
      if (this.pending[kind] > 0) this.flush(kind as Traffic, this.now());
    }, Math.max(0, delayMs));
    t.unref();
    this.timers[kind] = t;
  }

  private disarm(kind: number): void {
    const t = this.timers[kind];
    if (t !== null) clearTimeout(t);
    this.timers[kind] = null;
  }

  private flush(kind: Traffic, now: number): void {
    const k = KINDS[kind];
    const count = this.pending[kind];
    const example = this.example[kind];
    this.pending[kind] = 0;
    this.example[kind] = undefined;
    this.lastLine[kind] = now;
    if (this.init.verbosity() < k.verbosity) return;
    const from = example === undefined ? '' : `, e.g. from ${example}`;
    this.init.log[k.level]({ traffic: KIND_NAMES[kind], count, example: example ?? null }, `${k.text}: ${count}${from}`);
  }
}
