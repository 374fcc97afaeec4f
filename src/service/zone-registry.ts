// The configured zones and what each serves: initial load, SIGHUP re-reads of changed files, the served set.
import fs from 'node:fs';
import type { ZoneConfig } from '../config/index.js';
import { zoneDnssec } from '../dnssec/index.js';
import type { ServedZones } from '../process/index.js';
import { formatProblem, parseName, type Name, type ZoneProblem } from '../wire/index.js';
import { type ZoneContents, ZoneDb } from '../zone/index.js';
import { loadZoneFile, type LoadZoneOptions, type LoadZoneResult } from './load-zone.js';
import type { Logger } from './logger.js';

/** What identifies a file version cheaply: a changed file has a new mtime, size or inode. */
interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

interface ZoneEntry {
  config: ZoneConfig; // ops: replaced on reconfig / assoc_tsig
  readonly origin: Name;
  /** The stamp of the file as last read (successfully or not); null when it could not be read. */
  stamp: FileStamp | null;
  contents: ZoneContents | undefined;
  /** ops: when the served contents were loaded (ms since the epoch), and the errors of the last failed read. */
  loadedAt: number | null;
  lastErrors: readonly string[];
}

/** ops: what health, zonestatus and metrics see of one zone. */
export interface ZoneLoadStatus {
  readonly config: ZoneConfig;
  readonly origin: Name;
  readonly contents: ZoneContents | undefined;
  readonly loadedAt: number | null;
  /** Errors of the last read that failed (the served contents, if any, are older); empty when it worked. */
  readonly lastErrors: readonly string[];
}

/** ops: the outcome of reading one zone on request (nsd-control reload <zone>, addzone). */
export type ZoneReadOutcome = { readonly ok: true; readonly serial: number } | { readonly ok: false; readonly errors: readonly string[] };

export type ZoneLoader = (opts: LoadZoneOptions) => LoadZoneResult;

/** xfr: told about a zone's new contents from its file (`old` is what it held before, if anything). */
export type ContentsListener = (config: ZoneConfig, old: ZoneContents | undefined, next: ZoneContents) => void;

export interface ReloadResult {
  readonly reloaded: number;
  readonly failed: number;
  readonly unchanged: number;
}

/**
 * Every configured zone with its current snapshot. A zone whose file has errors is not served (NSD
 * answers SERVFAIL for it); on reload such a file keeps the previous snapshot serving, nothing is lost.
 */
export class ZoneRegistry {
  private entries: ZoneEntry[];
  private current: ServedZones<ZoneDb>;
  /** xfr: expired secondary zones (their contents are kept but not served) and the listener for new contents. */
  private readonly expiredKeys = new Set<string>();
  private contentsListener: ContentsListener | null = null;
  private servedListeners: (() => void)[] = [];

  constructor(zones: readonly ZoneConfig[], private readonly log: Logger, private readonly load: ZoneLoader = loadZoneFile) {
    this.entries = zones.map(newEntry);
    this.current = this.build(); // nobody listens yet
  }

  /** The served zones; a new object after every change, so answer caches start afresh. */
  served(): ServedZones<ZoneDb> {
    return this.current;
  }

  /**
   * cluster: calls `fn` after every change of the served set (reload, transfer, expiry, addzone/delzone,
   * reconfig): the one point where a new served() object is made, so workers can follow it.
   */
  onServedChanged(fn: () => void): void {
    this.servedListeners.push(fn);
  }

  /** Reads every zone file (start-up). */
  loadAll(): void {
    for (const e of this.entries) this.read(e, false);
    this.publish();
  }

  /** Re-reads the zone files that changed since they were last read (SIGHUP), and new ones. */
  reload(): ReloadResult {
    let reloaded = 0;
    let failed = 0;
    let unchanged = 0;
    for (const e of this.entries) {
      const path = e.config.zonefilePath;
      const stamp = path === null ? null : stampOf(path);
      // xfr: a secondary's zone file is tsdns's own saved copy, written after each transfer: not re-read.
      if (path === null || sameStamp(stamp, e.stamp) || e.config.role === 'secondary') {
        unchanged++;
        continue;
      }
      if (this.read(e, true)) reloaded++;
      else failed++;
    }
    if (reloaded > 0) this.publish();
    return { reloaded, failed, unchanged };
  }

  // ---- ops: per-zone reload, status and zone set changes (nsd-control reload <zone>, addzone, delzone, reconfig) ----

  /** Every configured zone with what it serves, in config order. */
  status(): ZoneLoadStatus[] {
    return this.entries.map((e) => ({ config: e.config, origin: e.origin, contents: e.contents, loadedAt: e.loadedAt, lastErrors: e.lastErrors }));
  }

  /** Reads one zone's file now, changed or not; on errors the previous contents stay served. undefined: not configured. */
  reloadZone(key: string): ZoneReadOutcome | undefined {
    const e = this.entries.find((x) => x.origin.key === key);
    if (e === undefined) return undefined;
    const ok = this.read(e, true);
    if (ok) this.publish();
    return ok && e.contents !== undefined ? { ok: true, serial: e.contents.serial } : { ok: false, errors: e.lastErrors };
  }

  /**
   * Replaces the configured zone set in one swap (reconfig, addzone, delzone, changezone). Zones kept
   * (same name and zone file) keep their contents and take the new settings; new zones are read first,
   * so the served set never lacks a zone that stays. Returns the origin keys added and removed.
   */
  setZones(zones: readonly ZoneConfig[]): { added: string[]; removed: string[] } {
    const old = new Map(this.entries.map((e) => [e.origin.key, e]));
    const next = zones.map((config) => {
      const e = old.get(parseName(config.key, null).key);
      if (e !== undefined && e.config.zonefilePath === config.zonefilePath) {
        e.config = config;
        return e;
      }
      const fresh = newEntry(config);
      this.read(fresh, false);
      return fresh;
    });
    const keys = new Set(next.map((e) => e.origin.key));
    const added = next.filter((e) => !old.has(e.origin.key)).map((e) => e.origin.key);
    const removed = [...old.keys()].filter((k) => !keys.has(k));
    this.entries = next;
    this.publish();
    return { added, removed };
  }
  // ---- end ops ----

  // ---- xfr: transfers swap snapshots in, expired secondaries are not served, new contents are reported ----

  /** Calls `fn` whenever a zone file read gives a zone new contents (start-up load, SIGHUP, control reloads). */
  onContentsChanged(fn: ContentsListener): void {
    this.contentsListener = fn;
  }

  /** The contents held for a zone (served unless expired), or undefined. */
  contentsOf(key: string): ZoneContents | undefined {
    return this.entries.find((e) => e.origin.key === key)?.contents;
  }

  /** A transfer (or the saved copy of a secondary) gives the zone new contents: served from now on. */
  setContents(key: string, contents: ZoneContents): void {
    const e = this.entries.find((x) => x.origin.key === key);
    if (e === undefined) return;
    zoneDnssec(contents); // finish: the DNSSEC view (NSEC3 hashes, RRSIG links) is built before the snapshot is served
    e.contents = contents;
    e.loadedAt = Date.now();
    e.lastErrors = [];
    this.publish();
  }

  /** An expired secondary zone answers SERVFAIL until a transfer succeeds (RFC 1034 4.3.5, NSD). */
  setExpired(key: string, expired: boolean): void {
    if (expired === this.expiredKeys.has(key)) return;
    if (expired) this.expiredKeys.add(key);
    else this.expiredKeys.delete(key);
    this.publish();
  }

  isExpired(key: string): boolean {
    return this.expiredKeys.has(key);
  }
  // ---- end xfr ----

  /** Loads one zone; false (old contents kept) when its file has errors. */
  private read(e: ZoneEntry, reloading: boolean): boolean {
    const zone = e.config.name;
    const file = e.config.zonefilePath;
    if (file === null) {
      // finish: NSD reads nothing for a zone without zonefile: a secondary lives in memory only, served
      // after its first transfer (and transferred again after a restart); checkconf refuses a primary without one.
      if (e.config.role === 'secondary') {
        this.log.info({ zone }, 'secondary zone has no zonefile: it is kept in memory only and served after the first transfer');
        return false;
      }
      this.log.warn({ zone }, 'zone has no zonefile: it is configured but not served');
      e.lastErrors = ['the zone has no zonefile']; // ops
      return false;
    }
    e.stamp = stampOf(file);
    if (e.stamp === null && e.config.role === 'secondary') {
      // xfr: a secondary without a saved copy yet is normal (NSD: it waits for the first transfer).
      this.log.info({ zone, file }, 'secondary zone has no saved copy yet: it is served after the first transfer');
      return false;
    }
    const errors: string[] = []; // ops: the errors go to the caller too (nsd-control reload)
    const onProblem = (p: ZoneProblem): void => {
      const fields = { zone, file: p.file, line: p.line, col: p.col, code: p.code };
      if (p.severity === 'error') {
        this.log.error(fields, formatProblem(p));
        errors.push(formatProblem(p));
      } else this.log.warn(fields, formatProblem(p));
    };
    const r = this.load({ origin: e.origin, file, zoneText: e.config.name, onProblem });
    if (r.contents === undefined) {
      const what = reloading && e.contents !== undefined ? 'zone not reloaded: the previous contents stay served' : 'zone not loaded: it is not served';
      this.log.error({ zone, file, errors: r.errors }, what);
      e.lastErrors = errors.length > 0 ? errors : [`${r.errors} errors`]; // ops
      return false;
    }
    zoneDnssec(r.contents); // finish: the DNSSEC view is built at load, not by the first DO=1 query
    const old = e.contents;
    e.contents = r.contents;
    this.contentsListener?.(e.config, old, r.contents); // xfr: create-ixfr and NOTIFY on a new serial
    e.loadedAt = Date.now(); // ops
    e.lastErrors = []; // ops
    this.log.info({ zone, serial: r.contents.serial, records: r.contents.recordCount, file }, reloading ? 'zone reloaded' : 'zone loaded');
    return true;
  }

  /** Makes the new served set and tells the listeners (the only place `current` changes after construction). */
  private publish(): void {
    this.current = this.build();
    for (const fn of this.servedListeners) fn();
  }

  private build(): ServedZones<ZoneDb> {
    const db = new ZoneDb();
    const configured = new Set<string>();
    const unloaded = new Set<string>();
    for (const e of this.entries) {
      configured.add(e.origin.key);
      if (e.contents !== undefined && !this.expiredKeys.has(e.origin.key)) db.set(e.contents);
      else unloaded.add(e.origin.key);
    }
    return { db, configured, unloaded, expired: new Set(this.expiredKeys) };
  }
}

function newEntry(config: ZoneConfig): ZoneEntry {
  return { config, origin: parseName(config.key, null), stamp: null, contents: undefined, loadedAt: null, lastErrors: [] };
}

function stampOf(path: string): FileStamp | null {
  try {
    const s = fs.statSync(path);
    return { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino };
  } catch {
    return null;
  }
}

function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}
