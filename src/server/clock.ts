// The real clock for xfr/'s timers: wall time in milliseconds and unref'd node timers.

/** A timer handle as node returns it. */
export type SystemTimer = ReturnType<typeof setTimeout>;

/**
 * Date.now() and setTimeout. Timers are unref'd: the listeners keep the daemon alive, a pending
 * refresh or NOTIFY retry alone does not (so a stopped daemon exits without clearing them all).
 * Node caps a timeout at 2^31-1 ms (24.8 days); longer waits are clamped, and the caller's logic
 * (refresh, expire) re-arms from its own state when the timer fires.
 */
export class SystemClock {
  now(): number {
    return Date.now();
  }

  setTimer(ms: number, fn: () => void): SystemTimer {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), 0x7fffffff));
    t.unref();
    return t;
  }

  clearTimer(handle: unknown): void {
    clearTimeout(handle as SystemTimer);
  }
}
