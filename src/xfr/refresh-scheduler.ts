// The refresh/retry/expire timers of one secondary zone (RFC 1034 4.3.5, NSD xfrd.c), on the injected Clock.
import type { Clock, TimerHandle } from './io.js';
import { boundExpire, boundRefresh, boundRetry, DEFAULT_REFRESH_LIMITS, EMPTY_REFRESH_STATE, type RefreshLimits, type RefreshState } from './refresh-state.js';
import { serialGt } from './serial.js';
import type { SoaTimers } from './soa.js';

/** What one check of one primary found: the SOA of the copy we now hold (new or confirmed), or why not. */
export type CheckOutcome = { readonly ok: true; readonly soa: SoaTimers } | { readonly ok: false; readonly reason: string };

export type CheckReason = 'start' | 'refresh' | 'retry' | 'notify';

export type SchedulerEvent =
  | { readonly type: 'checking'; readonly primary: number; readonly reason: CheckReason }
  | { readonly type: 'check-failed'; readonly primary: number; readonly reason: string }
  | { readonly type: 'refreshed'; readonly primary: number; readonly serial: number; readonly nextInMs: number }
  | { readonly type: 'retry-scheduled'; readonly inMs: number }
  | { readonly type: 'expired' }
  | { readonly type: 'unexpired' };

/** The armed timer: when the next check runs, the (jittered) wait it was armed with, and why. */
export interface NextCheck {
  readonly at: number;
  readonly seconds: number;
  readonly reason: 'refresh' | 'retry';
}

export interface SchedulerOptions {
  /** How many primaries (request-xfr lines) there are; check(i) asks the i-th. */
  readonly primaries: number;
  readonly check: (primary: number) => Promise<CheckOutcome>;
  readonly clock: Clock;
  readonly limits?: RefreshLimits;
  /** A number in [0, 1) for the timer jitter; default Math.random. */
  readonly random?: () => number;
  /** The saved state to continue from. */
  readonly state?: RefreshState | null;
  readonly onEvent?: (e: SchedulerEvent) => void;
}

const START_BACKOFF = 10; // NSD XFRD_TRANSFER_TIMEOUT_START, seconds
const MAX_TIMER = 86400; // NSD XFRD_TRANSFER_TIMEOUT_MAX, seconds

/**
 * Decides when a secondary zone asks its primaries again. A successful check (a transfer, or the answer
 * that we are current) restarts the refresh timer from the copy's SOA; a round in which every primary
 * failed schedules a retry, backing off exponentially as NSD does; when `expire` seconds pass since the
 * last successful check the zone becomes expired (served as SERVFAIL) until a check succeeds again.
 * Timers get NSD's jitter (90-100% of the time, for times over 10 s). One round runs at a time; a
 * NOTIFY during a round makes another round follow it.
 */
export class RefreshScheduler {
  private s: RefreshState;
  private readonly limits: RefreshLimits;
  private timer: TimerHandle | null = null;
  private armed: NextCheck | null = null;
  private backoff = 0;
  private running = false;
  private again: { primary: number } | null = null;
  private stopped = false;

  constructor(private readonly o: SchedulerOptions) {
    this.limits = o.limits ?? DEFAULT_REFRESH_LIMITS;
    this.s = o.state ?? EMPTY_REFRESH_STATE;
  }

  get state(): RefreshState {
    return this.s;
  }

  get expired(): boolean {
    return this.s.expired;
  }

  /** The next timed check, or null while a round runs or after stop() (nsd-control zonestatus "wait:"). */
  get nextCheck(): NextCheck | null {
    return this.armed;
  }

  /** True while a round of checks is running. */
  get busy(): boolean {
    return this.running;
  }

  /** Applies a saved expiry (the deadline may have passed while we were down) and checks at once. */
  start(): Promise<void> {
    this.stopped = false;
    if (this.s.expired) this.emit({ type: 'expired' });
    else this.checkExpiry();
    return this.round(0, 'start');
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /**
   * A NOTIFY arrived (from primary `primary`, asked first). A serial that is not newer than ours is
   * ignored unless the zone is expired (NSD xfrd_handle_incoming_notify). Returns whether a check starts.
   */
  notify(serial: number | null, primary = 0): boolean {
    if (this.stopped) return false;
    const ours = this.s.serial;
    if (serial !== null && ours !== null && !this.s.expired && !serialGt(serial, ours)) return false;
    if (this.running) {
      this.again = { primary };
      return true;
    }
    void this.round(primary, 'notify');
    return true;
  }

  private emit(e: SchedulerEvent): void {
    this.o.onEvent?.(e);
  }

  private clear(): void {
    if (this.timer !== null) this.o.clock.clearTimer(this.timer);
    this.timer = null;
    this.armed = null;
  }

  /** Arms the one timer in `seconds`, jittered to 90-100% above 10 s (NSD xfrd_set_timer). */
  private arm(seconds: number, reason: 'refresh' | 'retry'): number {
    this.clear();
    let t = Math.min(Math.max(seconds, 0), MAX_TIMER);
    if (t > 10) {
      const base = Math.floor((t * 9) / 10);
      t = base + Math.floor((this.o.random ?? Math.random)() * (t - base));
    }
    const ms = Math.round(t * 1000);
    this.armed = { at: this.o.clock.now() + ms, seconds: t, reason };
    this.timer = this.o.clock.setTimer(ms, () => {
      this.timer = null;
      this.armed = null;
      this.checkExpiry();
      void this.round(0, reason);
    });
    return ms;
  }

  private checkExpiry(): void {
    const s = this.s;
    if (s.expired || s.expireAt === null || this.o.clock.now() < s.expireAt) return;
    this.s = { ...s, expired: true };
    this.emit({ type: 'expired' });
  }

  /** Asks every primary in turn, starting with `first`, until one succeeds. */
  private async round(first: number, reason: CheckReason): Promise<void> {
    if (this.running) {
      this.again ??= { primary: first };
      return;
    }
    this.running = true;
    this.clear();
    let done = false;
    const n = Math.max(1, this.o.primaries);
    for (let k = 0; k < n && !done && !this.stopped; k++) {
      const i = (first + k) % n;
      this.emit({ type: 'checking', primary: i, reason });
      const r = await this.checkOne(i);
      if (this.stopped) break;
      if (r.ok) {
        this.succeeded(i, r.soa);
        done = true;
      } else {
        this.emit({ type: 'check-failed', primary: i, reason: r.reason });
      }
    }
    this.running = false;
    if (this.stopped) return;
    if (!done) this.retry();
    const next = this.again;
    this.again = null;
    if (next) await this.round(next.primary, 'notify');
  }

  /** A check that throws (a bug, never the network) counts as a failed check, so the timers keep running. */
  private async checkOne(i: number): Promise<CheckOutcome> {
    try {
      return await this.o.check(i);
    } catch (e) {
      return { ok: false, reason: `check failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private succeeded(primary: number, soa: SoaTimers): void {
    const now = this.o.clock.now();
    const t = { refresh: soa.refresh, retry: soa.retry, expire: soa.expire };
    const wasExpired = this.s.expired;
    this.s = { serial: soa.serial, ...t, acquired: now, expireAt: now + boundExpire(this.limits, t) * 1000, expired: false };
    this.backoff = 0;
    if (wasExpired) this.emit({ type: 'unexpired' });
    // NSD xfrd_set_timer_refresh: the refresh time, or the expire time when that comes first.
    const wait = Math.min(boundRefresh(this.limits, t.refresh), boundExpire(this.limits, t));
    const ms = this.arm(wait, 'refresh');
    this.emit({ type: 'refreshed', primary, serial: soa.serial, nextInMs: ms });
  }

  /** NSD xfrd_set_timer_retry: exponential back-off, never past the expire deadline. */
  private retry(): void {
    this.checkExpiry();
    this.backoff = this.backoff === 0 ? START_BACKOFF : Math.min(this.backoff * 2, MAX_TIMER);
    const mult = Math.max(1, Math.floor(this.backoff / START_BACKOFF));
    const s = this.s;
    const now = this.o.clock.now();
    let wait: number;
    if (s.acquired === null || s.expireAt === null) {
      wait = boundRetry(this.limits, this.backoff + Math.floor((this.o.random ?? Math.random)() * this.backoff));
    } else {
      const retry = boundRetry(this.limits, s.retry * mult);
      const left = (s.expireAt - now) / 1000;
      wait = s.expired || retry < left ? retry : boundRetry(this.limits, Math.max(1, Math.ceil(left)));
    }
    const ms = this.arm(wait, 'retry');
    this.emit({ type: 'retry-scheduled', inMs: ms });
  }
}
