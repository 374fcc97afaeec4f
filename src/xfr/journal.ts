// The kept differences of one zone (NSD's ixfr files): a chain of Diffs bounded by ixfr-number and ixfr-size.
import type { Name } from '../wire/index.js';
import { type Diff, diffSize } from './diff.js';
import { serialGt } from './serial.js';

/** nsd.conf ixfr-number (versions kept, default 5) and ixfr-size (octets, default 1048576, 0 unlimited). */
export interface JournalLimits {
  readonly ixfrNumber: number;
  readonly ixfrSize: number;
}

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = Object.freeze({ ixfrNumber: 5, ixfrSize: 1048576 });

/**
 * What add() did: 'added'; 'restarted' when the difference did not continue the chain, so the older
 * ones were dropped (they no longer lead to the current version); 'too-large' when it alone exceeds
 * ixfr-size (nothing is kept then: a gap would break every older chain); 'not-newer' when it does not
 * move the serial forward (RFC 1982); 'disabled' when ixfr-number is 0.
 */
export type JournalAdd = 'added' | 'restarted' | 'too-large' | 'not-newer' | 'disabled';

/**
 * The differences kept for a zone, oldest first, each starting where the one before ended. Bounded by
 * ixfr-number and ixfr-size: the oldest are dropped first. chainFrom() hands out copies, so a
 * transfer in progress is not disturbed by later additions.
 */
export class Journal {
  private list: Diff[];
  private sizes: number[];
  private total = 0;

  constructor(
    readonly origin: Name,
    readonly limits: JournalLimits = DEFAULT_JOURNAL_LIMITS,
    diffs: readonly Diff[] = [],
  ) {
    this.list = [];
    this.sizes = [];
    for (const d of diffs) this.add(d);
  }

  get diffs(): readonly Diff[] {
    return this.list.slice();
  }

  get length(): number {
    return this.list.length;
  }

  /** Octets of the kept differences in uncompressed wire form. */
  get size(): number {
    return this.total;
  }

  /** The serial the oldest kept difference starts from. */
  get firstSerial(): number | undefined {
    return this.list[0]?.oldSerial;
  }

  /** The serial the newest kept difference leads to. */
  get lastSerial(): number | undefined {
    return this.list[this.list.length - 1]?.newSerial;
  }

  clear(): void {
    this.list = [];
    this.sizes = [];
    this.total = 0;
  }

  add(d: Diff): JournalAdd {
    if (!serialGt(d.newSerial, d.oldSerial)) return 'not-newer';
    if (this.limits.ixfrNumber <= 0) return 'disabled';
    const size = diffSize(d);
    const max = this.limits.ixfrSize;
    if (max > 0 && size > max) {
      this.clear();
      return 'too-large';
    }
    let outcome: JournalAdd = 'added';
    if (this.list.length > 0 && this.lastSerial !== d.oldSerial) {
      this.clear();
      outcome = 'restarted';
    }
    this.list.push(d);
    this.sizes.push(size);
    this.total += size;
    while (this.list.length > this.limits.ixfrNumber || (max > 0 && this.total > max)) {
      this.list.shift();
      this.total -= this.sizes.shift() as number;
    }
    return outcome;
  }

  /**
   * The differences from `serial` to the newest, or null when no kept difference starts at `serial`
   * (then only a full transfer can bring that client up to date).
   */
  chainFrom(serial: number): Diff[] | null {
    const i = this.list.findIndex((d) => d.oldSerial === serial >>> 0);
    return i < 0 ? null : this.list.slice(i);
  }
}
