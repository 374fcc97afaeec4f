// The NSEC3 hash of a name (RFC 5155 5): iterated SHA-1 over the canonical wire name and the salt.
import * as crypto from 'node:crypto';
import { toBase32Hex } from '../wire/index.js';

/** The only NSEC3 hash algorithm there is (RFC 5155 11: 1 = SHA-1). */
export const NSEC3_SHA1 = 1;

const SHA1_LENGTH = 20;

// crypto.hash (Node 20.12+) hashes without making a Hash object: about twice as fast for these short
// inputs, which matters when a zone of a million names is hashed at load.
type OneShot = (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;
const sha1 = oneShot !== undefined ? (data: Uint8Array) => oneShot('sha1', data, 'buffer') : (data: Uint8Array) => crypto.createHash('sha1').update(data).digest();

let buffer = new Uint8Array(512);

/**
 * IH(salt, x, k) of RFC 5155 5: H(x || salt), then `iterations` more times H(previous || salt).
 * `key` is the name's Name.key (lower-cased wire form as latin1, RFC 4034 6.2 canonical form).
 * Returns the hash as the 32-character lower-case base32hex label an NSEC3 owner starts with.
 */
export function nsec3Hash(key: string, salt: Uint8Array, iterations: number): string {
  const need = Math.max(key.length, SHA1_LENGTH) + salt.length;
  if (buffer.length < need) buffer = new Uint8Array(need);
  const buf = buffer;
  for (let i = 0; i < key.length; i++) buf[i] = key.charCodeAt(i);
  buf.set(salt, key.length);
  let digest = sha1(buf.subarray(0, key.length + salt.length));
  if (iterations > 0) {
    buf.set(salt, SHA1_LENGTH);
    const input = buf.subarray(0, SHA1_LENGTH + salt.length);
    for (let i = 0; i < iterations; i++) {
      buf.set(digest, 0);
      digest = sha1(input);
    }
  }
  return toBase32Hex(digest);
}
