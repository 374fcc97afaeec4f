// Locating a name: the zone that answers it, and what the name finds there (node, closest encloser, cut, DNAME).
import { type Name, parentOf, TYPE } from '../wire/index.js';
import type { ZoneContents, ZoneNode } from '../zone/index.js';
import type { QueryContext } from './context.js';

/** What one step of the resolution finds for a name in the zone that answers it. */
export interface Location {
  readonly zone: ZoneContents;
  /** The name's node in the zone (empty non-terminals included; nodes with only NSEC3 do not count). */
  readonly node: ZoneNode | undefined;
  /** The deepest node of the zone at or above the name. */
  readonly ce: ZoneNode;
  /** The highest zone cut at or above the name. */
  readonly cut: ZoneNode | undefined;
  /** The DNAME owner strictly above the name. */
  readonly dname: ZoneNode | undefined;
  /** The name has no node in this zone but exists in another served zone (see foreignNames). */
  readonly existsElsewhere: boolean;
  /** Another served zone has a name between `ce` and the name, so no wildcard applies. */
  readonly wildcardBlocked: boolean;
}

/**
 * The zone that answers a name: the most specific one (RFC 1034 4.3.2 step 2), except that a DS
 * query for a zone apex is answered by the parent zone when we serve it (RFC 4035 3.1.4.1).
 */
export function zoneFor(ctx: QueryContext, name: Name): ZoneContents | undefined {
  return ctx.q.qtype === TYPE.DS ? ctx.db.findZoneForDS(name) : ctx.db.findZone(name);
}

/** Looks the name up in its zone. */
export function locate(ctx: QueryContext, zone: ZoneContents, name: Name): Location {
  const found = zone.lookup(name);
  let node = found.node;
  let ce = found.closestEncloser;
  let dname = found.dname;
  if (node !== undefined && node.has(TYPE.NSEC3) && hasOnlyNsec3(node)) {
    // NSEC3 owners are not names of the zone (RFC 5155 7.2.8): NSD pretends the node does not
    // exist and takes its parent as the closest encloser (query.c answer_authoritative).
    ce = node.parent ?? node;
    node = undefined;
    if (dname === undefined && ce.rrsets.has(TYPE.DNAME)) dname = ce;
  }
  let existsElsewhere = false;
  let wildcardBlocked = false;
  if (node === undefined && found.cut === undefined && dname === undefined) {
    const f = foreignNames(ctx, zone, name, ce);
    existsElsewhere = f.exists;
    wildcardBlocked = f.deeper;
  }
  return { zone, node, ce, cut: found.cut, dname, existsElsewhere, wildcardBlocked };
}

/**
 * NSD keeps one name table for all zones, so a name "exists" when any served zone has it: the
 * parent's glue below a served child's apex, or a served child's apex itself (the parent answers a
 * DS query there). Such a name is answered NODATA instead of NXDOMAIN, and one between the closest
 * encloser and the name blocks the wildcard (checked with nsd 4.6.1: glue-only name in the child,
 * DS at a child apex the parent does not delegate). Only called on the wildcard/NXDOMAIN path.
 * Not matched: a name that exists only as an ancestor of a served child's apex (NSD: NODATA) -
 * finding those needs an index of the zone origins in ZoneDb.
 */
function foreignNames(ctx: QueryContext, zone: ZoneContents, name: Name, ce: ZoneNode): { exists: boolean; deeper: boolean } {
  const own = ctx.db.get(name);
  if (own !== undefined && own !== zone) {
    ctx.b.useZone(own);
    return { exists: true, deeper: false };
  }
  let deeper = false;
  for (let up = parentZone(ctx, zone); up !== undefined; up = parentZone(ctx, up)) {
    ctx.b.useZone(up);
    const there = up.lookup(name);
    if (there.node !== undefined) return { exists: true, deeper: false };
    // Both are ancestors of the name: the longer key is the deeper node.
    if (there.closestEncloser.key.length > ce.key.length) deeper = true;
  }
  return { exists: false, deeper };
}

function parentZone(ctx: QueryContext, zone: ZoneContents): ZoneContents | undefined {
  if (zone.origin.labelCount === 0) return undefined;
  return ctx.db.findZone(parentOf(zone.origin));
}

/** A node holding only NSEC3 records (and their RRSIGs), NSD's domain_has_only_NSEC3. */
function hasOnlyNsec3(node: ZoneNode): boolean {
  let nsec3 = false;
  for (const type of node.rrsets.keys()) {
    if (type === TYPE.NSEC3) nsec3 = true;
    else if (type !== TYPE.RRSIG) return false;
  }
  return nsec3;
}
