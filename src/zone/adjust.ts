// The adjust pass: after loading, add empty non-terminals, link parents, sort, and set every node flag once.
import { sortZoneNodes } from './sort-nodes.js';
import { F_APEX, F_DELEGATION, F_ENT, F_OCCLUDED, F_WILDCARD_CHILD, ZoneNode } from './node.js';
import type { NodeTable } from './node-table.js';
import { T } from './types.js';

/**
 * Completes the builder's nodes (keyed by Name.key) and returns them in canonical order, apex first,
 * with the number of records. Queries then need no tree walk: every ancestor exists (RFC 8020 empty
 * non-terminals), parents are linked, and the delegation/occlusion/wildcard flags are precomputed.
 * `hasDname` false says the zone has no DNAME, so no parent is asked for one.
 */
export function adjustNodes(originKey: string, byKey: NodeTable, hasDname = true): { sorted: ZoneNode[]; records: number } {
  addEmptyNonTerminals(originKey, byKey);
  const all = byKey.seal();
  const sorted = sortZoneNodes(all, originKey);
  let records = 0;
  for (let i = 0; i < sorted.length; i++) {
    const node = sorted[i];
    node.setIndex(i);
    setFlags(node, originKey, hasDname);
    records += node.recordCount;
  }
  return { sorted, records };
}

/** Links every node to its parent, creating the missing ancestors up to the apex. */
function addEmptyNonTerminals(originKey: string, byKey: NodeTable): void {
  // The loop also visits the nodes added during it (size grows), so new ancestors get linked too.
  let last: ZoneNode | undefined;
  for (let i = 0; i < byKey.size; i++) {
    const node = byKey.added(i);
    const key = node.key;
    if (key === originKey) continue;
    const cut = key.charCodeAt(0) + 1;
    // Siblings come together in most zones (a flat zone: all of them): try the last parent before hashing.
    let parent = last !== undefined && last.key.length === key.length - cut && key.endsWith(last.key) ? last : byKey.getSuffix(key, cut);
    if (parent === undefined) {
      parent = new ZoneNode(key.substring(cut), node.spelling.substring(cut));
      byKey.add(parent);
    }
    node.setParent(parent);
    last = parent;
  }
}

/** Sets a node's flags; its parent (earlier in canonical order) is already done. */
function setFlags(node: ZoneNode, originKey: string, hasDname: boolean): void {
  const parent = node.parent;
  const apex = node.key === originKey;
  let f = 0;
  if (apex) f |= F_APEX;
  if (!apex && node.has(T.NS)) f |= F_DELEGATION;
  if (node.size === 0) f |= F_ENT;
  // RFC 1034 4.2.1 and RFC 6672 2.4: data below a cut or a DNAME is not authoritative.
  if (parent !== undefined && (parent.isOccluded || parent.isDelegation || (hasDname && parent.has(T.DNAME)))) f |= F_OCCLUDED;
  node.addFlags(f);
  // RFC 4592 2.1.1: a wildcard is the node whose leftmost label is `*`.
  if (parent !== undefined && node.key.charCodeAt(0) === 1 && node.key.charCodeAt(1) === 0x2a) parent.addFlags(F_WILDCARD_CHILD);
}
