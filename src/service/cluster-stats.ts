// cluster: the counters operators read (stats, /metrics): the primary's own plus every worker's, summed generically.
import { ServerStats } from '../stats/index.js';
import { SlotCounters } from './cluster-counters.js';

/**
 * The ServerStats the control channel and /metrics read when workers serve UDP. Its query counters
 * are the sum of the primary's (TCP, and the UDP requests workers hand on) and the workers' last
 * reports, recomputed whenever a report comes in; its events are the primary's own (every event is
 * counted there). `stats` and `stats_noreset` subtract its baseline as in one process.
 */
export class ClusterStats extends ServerStats {
  declare readonly events: ServerStats['events'];
  readonly slots: SlotCounters;

  constructor(
    private readonly own: ServerStats,
    workers: number,
  ) {
    super(own.bootTime);
    (this as { events: ServerStats['events'] }).events = own.events;
    this.slots = new SlotCounters(workers);
  }

  /** A worker's report (its counters since it started). */
  report(slot: number, counters: object): void {
    this.slots.update(slot, counters);
    this.refresh();
  }

  /** The slot's worker died: its last report is kept so the sums never go down. */
  retire(slot: number): void {
    this.slots.retire(slot);
    this.refresh();
  }

  /** Recomputes the sums (the primary's own counters move between reports). */
  refresh(): void {
    this.slots.sumInto(this.queries, this.own.queries);
  }
}
