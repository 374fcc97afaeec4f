// The transfer side of the daemon: TSIG keys, every zone's ZoneXfr, the pipeline's view of them, start and stop.
import { aclKeyName } from '../acl/index.js';
import type { Config, ZoneConfig } from '../config/index.js';
import type { ProcessEvent, XfrZones } from '../process/index.js';
import { NetRequester, SystemClock } from '../server/index.js';
import type { ServerStats } from '../stats/index.js';
import type { TsigKeyring } from '../tsig/index.js';
import { parseName, toBase64 } from '../wire/index.js';
import type { Clock, Requester } from '../xfr/index.js';
import type { Logger } from './logger.js';
import { keyringFromConfig } from './tsig-keys.js';
import { StateFile } from './xfr-files.js';
import { processEventLogger } from './xfr-log.js';
import { type XfrDeps, ZoneXfr } from './xfr-zone.js';
import type { ZoneRegistry } from './zone-registry.js';

export interface XfrServiceInit {
  readonly config: Config;
  /** The zones, already loaded (primaries from their files, secondaries from their saved copies). */
  readonly registry: ZoneRegistry;
  readonly log: Logger;
  /** Injected in tests; the real network and clock otherwise. */
  readonly requester?: Requester;
  readonly clock?: Clock;
  /** finish: counters for transfers in and NOTIFYs sent (/metrics); none counted without it. */
  readonly stats?: ServerStats;
}

/**
 * Builds the transfer side of every configured zone from the config (throws TsigError or ServiceError
 * for bad keys, before anything is started), gives the pipeline its view (XfrZones, the keyring, the
 * event log), and starts the secondaries' timers and the start-up NOTIFYs once the daemon listens.
 */
export class XfrService implements XfrZones {
  readonly keyring: TsigKeyring;
  readonly onEvent: (e: ProcessEvent) => void;
  private byKey = new Map<string, ZoneXfr>();
  private readonly deps: XfrDeps;
  private started = false;

  constructor(private readonly init: XfrServiceInit) {
    const { config, registry, log } = init;
    this.keyring = keyringFromConfig(config.keys);
    this.onEvent = processEventLogger(log);
    const statePath = config.server.xfrdfile;
    const states = statePath === '' ? null : new StateFile(statePath);
    const problem = states?.load() ?? null;
    if (problem !== null) log.warn({ file: statePath }, `xfrdfile ${statePath} not used: ${problem}; secondary zones start from their zone files`);
    this.deps = {
      registry, keyring: this.keyring, requester: init.requester ?? new NetRequester(), clock: init.clock ?? new SystemClock(), log,
      states, timeoutMs: config.server.tcpTimeout * 1000, stats: init.stats,
    };
    for (const zone of config.zones) {
      const x = new ZoneXfr(zone, this.deps);
      this.byKey.set(x.origin.key, x);
    }
    registry.onContentsChanged((zone, old, next) => {
      if (this.started) this.byKey.get(next.origin.key)?.fileChanged(old, next);
    });
  }

  zone(key: string): ZoneXfr | undefined {
    return this.byKey.get(key);
  }

  /** Secondaries start checking their primaries; primaries notify their secondaries of the serial loaded. */
  start(): void {
    this.started = true;
    for (const x of this.byKey.values()) x.start();
  }

  stop(): void {
    this.started = false;
    for (const x of this.byKey.values()) x.stop();
  }

  /**
   * The zone set or its settings changed (reconfig, addzone, delzone, changezone; the registry already has
   * the new zones and the keyring the new keys). A zone whose transfer settings and keys are unchanged keeps
   * its transfer side (timers, notifiers); a changed one gets a new one (its journal carried over when the
   * zone file stays), a new zone its first, a removed zone's stops.
   */
  reconfigure(config: Config): void {
    const next = new Map<string, ZoneXfr>();
    for (const zone of config.zones) {
      const key = parseName(zone.key, null).key;
      const old = this.byKey.get(key);
      if (old && fingerprint(old.config, this.keyring) === fingerprint(zone, this.keyring)) {
        next.set(key, old);
        continue;
      }
      old?.stop();
      const keep = old && old.config.zonefilePath === zone.zonefilePath ? old.journal() : null;
      const x = new ZoneXfr(zone, this.deps, keep);
      next.set(key, x);
      if (this.started) x.start();
    }
    for (const [key, x] of this.byKey) if (!next.has(key)) x.stop();
    this.byKey = next;
  }
}

/** Everything a zone's transfer side is built from: its transfer options and the keys its lines name. */
function fingerprint(z: ZoneConfig, keyring: TsigKeyring): string {
  const lines = [...z.requestXfr, ...z.notify, ...z.provideXfr, ...z.allowNotify].map((e) => {
    const name = aclKeyName(e);
    const k = name ? keyring.get(name) : undefined;
    return `${e.spec} ${JSON.stringify(e.key)} ${e.axfrOnly} ${e.udp} ${k ? `${k.algorithm} ${toBase64(k.secret)}` : ''}`;
  });
  const timers = [z.maxRefreshTime, z.minRefreshTime, z.maxRetryTime, z.minRetryTime, z.minExpireTime, z.notifyRetry, z.sizeLimitXfr];
  return JSON.stringify([lines, timers, z.zonefilePath, z.role, z.createIxfr, z.storeIxfr, z.ixfrNumber, z.ixfrSize, z.allowAxfrFallback]);
}
