// ZoneDb: the served zones by origin, and the choice of zone for a query name (most specific, DS to the parent).
import type { Name } from '../wire/index.js';
import type { ZoneContents } from './contents.js';

/** The current snapshot of every zone, keyed by origin (Name.key); snapshots are replaced whole. */
export class ZoneDb {
  private readonly byOrigin = new Map<string, ZoneContents>();
  private changes = 0;

  /** Adds a zone or replaces its snapshot. */
  set(contents: ZoneContents): void {
    this.byOrigin.set(contents.origin.key, contents);
    this.changes++;
  }

  remove(origin: Name): boolean {
    this.changes++;
    return this.byOrigin.delete(origin.key);
  }

  /** Changes so far (set, remove): whoever keeps answers derived from this db compares it to know they still hold. */
  get generation(): number {
    return this.changes;
  }

  get(origin: Name): ZoneContents | undefined {
    return this.byOrigin.get(origin.key);
  }

  get size(): number {
    return this.byOrigin.size;
  }

  /** The most specific zone at or above qname: strip labels until an origin matches (RFC 1034 4.3.2 step 2). */
  findZone(qname: Name): ZoneContents | undefined {
    return this.findFromKey(qname.key);
  }

  /**
   * The zone to answer a DS query from. DS lives on the parent side of a cut (RFC 4035 3.1.4.1), so
   * when qname is itself a zone apex the most specific zone strictly above it answers; when we do
   * not serve a parent, the child answers (NODATA with its SOA, as NSD does). Otherwise findZone.
   */
  findZoneForDS(qname: Name): ZoneContents | undefined {
    const own = this.byOrigin.get(qname.key);
    if (own === undefined || qname.labelCount === 0) return own ?? this.findFromKey(qname.key);
    const key = qname.key;
    return this.findFromKey(key.substring(key.charCodeAt(0) + 1)) ?? own;
  }

  zones(): Iterable<ZoneContents> {
    return this.byOrigin.values();
  }

  private findFromKey(key: string): ZoneContents | undefined {
    for (;;) {
      const z = this.byOrigin.get(key);
      if (z !== undefined) return z;
      const len = key.charCodeAt(0);
      if (len === 0) return undefined; // the root label
      key = key.substring(len + 1);
    }
  }
}
