// The TSIG HMAC algorithms: nsd.conf names, canonical wire names and digest sizes (RFC 8945 6, RFC 4635).
import { type Name, parseName } from '../wire/index.js';

/** One HMAC algorithm as TSIG names it. */
export interface TsigAlgorithm {
  /** The name nsd.conf uses (`algorithm: hmac-sha256`). */
  readonly id: string;
  /** The algorithm name carried in the TSIG record (RFC 8945 6: hmac-md5 keeps its long legacy name). */
  readonly name: Name;
  /** The node:crypto digest name. */
  readonly hash: string;
  /** The full MAC length in octets. */
  readonly size: number;
  /**
   * The shortest MAC a receiver accepts: the larger of 10 octets and half the hash (RFC 8945 5.2.2.1
   * rule 3); anything shorter (other than the empty MAC of an unsigned error) is FORMERR.
   */
  readonly minSize: number;
}

function algorithm(id: string, wireName: string, hash: string, size: number): TsigAlgorithm {
  return Object.freeze({ id, name: parseName(wireName, null), hash, size, minSize: Math.max(10, size / 2) });
}

/** Every algorithm tsdns signs and verifies with, as NSD 4 offers them. */
export const TSIG_ALGORITHMS: readonly TsigAlgorithm[] = Object.freeze([
  algorithm('hmac-md5', 'hmac-md5.sig-alg.reg.int.', 'md5', 16),
  algorithm('hmac-sha1', 'hmac-sha1.', 'sha1', 20),
  algorithm('hmac-sha224', 'hmac-sha224.', 'sha224', 28),
  algorithm('hmac-sha256', 'hmac-sha256.', 'sha256', 32),
  algorithm('hmac-sha384', 'hmac-sha384.', 'sha384', 48),
  algorithm('hmac-sha512', 'hmac-sha512.', 'sha512', 64),
]);

const BY_KEY = new Map<string, TsigAlgorithm>(TSIG_ALGORITHMS.map((a) => [a.name.key, a]));

/** The algorithm a received TSIG names (compared ignoring case); undefined when we do not implement it. */
export function algorithmByName(name: Name): TsigAlgorithm | undefined {
  return BY_KEY.get(name.key);
}

/**
 * The algorithm for a configured name: the nsd.conf spelling (`hmac-sha256`, case-insensitive, NSD also
 * takes it without `hmac-`) or its wire name (`hmac-sha256.`, `hmac-md5.sig-alg.reg.int`).
 */
export function algorithmFromText(text: string): TsigAlgorithm | undefined {
  let t = text.trim().toLowerCase();
  if (t.endsWith('.')) t = t.slice(0, -1);
  for (const a of TSIG_ALGORITHMS) {
    const wire = a.name.toString().slice(0, -1);
    if (t === a.id || t === wire || `hmac-${t}` === a.id) return a;
  }
  return undefined;
}
