// What the operations verbs share: the config state with in-memory TSIG changes, the zones, counters, log and hooks.
import { parseDnsName, type AclEntry, type Config, type TsigKeyConfig, type ZoneConfig } from '../config/index.js';
import type { ServerStats } from '../stats/index.js';
import type { ConfigState } from './config-state.js';
import type { Logger } from './logger.js';
import type { TransferControl } from './transfer-control.js';
import type { ZoneRegistry } from './zone-registry.js';

/**
 * The live settings: nsd.conf (with the zonelist) plus what the TSIG verbs changed in memory (NSD
 * keeps those until the next restart or reconfig, which re-reads the keys and patterns from the file).
 */
export class OpsContext {
  /** TSIG keys by lower-case name (add_tsig, update_tsig, del_tsig change them). */
  private keys = new Map<string, TsigKeyConfig>();
  /** Zones whose ACL keys assoc_tsig changed, by config key. */
  private zoneOverrides = new Map<string, ZoneConfig>();
  transfers: TransferControl | null = null;

  constructor(
    readonly state: ConfigState,
    readonly zones: ZoneRegistry,
    readonly stats: ServerStats,
    readonly log: Logger,
  ) {
    this.resetOverrides();
  }

  /** The config as it applies now: the file's, with the in-memory TSIG changes. */
  effective(): Config {
    const c = this.state.config;
    const zones = c.zones.map((z) => this.zoneOverrides.get(z.key) ?? z);
    return { ...c, keys: [...this.keys.values()], zones };
  }

  /** After a re-read of the file: its keys and patterns replace the in-memory changes (NSD reconfig). */
  resetOverrides(): void {
    this.keys = new Map(this.state.config.keys.map((k) => [k.name.toLowerCase(), k]));
    this.zoneOverrides = new Map();
  }

  findKey(name: string): TsigKeyConfig | undefined {
    return this.keys.get(name.toLowerCase());
  }

  setKey(k: TsigKeyConfig): void {
    this.keys.set(k.name.toLowerCase(), k);
  }

  deleteKey(name: string): void {
    this.keys.delete(name.toLowerCase());
  }

  /** assoc_tsig: every ACL line of the zone (but BLOCKED ones) uses the key. */
  assocKey(zone: ZoneConfig, keyName: string): void {
    const rekey = (list: readonly AclEntry[]): AclEntry[] =>
      list.map((a) => (a.key.type === 'blocked' ? a : { ...a, key: { type: 'key', name: keyName } }));
    this.zoneOverrides.set(zone.key, {
      ...zone,
      allowNotify: rekey(zone.allowNotify), notify: rekey(zone.notify), requestXfr: rekey(zone.requestXfr),
      provideXfr: rekey(zone.provideXfr), allowQuery: rekey(zone.allowQuery),
    });
  }

  /** The zones of the effective config go to the registry, and the transfer side hears of the change. */
  apply(): { added: string[]; removed: string[] } {
    const c = this.effective();
    const r = this.zones.setZones(c.zones);
    this.transfers?.configChanged(c);
    return r;
  }

  /** The configured zone for a name as typed, or undefined. */
  zone(name: string): ZoneConfig | undefined {
    const want = zoneKey(name);
    return this.effective().zones.find((z) => z.key === want);
  }
}

/** "Example.COM" and "example.com." are the same zone: the config key (lower-case, final dot); null when unparseable. */
export function zoneKey(name: string): string | null {
  const dn = parseDnsName(name);
  return typeof dn === 'string' ? null : dn.key;
}
