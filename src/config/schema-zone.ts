// The pattern: and zone: rows of the option table (NSD pattern_or_zone_option) and how each is inherited.
import { acl } from './kinds-net.js';
import {
  bool, command, count, dname, expire, oneOf, path, patternName, positive, size, string,
} from './kinds.js';
import { IMPLEMENTED, noEffect, planned, row, type ClauseName, type OptionDef } from './schema-types.js';
import type { RrlType } from './types.js';

const PZ: readonly ClauseName[] = ['pattern', 'zone'];
const NEWER = { origin: 'nsd-newer' } as const;
const NO_VERIFY = 'tsdns does not run zone verifiers';
const NO_CATALOG = 'tsdns does not support catalog zones';

export const RRL_TYPES: readonly RrlType[] = [
  'nxdomain', 'error', 'referral', 'any', 'rrsig', 'wildcard', 'nodata', 'dnskey', 'positive', 'all',
];

const APPEND = { multi: true, inherit: 'append' } as const;

/** Names, files, ACLs and transfer timers. */
const zoneCore: OptionDef[] = [
  row(['zone'], 'name', dname, null, IMPLEMENTED, 'The zone apex name.'),
  row(['pattern'], 'name', patternName, null, IMPLEMENTED, 'The pattern name (case-sensitive, no spaces).'),
  row(PZ, 'include-pattern', patternName, [], IMPLEMENTED, 'Apply a pattern defined above, at this point.', { multi: true }),
  row(PZ, 'zonefile', path, null, IMPLEMENTED, 'Zone file; %s %1 %2 %3 %z %y %x are substituted.', { inherit: 'override' }),
  row(PZ, 'allow-notify', acl({ prefix: false, tlsAuth: false, single: false, noKey: false }, 'allow-notify'), [], IMPLEMENTED, 'Who may send NOTIFY: ip-spec key|NOKEY|BLOCKED.', APPEND),
  row(PZ, 'request-xfr', acl({ prefix: true, tlsAuth: true, single: true, noKey: false }, 'request-xfr'), [], IMPLEMENTED, 'Primary to transfer from: [AXFR|UDP] address key|NOKEY [tls-auth].', APPEND),
  row(PZ, 'notify', acl({ prefix: false, tlsAuth: false, single: true, noKey: false }, 'notify'), [], IMPLEMENTED, 'Secondary to notify: address key|NOKEY.', APPEND),
  row(PZ, 'provide-xfr', acl({ prefix: false, tlsAuth: true, single: false, noKey: false }, 'provide-xfr'), [], IMPLEMENTED, 'Who may transfer: ip-spec key|NOKEY|BLOCKED [tls-auth].', APPEND),
  row(PZ, 'allow-query', acl({ prefix: false, tlsAuth: false, single: false, noKey: false }, 'allow-query'), [], IMPLEMENTED, 'Who may query (default: everyone): ip-spec key|NOKEY|BLOCKED.', APPEND),
  row(PZ, 'outgoing-interface', acl({ prefix: false, tlsAuth: false, single: true, noKey: true }, 'outgoing-interface'), [], IMPLEMENTED, 'Source address for transfers and notifies.', APPEND),
  row(PZ, 'notify-retry', count, 5, IMPLEMENTED, 'Times to retry a NOTIFY.', { inherit: 'override' }),
  row(PZ, 'allow-axfr-fallback', bool, true, IMPLEMENTED, 'Fall back to AXFR when IXFR fails.', { inherit: 'override' }),
  row(PZ, 'size-limit-xfr', positive, 0, IMPLEMENTED, 'Maximum bytes of an incoming transfer (default 0: no limit).', { inherit: 'always' }),
  row(PZ, 'max-refresh-time', count, 2419200, IMPLEMENTED, 'Upper bound of the SOA refresh timer.', { inherit: 'override' }),
  row(PZ, 'min-refresh-time', count, 0, IMPLEMENTED, 'Lower bound of the SOA refresh timer.', { inherit: 'override' }),
  row(PZ, 'max-retry-time', count, 1209600, IMPLEMENTED, 'Upper bound of the SOA retry timer.', { inherit: 'override' }),
  row(PZ, 'min-retry-time', count, 0, IMPLEMENTED, 'Lower bound of the SOA retry timer.', { inherit: 'override' }),
  row(PZ, 'min-expire-time', expire, 0, IMPLEMENTED, 'Lower bound of the SOA expire timer, or refresh+retry+1.', { inherit: 'override' }),
  row(PZ, 'multi-master-check', bool, false, IMPLEMENTED, 'Ask every primary and take the highest serial.', { inherit: 'if-true' }),
  row(PZ, 'multi-primary-check', bool, false, IMPLEMENTED, 'Same as multi-master-check.', { ...NEWER, inherit: 'if-true', aliasOf: 'multi-master-check' }),
];

/** Statistics, RRL, IXFR, verifiers and catalogs. */
const zoneMore: OptionDef[] = [
  row(PZ, 'zonestats', string, null, planned('stats: per-zone counters'), 'Statistics group (%s: the zone name).', { inherit: 'override' }),
  row(PZ, 'rrl-whitelist', oneOf(RRL_TYPES), [], IMPLEMENTED, 'RRL type to rate at rrl-whitelist-ratelimit; may repeat.', { multi: true, inherit: 'union' }),
  row(PZ, 'store-ixfr', bool, false, IMPLEMENTED, 'Keep IXFR differences.', { inherit: 'override' }),
  row(PZ, 'ixfr-size', size, 1048576, IMPLEMENTED, 'Bytes of IXFR data to keep (0: no limit).', { inherit: 'override' }),
  row(PZ, 'ixfr-number', count, 5, IMPLEMENTED, 'IXFR versions to keep.', { inherit: 'override' }),
  row(PZ, 'create-ixfr', bool, false, IMPLEMENTED, 'Compute IXFR from zone file changes.', { inherit: 'override' }),
  row(PZ, 'verify-zone', bool, null, noEffect(NO_VERIFY), 'Verify this zone.', { inherit: 'override' }),
  row(PZ, 'verifier', command, null, noEffect(NO_VERIFY), 'Verifier command for this zone.', { inherit: 'override' }),
  row(PZ, 'verifier-feed-zone', bool, null, noEffect(NO_VERIFY), 'Feed the zone to the verifier.', { inherit: 'override' }),
  row(PZ, 'verifier-timeout', count, null, noEffect(NO_VERIFY), 'Verifier time limit.', { inherit: 'override' }),
  row(PZ, 'catalog', oneOf(['consumer', 'producer']), null, noEffect(NO_CATALOG), 'Catalog role of the zone.', { ...NEWER, inherit: 'override' }),
  row(PZ, 'catalog-member-pattern', patternName, null, noEffect(NO_CATALOG), 'Pattern for catalog member zones.', { ...NEWER, inherit: 'override' }),
  row(['pattern'], 'catalog-producer-zone', dname, null, noEffect(NO_CATALOG), 'Producer catalog the zones of this pattern go to.', { ...NEWER, inherit: 'override' }),
];

export const ZONE_OPTIONS: readonly OptionDef[] = [...zoneCore, ...zoneMore];
