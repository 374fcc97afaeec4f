// The interface the control commands act on (service/ implements it) and the facts it returns for printing.
import type { HealthReport, ServerStats, ZoneHealth } from '../stats/index.js';

/**
 * A verb that worked (with lines to print before "ok", if any; `noOk` prints only the lines, as NSD does for
 * "warning zone x not present") or failed with NSD's error text after the word "error".
 */
export type Outcome =
  | { readonly ok: true; readonly lines?: readonly string[]; readonly noOk?: boolean }
  | { readonly ok: false; readonly error: string; readonly lines?: readonly string[] };

/** A serial and since when it is held (ms since the epoch). */
export interface SerialSince {
  readonly serial: number;
  readonly since: number;
}

/** What `zonestatus` prints for one zone. */
export interface ZoneStatusInfo {
  readonly name: string;
  /** The pattern of a zone added with addzone (NSD prints it for zones not in nsd.conf). */
  readonly pattern: string | null;
  readonly role: 'primary' | 'secondary';
  /** NOTIFYs being sent right now: the targets and the serial. */
  readonly notify: { readonly targets: readonly string[]; readonly serial: number } | null;
  /** Secondary: ok, expired or refreshing (NSD's states). */
  readonly state: 'ok' | 'expired' | 'refreshing' | null;
  /** The serial served and since when; null: none. */
  readonly served: SerialSince | null;
  /** Secondary: the serial stored on disk (NSD's commit-serial). */
  readonly commit: SerialSince | null;
  /** Secondary: the serial a NOTIFY announced and we are fetching. */
  readonly notified: SerialSince | null;
  /** Secondary: seconds until the next attempt, when waiting. */
  readonly waitSeconds: number | null;
  /** A transfer in progress ("TCP connected to 192.0.2.1"). */
  readonly transfer: string | null;
  /** tsdns: the errors of the last failed load (the zone serves older contents, or nothing). */
  readonly loadErrors: readonly string[];
}

/** A TSIG key as print_tsig shows it. */
export interface KeyInfo {
  readonly name: string;
  readonly secret: string;
  readonly algorithm: string;
}

export type { HealthReport, ZoneHealth };

/** What NSD's `stats` prints besides the counters. */
export interface StatsContext {
  readonly stats: ServerStats;
  /** Bytes of the zones in memory (size.db.mem), config memory estimate, zone list file size. */
  readonly dbMemory: number;
  readonly configMemory: number;
  readonly zonelistSize: number;
  readonly primaryZones: number;
  readonly secondaryZones: number;
  /** The mnemonic of a QTYPE, or TYPEnnn (wire's typeToText). */
  readonly typeName: (code: number) => string;
  /**
   * server-count > 1: the requests each server process answered since the last reset (NSD's
   * server<i>.queries lines); `reset` starts them from zero. Absent: one process, all of num.queries.
   */
  readonly serverQueries?: (reset: boolean) => readonly number[];
}

/**
 * Everything nsd-control's verbs act on. Zone names are given as typed; the implementation says
 * "not configured" and the like through Outcome errors in NSD's words.
 */
export interface ControlApi {
  status(): { version: string; verbosity: number; ratelimit: number };
  /** Stops the server after the reply was sent. */
  stop(): void;
  reload(zone: string | null): Outcome;
  reconfig(): Promise<Outcome>;
  logReopen(): Outcome;
  verbosity(level: number | null): number;
  write(zone: string | null): Promise<Outcome>;
  notify(zone: string | null): Outcome;
  transfer(zone: string | null, force: boolean): Outcome;
  zoneStatus(zone: string | null): { readonly ok: true; readonly zones: readonly ZoneStatusInfo[] } | { readonly ok: false; readonly error: string };
  serverPid(): number;
  /**
   * server-count > 1: resolves when every server process serves the zones as they are now; each verb's
   * reply waits for it, so a reload is done when its reply comes (as NSD's reload).
   */
  settled?(): Promise<void>;
  /** server-count > 1: a promise (the workers' counters are fetched first). */
  stats(): StatsContext | Promise<StatsContext>;
  addZone(name: string, pattern: string): Outcome;
  delZone(name: string): Outcome;
  changeZone(name: string, pattern: string): Outcome;
  keys(): readonly KeyInfo[];
  updateKey(name: string, secret: string): Outcome;
  addKey(name: string, secret: string, algorithm: string): Outcome;
  assocKey(zone: string, key: string): Outcome;
  delKey(name: string): Outcome;
  health(): HealthReport;
}
