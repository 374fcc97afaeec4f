// A secondary zone's refresh state (NSD's xfrdfile): serial, SOA timers, last refresh, expire deadline; bounds and text form.
import { XfrError } from './errors.js';

/** The refresh/retry/expire bounds of nsd.conf (max-refresh-time, min-refresh-time, ... min-expire-time), in seconds. */
export interface RefreshLimits {
  readonly minRefresh: number;
  readonly maxRefresh: number;
  readonly minRetry: number;
  readonly maxRetry: number;
  readonly minExpire: number | 'refresh+retry+1';
}

/** NSD 4.6's defaults: refresh at most 4 weeks, retry at most 2 weeks, no lower bounds. */
export const DEFAULT_REFRESH_LIMITS: RefreshLimits = Object.freeze({
  minRefresh: 0, maxRefresh: 2419200, minRetry: 0, maxRetry: 1209600, minExpire: 0,
});

/** NSD's XFRD_LOWERBOUND_REFRESH and XFRD_LOWERBOUND_RETRY: never less than a second. */
const LOWER_BOUND = 1;

/** NSD within_refresh_bounds: the SOA refresh limited by max-refresh-time and min-refresh-time. */
export function boundRefresh(l: RefreshLimits, refresh: number): number {
  return l.maxRefresh < refresh ? l.maxRefresh : l.minRefresh > refresh ? l.minRefresh : Math.max(LOWER_BOUND, refresh);
}

/** NSD within_retry_bounds. */
export function boundRetry(l: RefreshLimits, retry: number): number {
  return l.maxRetry < retry ? l.maxRetry : l.minRetry > retry ? l.minRetry : Math.max(LOWER_BOUND, retry);
}

/** NSD within_expire_bounds: at least min-expire-time, or refresh + retry + 1 (both bounded). */
export function boundExpire(l: RefreshLimits, t: { refresh: number; retry: number; expire: number }): number {
  const floor = l.minExpire === 'refresh+retry+1' ? boundRefresh(l, t.refresh) + boundRetry(l, t.retry) + 1 : l.minExpire;
  return Math.max(floor, t.expire);
}

/** What survives a restart. Times are milliseconds since the epoch. */
export interface RefreshState {
  /** The serial of the copy held, or null when there is none. */
  readonly serial: number | null;
  /** The SOA timers of that copy, in seconds (RFC 1035 3.3.13). */
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  /** When the copy was last confirmed current by a primary (NSD soa_disk_acquired), or null. */
  readonly acquired: number | null;
  /** acquired + the bounded expire time: after it the zone is expired and answers SERVFAIL. */
  readonly expireAt: number | null;
  readonly expired: boolean;
}

export const EMPTY_REFRESH_STATE: RefreshState = Object.freeze({
  serial: null, refresh: 0, retry: 0, expire: 0, acquired: null, expireAt: null, expired: false,
});

/** True when the saved copy may be served at `now` (never confirmed counts as not expired until tried). */
export function servable(s: RefreshState, now: number): boolean {
  return !s.expired && (s.expireAt === null || now < s.expireAt);
}

const STATE_VERSION = 1;

/** The state as one line of JSON, versioned. */
export function encodeRefreshState(s: RefreshState): string {
  return JSON.stringify({ version: STATE_VERSION, ...s });
}

const isU32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isTime = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

/** Reads a saved state back; throws XfrError STATE_CORRUPT for anything that is not exactly a saved state. */
export function decodeRefreshState(text: string): RefreshState {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new XfrError('STATE_CORRUPT', 'the refresh state is not valid JSON');
  }
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || o.version !== STATE_VERSION) throw new XfrError('STATE_CORRUPT', 'the refresh state has no known version');
  const ok = (o.serial === null || isU32(o.serial)) && isU32(o.refresh) && isU32(o.retry) && isU32(o.expire)
    && isTime(o.acquired) && isTime(o.expireAt) && typeof o.expired === 'boolean';
  if (!ok) throw new XfrError('STATE_CORRUPT', 'the refresh state has a missing or invalid field');
  return Object.freeze({
    serial: o.serial as number | null, refresh: o.refresh as number, retry: o.retry as number, expire: o.expire as number,
    acquired: o.acquired as number | null, expireAt: o.expireAt as number | null, expired: o.expired as boolean,
  });
}
