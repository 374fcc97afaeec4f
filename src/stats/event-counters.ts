// Counters of rare events (transfers, NOTIFYs, reloads) keyed by labels; never touched on the query path.

/** The events counted, each with the label names its keys carry (Prometheus label order). */
export const EVENTS = {
  /** Zone transfers received: kind axfr|ixfr|none (up to date), result ok|failed. */
  transfer_in: ['kind', 'result'],
  /** Zone transfers sent: kind axfr|ixfr, result ok|refused|failed. */
  transfer_out: ['kind', 'result'],
  /** NOTIFY sent to secondaries, one per round to a target: result ok|refused|failed (no answer after every retry). */
  notify_sent: ['result'],
  /** NOTIFY received: result accepted|refused|ignored. */
  notify_received: ['result'],
  /** Zone (re)loads: trigger start|reload|reconfig|addzone, result ok|failed. */
  zone_load: ['trigger', 'result'],
  /** Config re-reads (reconfig, SIGHUP with reload-config): result ok|failed. */
  reconfig: ['result'],
} as const;
export type EventName = keyof typeof EVENTS;

/** One counter value with its labels. */
export interface EventSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Counts events by name and label values; a label value set is one key ("axfr|ok"). */
export class EventCounters {
  private readonly counts = new Map<EventName, Map<string, number>>();

  /** Adds one (or n) to the event with these label values, given in the order EVENTS lists the names. */
  add(event: EventName, values: readonly string[], n = 1): void {
    let m = this.counts.get(event);
    if (m === undefined) {
      m = new Map();
      this.counts.set(event, m);
    }
    const key = values.join('|');
    m.set(key, (m.get(key) ?? 0) + n);
  }

  /** The current value (0 when never counted). */
  get(event: EventName, values: readonly string[]): number {
    return this.counts.get(event)?.get(values.join('|')) ?? 0;
  }

  /** Every counted label set of an event, in first-seen order. */
  samples(event: EventName): EventSample[] {
    const names = EVENTS[event];
    const out: EventSample[] = [];
    for (const [key, value] of this.counts.get(event) ?? []) {
      const parts = key.split('|');
      out.push({ labels: Object.fromEntries(names.map((n, i) => [n, parts[i] ?? ''])), value });
    }
    return out;
  }

  /** The sum over all label sets whose values match `where` (undefined matches anything). */
  sum(event: EventName, where: readonly (string | undefined)[] = []): number {
    let total = 0;
    for (const [key, value] of this.counts.get(event) ?? []) {
      const parts = key.split('|');
      if (where.every((w, i) => w === undefined || parts[i] === w)) total += value;
    }
    return total;
  }
}
