// Wildcards (RFC 4592): finding the wildcard child of a closest encloser, and owning its data by the name asked for.
import { wildcardOf, type Name } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';
import type { PlannedRRset } from './types.js';

// Snapshots are immutable, so a node's wildcard child is looked up once (null: none).
const wildcards = new WeakMap<ZoneNode, ZoneNode | null>();

/** The node `*.<ce>` of the zone (RFC 4592 2.2.1 source of synthesis), if there is one. */
export function wildcardChild(zone: ZoneContents, ce: ZoneNode): ZoneNode | undefined {
  if (!ce.hasWildcardChild) return undefined;
  let wc = wildcards.get(ce);
  if (wc === undefined) {
    wc = zone.findNode(wildcardOf(ce.name)) ?? null;
    wildcards.set(ce, wc);
  }
  return wc ?? undefined;
}

/** The RRset as it is answered at `owner`: itself, or for a wildcard match a copy owned by `owner` (RFC 4592 2.1.1). */
export function ownedBy(rrset: RRset, owner: Name | undefined): PlannedRRset {
  if (owner === undefined) return rrset;
  return { owner, type: rrset.type, class: rrset.class, ttl: rrset.ttl, rdatas: rrset.rdatas, ttls: rrset.ttls };
}
