// The TransferControl of operations over the transfer wiring (XfrService): secondaries' state, transfer, keys.
import type { Config } from '../config/index.js';
import { parseName } from '../wire/index.js';
import type { Logger } from './logger.js';
import type { SecondaryView, TransferControl } from './transfer-control.js';
import type { AnnouncedSerials } from './xfr-events.js';
import { keyringFromConfig } from './tsig-keys.js';
import type { XfrService } from './xfr-service.js';
import type { ZoneRegistry } from './zone-registry.js';

const newer = (a: number, b: number): boolean => {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
};

/** What the transfer side may offer for reconfig (checked at run time). */
interface OptionalReconfig {
  reconfigure?(config: Config): void;
}

/**
 * Operations' view of XfrService. Secondary state comes from each SecondaryZone; `transfer` starts a
 * round of checks as a NOTIFY would. TSIG key changes go to the keyring the pipeline verifies with.
 */
export function xfrTransferControl(xfr: XfrService, registry: ZoneRegistry, log: Logger, announced?: AnnouncedSerials): TransferControl {
  const zoneOf = (key: string) => xfr.zone(parseName(key, null).key);
  return {
    notify(key) {
      const x = zoneOf(key);
      if (x === undefined || x.config.notify.length === 0) return false;
      x.notifyNow();
      return true;
    },
    transfer(key, force) {
      const x = zoneOf(key);
      if (x?.secondary == null) return false;
      // finish: force_transfer is a full AXFR taken at any serial (NSD force_transfer_zone).
      if (force) x.forceTransfer();
      else x.secondary.notify(null);
      return true;
    },
    secondary(key): SecondaryView | null {
      const x = zoneOf(key);
      const sz = x?.secondary;
      if (x === undefined || sz == null) return null;
      const s = sz.state;
      const held = registry.contentsOf(x.origin.key);
      const loadedAt = registry.status().find((z) => z.config.key === key)?.loadedAt ?? null;
      // A NOTIFY announced a serial we do not serve yet: the zone is behind its primary since then.
      const a = announced?.get(key);
      const behind = a !== undefined && (held === undefined || newer(a.serial, held.serial)) ? a : null;
      const progress = x.progress(); // finish: the timer and transfer zonestatus prints
      return {
        state: sz.expired ? 'expired' : held === undefined || behind !== null ? 'refreshing' : 'ok',
        served: held === undefined ? null : { serial: held.serial, since: loadedAt ?? s.acquired ?? Date.now() },
        notified: behind,
        waitSeconds: progress?.waitSeconds ?? null,
        transfer: progress?.transfer ?? null,
        facts: {
          expired: sz.expired, acquired: s.acquired, expireAt: s.expireAt,
          primarySerial: a?.serial ?? null, primarySerialSince: behind?.since ?? null,
        },
      };
    },
    notifying(key) {
      return zoneOf(key)?.notifying() ?? null; // finish
    },
    write() {
      // Transferred zones are written to their zone files after every transfer (SecondaryZone's ZoneWriter).
      return Promise.resolve(0);
    },
    configChanged(config) {
      try {
        xfr.keyring.replaceAll(keyringFromConfig(config.keys));
      } catch (e) {
        log.error(`TSIG keys not changed: ${(e as Error).message}`);
      }
      const r = xfr as XfrService & OptionalReconfig;
      if (typeof r.reconfigure === 'function') r.reconfigure(config);
      else log.warn('reconfig: new request-xfr, notify, provide-xfr and allow-notify settings and new secondary zones apply after a restart');
    },
  };
}
