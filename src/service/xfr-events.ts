// Counting the pipeline's transfer and NOTIFY events (for /metrics) and remembering the serials primaries announce.
import { parseDnsName } from '../config/index.js';
import type { ProcessEvent } from '../process/index.js';
import type { ServerStats } from '../stats/index.js';

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
