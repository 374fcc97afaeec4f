// RFC 4034 6.1 canonical order of names, turned into plain string order so a million names sort fast.

const codes = new Uint16Array(256 + 128);
const sortStarts = new Int32Array(128);

/**
 * A string whose ordinary (UTF-16 code unit) order is the RFC 4034 6.1 canonical order of the
 * names: labels from the rightmost, each lower-cased octet b written as b+1 and each label closed
 * by U+0000, so a label that is a prefix of another sorts first and fewer labels sort first.
 * `key` is a Name.key (lower-cased wire form as latin1).
 */
export function canonicalSortKey(key: string): string {
  let labels = 0;
  for (let p = 0; key.charCodeAt(p) !== 0; p += key.charCodeAt(p) + 1) sortStarts[labels++] = p;
  let n = 0;
  for (let i = labels - 1; i >= 0; i--) {
    const p = sortStarts[i];
    const end = p + 1 + key.charCodeAt(p);
    for (let q = p + 1; q < end; q++) codes[n++] = key.charCodeAt(q) + 1;
    codes[n++] = 0;
  }
  return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
}

/** Sorts items by the canonical order of their keys (Name.key); stable for equal keys. */
export function sortCanonical<T extends { readonly key: string }>(items: T[]): T[] {
  const keys = items.map((x) => canonicalSortKey(x.key));
  const order = Array.from(items.keys());
  order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  return order.map((i) => items[i]);
}

const offA = new Int32Array(128);
const offB = new Int32Array(128);

function labelStarts(key: string, out: Int32Array): number {
  let n = 0;
  for (let p = 0; key.charCodeAt(p) !== 0; p += key.charCodeAt(p) + 1) out[n++] = p;
  return n;
}

/** RFC 4034 6.1 order of two Name.keys, without allocating (for binary searches at query time). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const na = labelStarts(a, offA);
  const nb = labelStarts(b, offB);
  for (let i = na - 1, j = nb - 1; i >= 0 && j >= 0; i--, j--) {
    const pa = offA[i];
    const pb = offB[j];
    const la = a.charCodeAt(pa);
    const lb = b.charCodeAt(pb);
    const m = la < lb ? la : lb;
    for (let k = 1; k <= m; k++) {
      const d = a.charCodeAt(pa + k) - b.charCodeAt(pb + k);
      if (d !== 0) return d;
    }
    if (la !== lb) return la - lb;
  }
  return na - nb;
}
