// What the pipeline sees of the served zones: the zone set for the answer engine plus the configured names.
import type { Name } from '../wire/index.js';

/** What the pipeline needs of one zone snapshot (zone/ZoneContents satisfies it). */
export interface ZoneContentsLike {
  readonly origin: Name;
}

/** What the pipeline needs of the zone set (zone/ZoneDb satisfies it); the answer engine gets the real thing. */
export interface ZoneDbLike {
  get(origin: Name): ZoneContentsLike | undefined;
  /**
   * Counts changes made in place (zone/ZoneDb has it): the answer cache then checks this once per query
   * instead of asking get() for every zone of every cached answer. Without it, each hit is checked.
   */
  readonly generation?: number;
}

/**
 * One immutable view of what is served, swapped whole by the service on every (re)load. The answer
 * cache belongs to one such object, so a reload never serves an old answer.
 */
export interface ServedZones<Db extends ZoneDbLike = ZoneDbLike> {
  readonly db: Db;
  /**
   * Origin keys (Name.key form) of every configured zone, loaded or not. A configured zone without
   * contents (its file had errors) answers SERVFAIL, as NSD's "zone is configured but not loaded".
   */
  readonly configured: ReadonlySet<string>;
  /** Configured origin keys whose zone is not served (a subset of `configured`): not loaded, or expired. */
  readonly unloaded: ReadonlySet<string>;
  /** Of those, the secondary zones that expired (RFC 1034 4.3.5): SERVFAIL without NSD's "not loaded" EDE. */
  readonly expired?: ReadonlySet<string>;
}

/**
 * True when the most specific configured zone at or above the name `key` is not loaded: NSD answers
 * SERVFAIL then instead of falling back to a parent zone or REFUSED.
 */
export function inUnloadedZone(served: ServedZones, key: string): boolean {
  if (served.unloaded.size === 0) return false;
  for (;;) {
    if (served.configured.has(key)) return served.unloaded.has(key);
    const len = key.charCodeAt(0);
    if (len === 0) return false;
    key = key.substring(len + 1);
  }
}

/**
 * Why the most specific configured zone at or above the name `key` is not served: 'expired' for an
 * expired secondary zone, 'unloaded' for one that is not loaded, null when it is served (or no zone
 * is configured there).
 */
export function unservedZone(served: ServedZones, key: string): 'unloaded' | 'expired' | null {
  if (served.unloaded.size === 0) return null;
  for (;;) {
    if (served.configured.has(key)) {
      if (!served.unloaded.has(key)) return null;
      return served.expired?.has(key) ? 'expired' : 'unloaded';
    }
    const len = key.charCodeAt(0);
    if (len === 0) return null;
    key = key.substring(len + 1);
  }
}
