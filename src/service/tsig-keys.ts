// TSIG keys from nsd.conf key: clauses into the keyring, and the key an ACL line names (request-xfr, notify).
import { aclKeyName } from '../acl/index.js';
import type { AclEntry, TsigKeyConfig } from '../config/index.js';
import { createTsigKey, type TsigKey, TsigKeyring } from '../tsig/index.js';
import { ServiceError } from './errors.js';

/** Every key: clause as a key; a bad secret or an unknown algorithm is a TsigError (the daemon does not start). */
export function keyringFromConfig(keys: readonly TsigKeyConfig[]): TsigKeyring {
  return new TsigKeyring(keys.map((k) => createTsigKey(k.name, k.algorithm, k.secret)));
}

/**
 * The key an outgoing ACL line (request-xfr, notify) signs with: null for NOKEY. A line naming a key
 * that is not defined is a ServiceError (NSD's checkconf refuses such a config too).
 */
export function keyOfLine(entry: AclEntry, keyring: TsigKeyring, zone: string): TsigKey | null {
  const name = aclKeyName(entry);
  if (name === null) return null;
  const key = keyring.get(name);
  if (!key) throw new ServiceError('UNKNOWN_KEY', `zone ${zone}: ${entry.spec} names key ${name}, which no key: clause defines`);
  return key;
}

/** TSIG time: seconds since the epoch. */
export function tsigNow(): number {
  return Date.now() / 1000;
}
