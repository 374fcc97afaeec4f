// The typed, deeply frozen result of loading an nsd.conf: server, remote-control, keys, patterns, zones.
import type { ConfigProblem } from './errors.js';

/** Where a setting was written. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
}

/** A consecutive range of server processes (`servers="1 3-4"` after an ip-address). */
export interface ServerRange {
  readonly first: number;
  readonly last: number;
}

/**
 * A listen address (ip-address, control-interface, health-interface, metrics-interface):
 * an IP address, an interface name resolved at start-up, or (control-interface only) a unix socket path.
 */
export interface InterfaceSpec extends SourcePos {
  /** As written, including @port (e.g. "192.0.2.1@5353", "eth0", "/run/nsd.sock"). */
  readonly spec: string;
  /** Canonical IP address text, or null for an interface name or a socket path. */
  readonly address: string | null;
  readonly family: 4 | 6 | null;
  /** IPv6 scope (the part after %), if any. */
  readonly scope: string | null;
  /** An interface name (e.g. "eth0") whose addresses are picked up at start-up. */
  readonly interfaceName: string | null;
  /** An absolute path: a unix socket (control-interface only). */
  readonly socketPath: string | null;
  /** The @port, or null for the clause's port: option. */
  readonly port: number | null;
  /** servers= (which server processes listen here), null for all. */
  readonly servers: readonly ServerRange[] | null;
  readonly bindToDevice: boolean;
  readonly setfib: number | null;
}

/** The address part of an ACL line: one address, a subnet, address&mask, or a first-last range. */
export type AclRange =
  | { readonly type: 'single' }
  | { readonly type: 'subnet'; readonly prefix: number }
  | { readonly type: 'mask'; readonly mask: string }
  | { readonly type: 'range'; readonly last: string };

/** The key part of an ACL line. */
export type AclKey =
  | { readonly type: 'nokey' }
  | { readonly type: 'blocked' }
  | { readonly type: 'key'; readonly name: string };

/** One ACL line (allow-notify, request-xfr, notify, provide-xfr, allow-query, outgoing-interface). */
export interface AclEntry extends SourcePos {
  /** The ip-spec as written, e.g. "192.0.2.0/24@5300" (nsd-checkconf -o prints this). */
  readonly spec: string;
  readonly family: 4 | 6;
  /** Canonical text of the address (the first one of a range). */
  readonly address: string;
  readonly range: AclRange;
  /** The @port, or null for any port. */
  readonly port: number | null;
  readonly key: AclKey;
  /** request-xfr AXFR: only ask this primary for AXFR. */
  readonly axfrOnly: boolean;
  /** request-xfr UDP: send IXFR queries over UDP. */
  readonly udp: boolean;
  /** The tls-auth clause named on the line (request-xfr, provide-xfr), or null. */
  readonly tlsAuth: string | null;
}

/** An RRL query classification (nsd.conf rrl-whitelist). */
export type RrlType =
  | 'nxdomain' | 'error' | 'referral' | 'any' | 'rrsig' | 'wildcard' | 'nodata' | 'dnskey' | 'positive' | 'all';

/** The options a pattern or zone carries (after include-pattern inheritance). */
export interface ZoneSettings {
  /** The zonefile: template as written (with %s etc.), or null when none is configured. */
  readonly zonefile: string | null;
  readonly allowNotify: readonly AclEntry[];
  readonly requestXfr: readonly AclEntry[];
  readonly notify: readonly AclEntry[];
  readonly provideXfr: readonly AclEntry[];
  readonly allowQuery: readonly AclEntry[];
  readonly outgoingInterface: readonly AclEntry[];
  readonly notifyRetry: number;
  readonly allowAxfrFallback: boolean;
  /** Bytes; 0 is unlimited. */
  readonly sizeLimitXfr: number;
  readonly maxRefreshTime: number;
  readonly minRefreshTime: number;
  readonly maxRetryTime: number;
  readonly minRetryTime: number;
  /** Seconds, or the SOA-relative lower bound "refresh+retry+1". */
  readonly minExpireTime: number | 'refresh+retry+1';
  readonly multiMasterCheck: boolean;
  /** The zonestats: group (for a zone with %s etc. already substituted), or null. */
  readonly zonestats: string | null;
  readonly rrlWhitelist: readonly RrlType[];
  readonly storeIxfr: boolean;
  readonly ixfrSize: number;
  readonly ixfrNumber: number;
  readonly createIxfr: boolean;
}

/** A pattern: clause, with the settings it gives to zones that include it. */
export interface PatternConfig extends ZoneSettings, SourcePos {
  readonly name: string;
  /** The include-pattern: lines of this pattern, in order. */
  readonly includes: readonly string[];
}

/** A zone: clause, resolved. */
export interface ZoneConfig extends ZoneSettings, SourcePos {
  /** The name as written in the config (what %s and %1..%3 substitute). */
  readonly name: string;
  /** Lower-case fully qualified name, for lookups ("example.com."). */
  readonly key: string;
  /** Labels left to right, as written. */
  readonly labels: readonly string[];
  /** A zone with request-xfr lines is a secondary (NSD's zone_is_slave). */
  readonly role: 'primary' | 'secondary';
  /** The include-pattern: lines of the zone clause, in order. */
  readonly patterns: readonly string[];
  /** Every pattern whose settings were applied, in application order (nested includes first-in). */
  readonly inherited: readonly string[];
  /** zonefile after %s/%1/%2/%3/%z/%y/%x substitution and made relative to zonesdir; null if none. */
  readonly zonefilePath: string | null;
}

/** A key: clause (TSIG). */
export interface TsigKeyConfig extends SourcePos {
  readonly name: string;
  /** Canonical algorithm name, e.g. "hmac-sha256". */
  readonly algorithm: string;
  /** The base64 secret as written (validated; decode with Buffer.from(secret, 'base64')). */
  readonly secret: string;
}

/** A tls-auth: clause (XFR-over-TLS credentials; accepted without effect). */
export interface TlsAuthConfig extends SourcePos {
  readonly name: string;
  readonly authDomainName: string;
  readonly clientCert: string | null;
  readonly clientKey: string | null;
  readonly clientKeyPw: string | null;
}

/** Response rate limiting (rrl-* server options). */
export interface RrlConfig {
  readonly size: number;
  /** Queries per second per source block; 0 disables. */
  readonly ratelimit: number;
  readonly slip: number;
  readonly ipv4PrefixLength: number;
  readonly ipv6PrefixLength: number;
  readonly whitelistRatelimit: number;
}

/** The metrics endpoint (NSD 4.12 metrics-* options; tsdns serves it when an interface is given). */
export interface MetricsConfig {
  readonly enable: boolean;
  readonly interfaces: readonly InterfaceSpec[];
  readonly port: number;
  readonly path: string;
}

/** The server: clause. Paths are already resolved against zonesdir ("" stays "": none). */
export interface ServerConfig {
  readonly ipAddresses: readonly InterfaceSpec[];
  readonly port: number;
  readonly doIp4: boolean;
  readonly doIp6: boolean;
  readonly zonesdir: string;
  readonly verbosity: number;
  /** null: log to stderr. */
  readonly logfile: string | null;
  /** "" means no pidfile. */
  readonly pidfile: string;
  readonly username: string;
  /** null: the host name. */
  readonly identity: string | null;
  /** null: the tsdns version. */
  readonly version: string | null;
  /** The NSID payload as lower-case hex, or null. */
  readonly nsid: string | null;
  readonly hideVersion: boolean;
  readonly hideIdentity: boolean;
  readonly ipv4EdnsSize: number;
  readonly ipv6EdnsSize: number;
  readonly tcpCount: number;
  readonly tcpTimeout: number;
  readonly tcpQueryCount: number;
  readonly tcpRejectOverflow: boolean;
  readonly minimalResponses: boolean;
  readonly refuseAny: boolean;
  readonly roundRobin: boolean;
  readonly dropUpdates: boolean;
  readonly confineToZone: boolean;
  readonly serverCount: number;
  readonly zonelistfile: string;
  readonly xfrdfile: string;
  readonly xfrdir: string;
  readonly xfrdReloadTimeout: number;
  readonly xfrdTcpMax: number;
  readonly xfrdTcpPipeline: number;
  readonly zonefilesCheck: boolean;
  readonly zonefilesWrite: number;
  readonly reloadConfig: boolean;
  readonly sendBufferSize: number;
  readonly receiveBufferSize: number;
  readonly answerCookie: boolean;
  /** 128-bit hex, or null for a random secret. */
  readonly cookieSecret: string | null;
  readonly cookieSecretFile: string;
  readonly rrl: RrlConfig;
  /** tsdns extension: HTTP health endpoints (address@port). */
  readonly healthInterfaces: readonly InterfaceSpec[];
  /** tsdns extension: seconds a secondary may go unconfirmed (or behind a notified serial) and still be healthy; 0: no bound. */
  readonly healthMaxStaleness: number;
  readonly metrics: MetricsConfig;
}

/** The remote-control: clause (nsd-control). */
export interface RemoteControlConfig {
  readonly controlEnable: boolean;
  /** Empty: 127.0.0.1 and ::1. */
  readonly controlInterfaces: readonly InterfaceSpec[];
  readonly controlPort: number;
  readonly serverKeyFile: string;
  readonly serverCertFile: string;
  readonly controlKeyFile: string;
  readonly controlCertFile: string;
}

/** A value of any option, as the schema's kind parsed it (see schema.ts). */
export type OptionValue = unknown;

/**
 * The effective value of every option of the global clauses (server, remote-control, dnstap,
 * verify), defaults included, keyed by option name. Lists hold every occurrence in order.
 * This is what nsd-checkconf -o and -v print; the typed views above are built from it.
 */
export type GlobalSettings = Readonly<Record<'server' | 'remote-control' | 'dnstap' | 'verify', Readonly<Record<string, OptionValue>>>>;

/** The loaded config. Deeply frozen. */
export interface Config {
  /** The main config file. */
  readonly file: string;
  readonly server: ServerConfig;
  readonly remoteControl: RemoteControlConfig;
  readonly keys: readonly TsigKeyConfig[];
  readonly tlsAuths: readonly TlsAuthConfig[];
  /** Patterns in file order. */
  readonly patterns: readonly PatternConfig[];
  /** Zones in file order. */
  readonly zones: readonly ZoneConfig[];
  readonly settings: GlobalSettings;
}

/** What loadConfig returns: the config and the warnings (options accepted without effect). */
export interface LoadedConfig {
  readonly config: Config;
  readonly warnings: readonly ConfigProblem[];
}
