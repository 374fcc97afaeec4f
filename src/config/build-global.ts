// The global clauses (server, remote-control, dnstap, verify): values with defaults, and their typed views.
import { storageName } from './build-zone.js';
import type { Statement } from './parser.js';
import { optionsOf } from './schema.js';
import type { ClauseName } from './schema-types.js';
import { underZonesdir } from './zonefile-template.js';
import type { GlobalSettings, InterfaceSpec, RemoteControlConfig, ServerConfig } from './types.js';

export type GlobalClause = 'server' | 'remote-control' | 'dnstap' | 'verify';
export const GLOBAL_CLAUSES: readonly GlobalClause[] = ['server', 'remote-control', 'dnstap', 'verify'];

/** One server-N-cpu-affinity line. */
export interface ServerCpu {
  readonly option: string;
  readonly cpu: number;
}

/** Accumulates the statements of every block of one global clause (NSD merges repeated clauses). */
export class GlobalValues {
  readonly values = new Map<string, unknown>();
  /** Options given explicitly (so derived defaults know what the user chose). */
  readonly explicit = new Set<string>();

  constructor(readonly clause: GlobalClause) {
    for (const def of optionsOf(clause)) if (def.aliasOf === undefined) this.values.set(def.name, def.default);
  }

  add(st: Statement): void {
    const key = storageName(st.def);
    this.explicit.add(key);
    // ip4-only/ip6-only are the NSD 3 spellings of do-ip4/do-ip6, applied where they are written.
    if ((key === 'ip4-only' || key === 'ip6-only') && st.value === true) {
      this.values.set('do-ip4', key === 'ip4-only');
      this.values.set('do-ip6', key === 'ip6-only');
    }
    if (key === 'server-N-cpu-affinity') {
      const list = this.values.get(key) as ServerCpu[] | null;
      this.values.set(key, [...(list ?? []), { option: st.name, cpu: st.value as number }]);
    } else if (st.def.multi) {
      this.values.set(key, [...(this.values.get(key) as unknown[]), st.value]);
    } else {
      this.values.set(key, st.value);
    }
  }
}

/** Derived defaults: NSD writes zonefiles every hour by default only when there is no database. */
export function settleDefaults(server: GlobalValues): void {
  if (!server.explicit.has('zonefiles-write')) {
    server.values.set('zonefiles-write', server.values.get('database') === '' ? 3600 : 0);
  }
}

/** The settings record of all global clauses. */
export function globalSettings(all: ReadonlyMap<ClauseName, GlobalValues>): GlobalSettings {
  const rec = (c: GlobalClause): Record<string, unknown> => Object.fromEntries(all.get(c)?.values ?? []);
  return { server: rec('server'), 'remote-control': rec('remote-control'), dnstap: rec('dnstap'), verify: rec('verify') };
}

/** The typed server: view; file names are made relative to zonesdir as NSD opens them. */
export function typedServer(v: ReadonlyMap<string, unknown>): ServerConfig {
  const g = <T>(n: string): T => v.get(n) as T;
  const zonesdir = g<string>('zonesdir');
  const file = (n: string): string => underZonesdir(zonesdir, g<string>(n));
  const logfile = g<string | null>('logfile');
  return {
    ipAddresses: g<InterfaceSpec[]>('ip-address'), port: g('port'), doIp4: g('do-ip4'), doIp6: g('do-ip6'),
    zonesdir, verbosity: g('verbosity'), logfile: logfile === null ? null : underZonesdir(zonesdir, logfile),
    pidfile: file('pidfile'), username: g('username'), identity: g('identity'), version: g('version'),
    nsid: g('nsid'), hideVersion: g('hide-version'), hideIdentity: g('hide-identity'),
    ipv4EdnsSize: g('ipv4-edns-size'), ipv6EdnsSize: g('ipv6-edns-size'), tcpCount: g('tcp-count'),
    tcpTimeout: g('tcp-timeout'), tcpQueryCount: g('tcp-query-count'), tcpRejectOverflow: g('tcp-reject-overflow'),
    minimalResponses: g('minimal-responses'), refuseAny: g('refuse-any'), roundRobin: g('round-robin'),
    dropUpdates: g('drop-updates'), confineToZone: g('confine-to-zone'), serverCount: g('server-count'),
    zonelistfile: file('zonelistfile'), xfrdfile: file('xfrdfile'), xfrdir: file('xfrdir'),
    xfrdReloadTimeout: g('xfrd-reload-timeout'), xfrdTcpMax: g('xfrd-tcp-max'), xfrdTcpPipeline: g('xfrd-tcp-pipeline'),
    zonefilesCheck: g('zonefiles-check'), zonefilesWrite: g('zonefiles-write'), reloadConfig: g('reload-config'),
    sendBufferSize: g('send-buffer-size'), receiveBufferSize: g('receive-buffer-size'),
    answerCookie: g('answer-cookie'), cookieSecret: g('cookie-secret'), cookieSecretFile: file('cookie-secret-file'),
    rrl: {
      size: g('rrl-size'), ratelimit: g('rrl-ratelimit'), slip: g('rrl-slip'),
      ipv4PrefixLength: g('rrl-ipv4-prefix-length'), ipv6PrefixLength: g('rrl-ipv6-prefix-length'),
      whitelistRatelimit: g('rrl-whitelist-ratelimit'),
    },
    healthInterfaces: g('health-interface'), healthMaxStaleness: g('health-max-staleness'),
    metrics: { enable: g('metrics-enable'), interfaces: g('metrics-interface'), port: g('metrics-port'), path: g('metrics-path') },
  };
}

/** The typed remote-control: view (key and cert files relative to zonesdir, as NSD reads them). */
export function typedRemoteControl(v: ReadonlyMap<string, unknown>, zonesdir: string): RemoteControlConfig {
  const g = <T>(n: string): T => v.get(n) as T;
  const file = (n: string): string => underZonesdir(zonesdir, g<string>(n));
  return {
    controlEnable: g('control-enable'), controlInterfaces: g('control-interface'), controlPort: g('control-port'),
    serverKeyFile: file('server-key-file'), serverCertFile: file('server-cert-file'),
    controlKeyFile: file('control-key-file'), controlCertFile: file('control-cert-file'),
  };
}
