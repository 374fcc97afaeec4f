// NSEC denial of existence (RFC 4035 3.1.3): the NSEC RRsets NSD 4.6 picks for each negative case.
import { type Name, TYPE, wildcardOf } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';

const hasNsec = (n: ZoneNode): boolean => n.has(TYPE.NSEC);

/**
 * The NSEC at the last name of the zone that is at or before `name` in canonical order and has one
 * (NSD find_covering_nsec): for a name that does not exist it covers the name (RFC 4035 3.1.3.2);
 * for one that exists it is the name's own NSEC, or for an empty non-terminal the NSEC whose span
 * covers it. Undefined when no such NSEC exists in the zone.
 */
export function coveringNsec(zone: ZoneContents, name: Name): RRset | undefined {
  const own = zone.findNode(name)?.get(TYPE.NSEC);
  if (own !== undefined) return own;
  return zone.previousNode(name, hasNsec)?.get(TYPE.NSEC);
}

/**
 * NXDOMAIN (RFC 4035 3.1.3.2): the NSEC covering the name, then the one covering the wildcard at the
 * closest encloser (NSD answer_authoritative; the same RRset twice goes in once).
 */
export function nsecNxdomain(zone: ZoneContents, ce: ZoneNode, name: Name): RRset[] {
  return present([coveringNsec(zone, name), coveringNsec(zone, wildcardOf(ce.name))]);
}

/**
 * NODATA (RFC 4035 3.1.3.1, 3.1.3.4): the NSEC of the name (for a wildcard NODATA, of the wildcard
 * itself), or the one covering an empty non-terminal (NSD answer_nodata).
 */
export function nsecNodata(zone: ZoneContents, node: ZoneNode | undefined, name: Name | undefined): RRset[] {
  const at = node?.name ?? name;
  return at === undefined ? [] : present([node?.get(TYPE.NSEC) ?? coveringNsec(zone, at)]);
}

/** A wildcard answer (RFC 4035 3.1.3.3): the NSEC proving the name asked for does not exist. */
export function nsecWildcard(zone: ZoneContents, name: Name): RRset[] {
  return present([coveringNsec(zone, name)]);
}

/** A referral to an unsigned child (RFC 4035 3.1.4): the delegation's own NSEC, without DS in its bit map. */
export function nsecReferral(cut: ZoneNode): RRset[] {
  return present([cut.get(TYPE.NSEC)]);
}

function present(sets: (RRset | undefined)[]): RRset[] {
  const out: RRset[] = [];
  for (const s of sets) if (s !== undefined && !out.includes(s)) out.push(s);
  return out;
}
