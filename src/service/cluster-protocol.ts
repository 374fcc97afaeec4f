// cluster: the IPC messages between the primary and its workers (node:cluster, 'advanced' serialization).
import type { Config } from '../config/index.js';
import type { ProcessEvent, ProcessOptions } from '../process/index.js';
import type { ListenSpec } from '../server/index.js';

/** What a worker needs to serve: the settings the primary resolved (nsd.conf plus command line). */
export interface WorkerInit {
  readonly t: 'init';
  /** server<slot> in `tsdns-control stats`. */
  readonly slot: number;
  readonly config: Config;
  readonly options: ProcessOptions;
  readonly listen: readonly ListenSpec[];
  /** Who to become after binding ('' stays as is). */
  readonly username: string;
  /** The verbosity the bad-traffic lines are written at (follows `tsdns-control verbosity`). */
  readonly verbosity: number;
}

/** A generation of the served set: snapshots to load from files, zones to drop, the configured names. */
export interface WorkerZones {
  readonly t: 'zones';
  readonly gen: number;
  /** [origin key, origin in presentation form, file]. */
  readonly load: readonly (readonly [string, string, string])[];
  readonly drop: readonly string[];
  readonly configured: readonly string[];
  readonly unloaded: readonly string[];
  readonly expired: readonly string[];
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type ToWorker =
  | WorkerInit
  | WorkerZones
  | { readonly t: 'config'; readonly config: Config }
  | { readonly t: 'listen'; readonly listen: readonly ListenSpec[] }
  | { readonly t: 'reply'; readonly id: number; readonly response: Uint8Array | null }
  | { readonly t: 'stats?' }
  | { readonly t: 'verbosity'; readonly level: number }
  | { readonly t: 'stop' };

export type FromWorker =
  | { readonly t: 'online' }
  | { readonly t: 'listening' }
  | { readonly t: 'ack'; readonly gen: number }
  /** A UDP request the primary answers (NOTIFY, AXFR/IXFR, TSIG); `id` pairs it with the reply. */
  | { readonly t: 'forward'; readonly id: number; readonly request: Uint8Array; readonly family: 4 | 6; readonly address: string; readonly port: number }
  /** The worker's query counters since it started (stats/ QueryCounters, cloned). */
  | { readonly t: 'stats'; readonly counters: object }
  | { readonly t: 'event'; readonly event: ProcessEvent }
  | { readonly t: 'log'; readonly level: LogLevel; readonly msg: string; readonly fields?: Record<string, unknown> }
  /** The worker cannot serve (bind failed, bad zone file): it exits after this. */
  | { readonly t: 'fatal'; readonly msg: string; readonly code?: string };
