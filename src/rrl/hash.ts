// Numeric hashing for the RRL table: the name key and the whole bucket key, in 32-bit integer arithmetic.

/** MurmurHash3's finaliser: spreads every input bit over the word so `% size` uses all of them. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One MurmurHash3 block step: mixes the 32-bit word k into h. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * The hash of a name key (wire/Name.key: the lower-cased wire octets as a latin1 string), FNV-1a
 * over the octets. The pipeline can compute it once per cached answer and pass the number.
 */
export function nameHash(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return fmix(h ^ key.length);
}

/**
 * The bucket hash of one key (NSD examine_query hashes source, flags and name with lookup3). The
 * seed is random per table, so an attacker cannot aim spoofed queries at a victim's bucket to keep
 * resetting it (two keys in one bucket evict each other, as in NSD).
 */
export function keyHash(seed: number, hi: number, lo: number, flags: number, name: number): number {
  let h = mix(seed, hi);
  h = mix(h, lo);
  h = mix(h, flags);
  h = mix(h, name);
  return fmix(h ^ 16);
}
