// NSD's cap on error answers (query.c query_ratelimit_err): at most ~100 FORMERR/NOTIMP per second, the rest dropped.

/** NSD's ERROR_RATELIMIT: the answers allowed per second beyond the first. */
export const ERROR_RATELIMIT = 100;

/**
 * Counts error answers per wall-clock second, as NSD does, so a flood of garbage cannot be reflected at
 * full rate. `now` returns milliseconds (injected for tests).
 */
export class ErrorLimiter {
  private second = -1;
  private count = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True when this error answer must be dropped instead of sent. */
  exceeded(): boolean {
    const s = Math.floor(this.now() / 1000);
    if (s !== this.second) {
      this.second = s;
      this.count = 1;
      return false;
    }
    return this.count++ > ERROR_RATELIMIT;
  }
}
