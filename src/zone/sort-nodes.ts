// Sorting a zone's nodes into RFC 4034 6.1 order by their keys below the origin, read in place.
import { sortCanonical } from './canonical.js';

const MAX_LABELS = 128;
const starts = new Int32Array(MAX_LABELS);
const scratch = new Uint8Array(256);
// One view per length, made once: a subarray per key was a fresh object for each of a million names.
const VIEWS = Array.from({ length: 257 }, (_, n) => scratch.subarray(0, n));

// The origin key's length for the sort under way, and the sort text of every node more than one
// label below the origin (one label, the common case, is read from the key itself).
let originLength = 0;
let composed = new Map<object, string>();

/**
 * A node's sort key, read so that comparing it char by char (a prefix first) is RFC 4034 6.1 order:
 * the labels below the origin from the rightmost, joined by U+0000, so a name sorts before its
 * children ("ab" < "ab\0x" < "abc"); the apex is empty. For one label below the origin it is the
 * key itself from offset 1 to the origin (no new string), else a string made once per sort.
 * Undefined when a label holds an octet 0, which the separator could not be told from.
 */
function composeKey(key: string, cut: number): string | undefined {
  let labels = 0;
  for (let p = 0; p < cut; p += key.charCodeAt(p) + 1) starts[labels++] = p;
  let n = 0;
  for (let l = labels - 1; l >= 0; l--) {
    const p = starts[l];
    const end = p + 1 + key.charCodeAt(p);
    for (let q = p + 1; q < end; q++) {
      const c = key.charCodeAt(q);
      if (c === 0) return undefined;
      scratch[n++] = c;
    }
    if (l > 0) scratch[n++] = 0;
  }
  return String.fromCharCode.apply(null, VIEWS[n] as unknown as number[]);
}

/** Checks a node's key and makes its sort text if it needs one; false when a label holds an octet 0. */
function prepare(node: { readonly key: string }): boolean {
  const key = node.key;
  const cut = key.length - originLength;
  if (cut === 0) return true;
  if (key.charCodeAt(0) + 1 === cut) {
    for (let p = 1; p < cut; p++) if (key.charCodeAt(p) === 0) return false;
    return true;
  }
  const text = composeKey(key, cut);
  if (text === undefined) return false;
  composed.set(node, text);
  return true;
}

/** RFC 4034 6.1 order of two nodes of the zone, from their keys in place. */
function compareNodes(a: { readonly key: string }, b: { readonly key: string }): number {
  let ta = a.key;
  let tb = b.key;
  let pa = 1;
  let pb = 1;
  let ea = ta.length - originLength;
  let eb = tb.length - originLength;
  if (ea > 0 && ta.charCodeAt(0) + 1 !== ea) {
    ta = composed.get(a) as string;
    pa = 0;
    ea = ta.length;
  }
  if (eb > 0 && tb.charCodeAt(0) + 1 !== eb) {
    tb = composed.get(b) as string;
    // Two sort texts (names two or more labels below the origin, a reverse zone's every name):
    // the engine's own string order is the same order, and quicker than a loop of charCodeAt.
    if (pa === 0 && ea > 0) return ta < tb ? -1 : ta === tb ? 0 : 1;
    pb = 0;
    eb = tb.length;
  }
  if (ea === 0) pa = 0;
  if (eb === 0) pb = 0;
  for (; pa < ea && pb < eb; pa++, pb++) {
    const d = ta.charCodeAt(pa) - tb.charCodeAt(pb);
    if (d !== 0) return d;
  }
  return ea - pa - (eb - pb);
}

/**
 * Sorts the nodes of a zone (every key at or below `originKey`) into RFC 4034 6.1 order, in place,
 * and returns the array. Zone files are often written in that order, which is checked first and then
 * costs no sort. Falls back to sortCanonical's full keys for the rare zone with an octet 0 in a
 * label. Tried and slower on a million names, each pass reading every key again: a sort string per
 * name (and the memory for it), an MSD radix sort, and leading octets packed into doubles for the
 * engine's numeric sort.
 */
export function sortZoneNodes<T extends { readonly key: string }>(items: T[], originKey: string): T[] {
  originLength = originKey.length;
  composed = new Map<object, string>();
  try {
    let inOrder = true;
    for (let i = 0; i < items.length; i++) {
      if (!prepare(items[i])) {
        const sorted = sortCanonical(items);
        for (let k = 0; k < sorted.length; k++) items[k] = sorted[k];
        return items;
      }
      if (inOrder && i > 0 && compareNodes(items[i - 1], items[i]) >= 0) inOrder = false;
    }
    if (!inOrder) items.sort(compareNodes); // keys are unique (one node per name): the order is total
    return items;
  } finally {
    composed = new Map<object, string>();
  }
}
