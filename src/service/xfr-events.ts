// Counting the pipeline's transfer and NOTIFY events (for /metrics) and remembering the serials primaries announce.
import { parseDnsName } from '../config/index.js';
import type { ProcessEvent } from '../process/index.js';
import type { ServerStats } from '../stats/index.js';
import type { NotifierEvent, SecondaryEvent } from '../xfr/index.js';

const newer = (a: number, b: number): boolean => {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
};

/** The newest serial a primary announced for each zone (by config key), and since when it is known. */
export class AnnouncedSerials {
  private readonly byZone = new Map<string, { serial: number; since: number }>();

  note(zone: string, serial: number, now: number = Date.now()): void {
    const had = this.byZone.get(zone);
    if (had === undefined || newer(serial, had.serial)) this.byZone.set(zone, { serial, since: now });
  }

  get(zone: string): { readonly serial: number; readonly since: number } | undefined {
    return this.byZone.get(zone);
  }
}

const configKey = (name: string): string => {
  const dn = parseDnsName(name);
  return typeof dn === 'string' ? name.toLowerCase() : dn.key;
};

/**
 * Wraps the pipeline's event sink (ProcessorInit.onEvent): transfers out, refusals and NOTIFYs received are
 * counted, the serial of an admitted NOTIFY is remembered (health: a secondary behind its primary), and
 * every event still goes on to `next` (the transfer log).
 */
export function countingEvents(stats: ServerStats, announced: AnnouncedSerials, next?: (e: ProcessEvent) => void): (e: ProcessEvent) => void {
  return (e) => {
    if (e.type === 'xfr-out') stats.events.add('transfer_out', [e.kind, e.complete ? 'ok' : 'failed']);
    else if (e.type === 'refused') {
      if (e.kind === 'notify') stats.events.add('notify_received', ['refused']);
      else stats.events.add('transfer_out', [e.kind, 'refused']);
    } else if (e.type === 'notify-in') {
      stats.events.add('notify_received', ['accepted']);
      if (e.serial !== null) announced.note(configKey(e.zone), e.serial);
    }
    next?.(e);
  };
}

/** finish: a secondary's transfers in for /metrics (tsdns_transfers_in_total): axfr|ixfr|none (up to date), ok|failed. */
export function countSecondaryEvent(stats: ServerStats): (e: SecondaryEvent) => void {
  return (e) => {
    if (e.type === 'transferred') stats.events.add('transfer_in', [e.kind, 'ok']);
    else if (e.type === 'uptodate') stats.events.add('transfer_in', ['none', 'ok']);
    else if (e.type === 'transfer-failed') stats.events.add('transfer_in', [e.kind, 'failed']);
  };
}

/** finish: the outcome of each NOTIFY round to one target (tsdns_notifies_sent_total): ok, refused, failed (gave up). */
export function countNotifierEvent(stats: ServerStats): (e: NotifierEvent) => void {
  return (e) => {
    if (e.type === 'acked') stats.events.add('notify_sent', ['ok']);
    else if (e.type === 'refused') stats.events.add('notify_sent', ['refused']);
    else if (e.type === 'gave-up') stats.events.add('notify_sent', ['failed']);
  };
}
