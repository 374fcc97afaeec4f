// What operations need of the transfer side (NOTIFY out, secondaries): the interface the transfer wiring implements.
import type { Config } from '../config/index.js';
import type { SecondaryFacts } from '../health/index.js';

/** A secondary zone as zonestatus and /health show it. */
export interface SecondaryView {
  /** ok (up to date), expired, or refreshing (a check or transfer is running or retrying). */
  readonly state: 'ok' | 'expired' | 'refreshing';
  /** The serial served and since when (ms since the epoch); null: nothing. */
  readonly served: { readonly serial: number; readonly since: number } | null;
  /** The serial a NOTIFY announced that is not served yet, and when it came. */
  readonly notified: { readonly serial: number; readonly since: number } | null;
  /** The wait the next timed check was armed with, in seconds (NSD's "N sec between attempts"), when one is scheduled. */
  readonly waitSeconds: number | null;
  /** A transfer in progress, in NSD's words ("TCP connected to 192.0.2.1@53"), or null. */
  readonly transfer: string | null;
  readonly facts: SecondaryFacts;
}

/**
 * The transfer side as operations use it. Zones are named by their config key ("example.com.").
 * service/ wires transfers and hands an implementation to the operations (Operations.setTransfers);
 * until then the verbs that need it answer with an error.
 */
export interface TransferControl {
  /** nsd-control notify: sends NOTIFY to the zone's notify: targets now; false when it has none. */
  notify(zone: string): boolean;
  /** nsd-control transfer / force_transfer: checks the primaries now (force: AXFR even at the same serial); false: not a secondary. */
  transfer(zone: string, force: boolean): boolean;
  /** The secondary's state, or null for a zone that is not a (wired) secondary. */
  secondary(zone: string): SecondaryView | null;
  /** NOTIFYs being sent for a zone right now. */
  notifying(zone: string): { readonly targets: readonly string[]; readonly serial: number } | null;
  /** nsd-control write: writes transferred zones to their zone files; resolves with how many were written. */
  write(zone: string | null): Promise<number>;
  /** The config changed (reconfig, addzone, delzone, changezone, TSIG verbs): start, stop or re-key what changed. */
  configChanged(config: Config): void;
}
