// NSD's ACL check (options.c acl_check_incoming): BLOCKED wins, else the first line whose address and key match.
import type { AclEntry } from '../config/types.js';
import { type Name, parseName, WireError } from '../wire/index.js';
import { type AddressMatcher, type ClientAddress, compileAddress, parseClient } from './address.js';

/** Why a request was not admitted. */
export type AclRefusal = 'blocked' | 'no-match' | 'key-required' | 'wrong-key';

export type AclDecision =
  | { readonly allowed: true; readonly entry: AclEntry; readonly index: number }
  | {
      readonly allowed: false;
      readonly reason: AclRefusal;
      /** The BLOCKED line that matched, or the first line whose address matched but not its key. */
      readonly entry: AclEntry | null;
    };

/** The client as the transport saw it. */
export interface AclClient {
  readonly address: string;
  readonly port: number;
}

/** The request's TSIG: the key name when the request was signed and the signature verified, else null. */
export interface AclTsig {
  readonly keyName: Name | null;
}

interface CompiledLine {
  readonly entry: AclEntry;
  readonly matches: AddressMatcher;
  readonly kind: 'nokey' | 'blocked' | 'key';
  /** Lower-cased wire key of the key name (Name.key), for kind 'key'; null when the name is invalid. */
  readonly keyKey: string | null;
}

/** An ACL list prepared for repeated checks (compileAcl); checkAcl also takes the raw list. */
export interface CompiledAcl {
  readonly lines: readonly CompiledLine[];
}

/** The key of an ACL line as a Name (key names are domain names, RFC 8945 4.2), or null for NOKEY/BLOCKED. */
export function aclKeyName(entry: AclEntry): Name | null {
  if (entry.key.type !== 'key') return null;
  const t = entry.key.name;
  return parseName(t.endsWith('.') ? t : `${t}.`, null);
}

function compileLine(entry: AclEntry): CompiledLine {
  let keyKey: string | null = null;
  if (entry.key.type === 'key') {
    try {
      keyKey = aclKeyName(entry)?.key ?? null;
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
    }
  }
  return { entry, matches: compileAddress(entry), kind: entry.key.type, keyKey };
}

const cache = new WeakMap<readonly AclEntry[], CompiledAcl>();

/** Compiles (and caches, per list object) an ACL list. */
export function compileAcl(entries: readonly AclEntry[]): CompiledAcl {
  let c = cache.get(entries);
  if (c === undefined) {
    c = { lines: entries.map(compileLine) };
    cache.set(entries, c);
  }
  return c;
}

/**
 * NSD acl_key_matches: BLOCKED matches any key; NOKEY only an unsigned request (a signed one does
 * not match it); a key name only a request signed, and verified, with that key.
 */
function keyMatches(line: CompiledLine, tsig: AclTsig): boolean {
  if (line.kind === 'blocked') return true;
  if (line.kind === 'nokey') return tsig.keyName === null;
  return tsig.keyName !== null && line.keyKey !== null && tsig.keyName.key === line.keyKey;
}

/**
 * Checks a request against an ACL list the way NSD's acl_check_incoming does: every line is tried; a
 * BLOCKED line whose address matches refuses at once, wherever it is in the list (nsd.conf(5):
 * "BLOCKED supersedes other entries"); otherwise the first line whose address and key both match
 * admits. NSD itself does not tell a key mismatch from no match (both log "no acl matches" and are
 * REFUSED); the finer reasons here ('key-required': unsigned but the matching lines want a key,
 * 'wrong-key': signed with another key, or signed where the line says NOKEY) are for the log only.
 */
export function checkAcl(acl: readonly AclEntry[] | CompiledAcl, client: AclClient, tsig: AclTsig): AclDecision {
  const lines = 'lines' in acl ? acl.lines : compileAcl(acl).lines;
  const c: ClientAddress | null = parseClient(client.address, client.port);
  if (c === null) return { allowed: false, reason: 'no-match', entry: null };
  let first = -1;
  let keyMiss: AclEntry | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.matches(c)) continue;
    if (!keyMatches(line, tsig)) {
      keyMiss ??= line.entry;
      continue;
    }
    if (line.kind === 'blocked') return { allowed: false, reason: 'blocked', entry: line.entry };
    if (first < 0) first = i;
  }
  if (first >= 0) return { allowed: true, entry: lines[first].entry, index: first };
  if (keyMiss !== null) return { allowed: false, reason: tsig.keyName === null ? 'key-required' : 'wrong-key', entry: keyMiss };
  return { allowed: false, reason: 'no-match', entry: null };
}
