// The configured zones and what each serves: initial load, SIGHUP re-reads of changed files, the served set.
import fs from 'node:fs';
import type { ZoneConfig } from '../config/index.js';
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
  readonly config: ZoneConfig;
  readonly origin: Name;
  /** The stamp of the file as last read (successfully or not); null when it could not be read. */
  stamp: FileStamp | null;
  contents: ZoneContents | undefined;
}

export type ZoneLoader = (opts: LoadZoneOptions) => LoadZoneResult;

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
  private readonly entries: ZoneEntry[];
  private current: ServedZones<ZoneDb>;

  constructor(zones: readonly ZoneConfig[], private readonly log: Logger, private readonly load: ZoneLoader = loadZoneFile) {
    this.entries = zones.map((config) => ({ config, origin: parseName(config.key, null), stamp: null, contents: undefined }));
    this.current = this.build();
  }

  /** The served zones; a new object after every change, so answer caches start afresh. */
  served(): ServedZones<ZoneDb> {
    return this.current;
  }

  /** Reads every zone file (start-up). */
  loadAll(): void {
    for (const e of this.entries) this.read(e, false);
    this.current = this.build();
  }

  /** Re-reads the zone files that changed since they were last read (SIGHUP), and new ones. */
  reload(): ReloadResult {
    let reloaded = 0;
    let failed = 0;
    let unchanged = 0;
    for (const e of this.entries) {
      const path = e.config.zonefilePath;
      const stamp = path === null ? null : stampOf(path);
      if (path === null || sameStamp(stamp, e.stamp)) {
        unchanged++;
        continue;
      }
      if (this.read(e, true)) reloaded++;
      else failed++;
    }
    if (reloaded > 0) this.current = this.build();
    return { reloaded, failed, unchanged };
  }

  /** Loads one zone; false (old contents kept) when its file has errors. */
  private read(e: ZoneEntry, reloading: boolean): boolean {
    const zone = e.config.name;
    const file = e.config.zonefilePath;
    if (file === null) {
      this.log.warn({ zone }, 'zone has no zonefile: it is configured but not served');
      return false;
    }
    e.stamp = stampOf(file);
    const onProblem = (p: ZoneProblem): void => {
      const fields = { zone, file: p.file, line: p.line, col: p.col, code: p.code };
      if (p.severity === 'error') this.log.error(fields, formatProblem(p));
      else this.log.warn(fields, formatProblem(p));
    };
    const r = this.load({ origin: e.origin, file, zoneText: e.config.name, onProblem });
    if (r.contents === undefined) {
      const what = reloading && e.contents !== undefined ? 'zone not reloaded: the previous contents stay served' : 'zone not loaded: it is not served';
      this.log.error({ zone, file, errors: r.errors }, what);
      return false;
    }
    e.contents = r.contents;
    this.log.info({ zone, serial: r.contents.serial, records: r.contents.recordCount, file }, reloading ? 'zone reloaded' : 'zone loaded');
    return true;
  }

  private build(): ServedZones<ZoneDb> {
    const db = new ZoneDb();
    const configured = new Set<string>();
    const unloaded = new Set<string>();
    for (const e of this.entries) {
      configured.add(e.origin.key);
      if (e.contents !== undefined) db.set(e.contents);
      else unloaded.add(e.origin.key);
    }
    return { db, configured, unloaded };
  }
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
