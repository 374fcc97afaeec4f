// Lookups in a loaded config: zones and keys by domain name, patterns and tls-auth clauses by name.
import { parseDnsName } from './dns-name.js';
import type { Config, PatternConfig, TlsAuthConfig, TsigKeyConfig, ZoneConfig } from './types.js';

/** The canonical key of a name, or null when it is not a valid name. */
function keyOf(name: string): string | null {
  const n = parseDnsName(name);
  return typeof n === 'string' ? null : n.key;
}

/** The zone: clause of a zone name (any case, trailing dot optional). */
export function findZone(config: Config, name: string): ZoneConfig | undefined {
  const k = keyOf(name);
  return config.zones.find((z) => z.key === k);
}

/**
 * The key: clause an ACL line names. TSIG compares key names as domain names (RFC 8945 4.2), so
 * case and a final dot do not matter (NSD compares the names as strings).
 */
export function findKey(config: Config, name: string): TsigKeyConfig | undefined {
  const k = keyOf(name);
  return config.keys.find((x) => keyOf(x.name) === k);
}

/** A pattern by its (case-sensitive) name. */
export function findPattern(config: Config, name: string): PatternConfig | undefined {
  return config.patterns.find((p) => p.name === name);
}

/** A tls-auth: clause by name. */
export function findTlsAuth(config: Config, name: string): TlsAuthConfig | undefined {
  return config.tlsAuths.find((t) => t.name === name);
}
