// TSIG keys from nsd.conf key: clauses (name, algorithm, base64 secret) and the keyring they are found in.
import { fromBase64, type Name, parseName, TsdnsError, WireError } from '../wire/index.js';
import { algorithmByName, algorithmFromText, type TsigAlgorithm } from './algorithms.js';

/** A configuration error about a TSIG key (bad name, unknown algorithm, bad secret, duplicate). */
export class TsigError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** A shared secret (RFC 8945 3). `algorithm` is the canonical algorithm name, e.g. `hmac-sha256.`. */
export interface TsigKey {
  readonly name: Name;
  readonly algorithm: Name;
  readonly secret: Uint8Array;
}

/**
 * Builds a key from its configuration: `name` as text (absolute; a missing final dot is added) or a
 * Name, `algorithm` as nsd.conf writes it, `secret` in base64 (whitespace ignored, as NSD's b64_pton
 * does). Throws TsigError TSIG_BAD_NAME, TSIG_BAD_ALGORITHM or TSIG_BAD_SECRET with a message that
 * names the key.
 */
export function createTsigKey(name: Name | string, algorithm: string, secret: string): TsigKey {
  const keyName = typeof name === 'string' ? keyNameFromText(name) : name;
  const alg = algorithmFromText(algorithm);
  if (!alg) {
    throw new TsigError(
      'TSIG_BAD_ALGORITHM',
      `key ${keyName}: unknown algorithm "${algorithm}" (use hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384 or hmac-sha512)`,
    );
  }
  const bytes = fromBase64(secret.replace(/\s+/g, ''));
  if (!bytes) throw new TsigError('TSIG_BAD_SECRET', `key ${keyName}: the secret is not valid base64`);
  if (bytes.length === 0) throw new TsigError('TSIG_BAD_SECRET', `key ${keyName}: the secret is empty`);
  return Object.freeze({ name: keyName, algorithm: alg.name, secret: bytes });
}

function keyNameFromText(text: string): Name {
  const t = text.trim();
  try {
    return parseName(t.endsWith('.') ? t : `${t}.`, null);
  } catch (e) {
    if (e instanceof WireError) throw new TsigError('TSIG_BAD_NAME', `key name "${text}": ${e.message}`);
    throw e;
  }
}

/** The algorithm of a key; throws for a key built by hand with an algorithm we do not implement. */
export function keyAlgorithm(key: TsigKey): TsigAlgorithm {
  const alg = algorithmByName(key.algorithm);
  if (!alg) throw new TsigError('TSIG_BAD_ALGORITHM', `key ${key.name}: unsupported algorithm ${key.algorithm}`);
  return alg;
}

/** Keys looked up by name, ignoring case (key names are domain names, RFC 8945 4.2). */
export class TsigKeyring {
  private readonly keys = new Map<string, TsigKey>();

  constructor(keys: Iterable<TsigKey> = []) {
    for (const k of keys) this.add(k);
  }

  /** Adds a key; a second key with the same name is a TsigError TSIG_DUPLICATE_KEY. */
  add(key: TsigKey): void {
    keyAlgorithm(key);
    if (this.keys.has(key.name.key)) throw new TsigError('TSIG_DUPLICATE_KEY', `key ${key.name} is defined twice`);
    this.keys.set(key.name.key, key);
  }

  get(name: Name): TsigKey | undefined {
    return this.keys.get(name.key);
  }

  /**
   * Swaps in a new set of keys at once (nsd-control add_tsig, update_tsig, del_tsig, reconfig): the keys
   * are checked first, so on a TsigError nothing changed.
   */
  replaceAll(keys: Iterable<TsigKey>): void {
    const next = new TsigKeyring(keys);
    this.keys.clear();
    for (const k of next) this.keys.set(k.name.key, k);
  }

  get size(): number {
    return this.keys.size;
  }

  [Symbol.iterator](): IterableIterator<TsigKey> {
    return this.keys.values();
  }
}
