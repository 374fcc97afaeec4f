// Whether one zone (and so the instance) may serve: loaded, not expired, not older than the staleness bound.
import type { HealthReport, ZoneHealth } from '../stats/index.js';

/** What a secondary zone's transfer side knows (xfr/ RefreshState plus what NOTIFYs and SOA checks saw). */
export interface SecondaryFacts {
  readonly expired: boolean;
  /** When a primary last confirmed the copy (transfer or same serial), ms since the epoch; null: never. */
  readonly acquired: number | null;
  /** When the copy expires, ms since the epoch; null: no copy. */
  readonly expireAt: number | null;
  /** The newest serial a primary announced or answered (NOTIFY, SOA query), and since when we know it. */
  readonly primarySerial: number | null;
  readonly primarySerialSince: number | null;
}

/** The facts of one configured zone. */
export interface ZoneFacts {
  /** The zone name as configured. */
  readonly zone: string;
  readonly role: 'primary' | 'secondary';
  /** The serial served, or null when nothing is served. */
  readonly serial: number | null;
  readonly loadedAt: number | null;
  /** Errors of the last failed load (older contents may still be served). */
  readonly loadErrors: readonly string[];
  /** Secondary zones: the refresh state; null when the transfer side is not (yet) wired for this zone. */
  readonly secondary: SecondaryFacts | null;
}

export type { HealthReport, ZoneHealth };

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** RFC 1982 serial comparison: a is newer than b. */
function serialNewer(a: number, b: number): boolean {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
}

/** The staleness of a secondary: unconfirmed too long, or behind a primary's serial too long. */
function staleness(s: SecondaryFacts, serial: number | null, now: number, boundMs: number): string[] {
  const out: string[] = [];
  if (boundMs <= 0) return out;
  if (s.acquired !== null && now - s.acquired > boundMs) {
    out.push(`not confirmed by a primary for ${Math.round((now - s.acquired) / 1000)} s (bound ${boundMs / 1000} s)`);
  }
  if (s.primarySerial !== null && s.primarySerialSince !== null && (serial === null || serialNewer(s.primarySerial, serial)) && now - s.primarySerialSince > boundMs) {
    out.push(`primary serial ${s.primarySerial} not picked up for ${Math.round((now - s.primarySerialSince) / 1000)} s (serving ${serial ?? 'nothing'})`);
  }
  return out;
}

/**
 * A zone is healthy when it is loaded (its last load worked) and, for a secondary, not expired and not
 * stale: confirmed by a primary within `maxStalenessSec` and not behind a serial a primary announced
 * for longer than that. 0 disables the staleness bound.
 */
export function zoneHealth(f: ZoneFacts, now: number, maxStalenessSec: number): ZoneHealth {
  const problems: string[] = [];
  if (f.serial === null) problems.push('not loaded');
  if (f.loadErrors.length > 0) problems.push(`last load failed: ${f.loadErrors[0]}`);
  const s = f.secondary;
  if (s !== null) {
    if (s.expired || (s.expireAt !== null && now >= s.expireAt)) problems.push('expired');
    problems.push(...staleness(s, f.serial, now, maxStalenessSec * 1000));
  }
  // A secondary that has a copy but failed to load it from disk is still judged by its transfers.
  const blocking = f.role === 'secondary' && s !== null && f.serial !== null ? problems.filter((p) => !p.startsWith('last load failed')) : problems;
  return {
    zone: f.zone,
    role: f.role,
    healthy: blocking.length === 0,
    problems,
    serial: f.serial,
    loaded: iso(f.loadedAt),
    lastRefresh: iso(s?.acquired ?? null),
    primarySerial: s?.primarySerial ?? null,
    expiresIn: s?.expireAt !== null && s?.expireAt !== undefined ? Math.max(0, Math.floor((s.expireAt - now) / 1000)) : null,
  };
}

/** The instance is healthy when every configured zone is. */
export function healthReport(zones: readonly ZoneFacts[], now: number, maxStalenessSec: number): HealthReport {
  const out = zones.map((z) => zoneHealth(z, now, maxStalenessSec));
  return { healthy: out.every((z) => z.healthy), zones: out };
}

/** Zone names compare case-insensitively and with or without the final dot. */
export function normalZoneName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') && lower !== '.' ? lower.slice(0, -1) : lower;
}
