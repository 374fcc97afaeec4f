// cluster: the primary's side of zone consistency: every served-set change becomes a generation sent to each worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServedZones } from '../process/index.js';
import { nameToText } from '../wire/index.js';
import type { ZoneContents, ZoneDb } from '../zone/index.js';
import { GenerationBook, type WorkerDelta } from './cluster-book.js';
import type { WorkerZones } from './cluster-protocol.js';
import type { Logger } from './logger.js';
import { writeSnapshotFile } from './snapshot-file.js';

type Owner = { uid: number; gid: number } | null;

/**
 * Keeps the workers' zones exactly the primary's: each changed snapshot is written once to a private
 * file of AXFR messages that every worker builds from, deleted when the last worker that needed it
 * acknowledged; removed and expired zones travel as key lists. A generation is settled when every
 * worker has acknowledged it.
 */
export class ClusterZones {
  private readonly book = new GenerationBook<ZoneContents>();
  private readonly files = new Map<ZoneContents, string>();
  private readonly dir: string;
  private seq = 0;

  constructor(
    private readonly served: () => ServedZones<ZoneDb>,
    private readonly send: (workerId: number, m: WorkerZones) => void,
    private readonly log: Logger,
    tmpBase: string,
    private readonly owner: Owner,
  ) {
    this.dir = fs.mkdtempSync(path.join(existingDir(tmpBase), 'tsdns-zones-'));
    if (owner !== null) fs.chownSync(this.dir, owner.uid, owner.gid);
  }

  /** A worker starts: it is sent every served zone. */
  join(workerId: number): void {
    this.deliver(workerId, this.book.join(workerId, this.servedMap()));
  }

  /** The served set changed (ZoneRegistry's one publishing point): every worker gets the difference. */
  publish(): void {
    const { deltas } = this.book.publish(this.servedMap());
    for (const [id, d] of deltas) this.deliver(id, d);
  }

  ack(workerId: number, gen: number): void {
    this.remove(this.book.ack(workerId, gen));
  }

  leave(workerId: number): void {
    this.remove(this.book.leave(workerId));
  }

  /** Resolves when every worker serves the current generation. */
  settled(): Promise<void> {
    const gen = this.book.current;
    return new Promise((resolve) => this.book.whenSettled(gen, resolve));
  }

  get generation(): number {
    return this.book.current;
  }

  /** Deletes the snapshot files (stop). */
  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.files.clear();
  }

  private servedMap(): Map<string, ZoneContents> {
    const m = new Map<string, ZoneContents>();
    for (const z of this.served().db.zones()) m.set(z.origin.key, z);
    return m;
  }

  private deliver(workerId: number, d: WorkerDelta<ZoneContents>): void {
    const s = this.served();
    const load = d.load.map(([key, contents]) => [key, nameToText(contents.origin), this.fileOf(contents)] as const);
    this.send(workerId, {
      t: 'zones', gen: d.gen, load, drop: d.drop,
      configured: [...s.configured], unloaded: [...s.unloaded], expired: [...(s.expired ?? [])],
    });
  }

  private fileOf(contents: ZoneContents): string {
    let f = this.files.get(contents);
    if (f === undefined) {
      f = path.join(this.dir, `${++this.seq}.axfr`);
      const t0 = Date.now();
      writeSnapshotFile(f, contents, this.owner);
      this.log.debug({ zone: nameToText(contents.origin), serial: contents.serial, ms: Date.now() - t0 }, 'cluster: snapshot written for the workers');
      this.files.set(contents, f);
    }
    return f;
  }

  private remove(done: readonly ZoneContents[]): void {
    for (const c of done) {
      const f = this.files.get(c);
      if (f === undefined) continue;
      this.files.delete(c);
      fs.rmSync(f, { force: true });
    }
  }
}

/** xfrdir: (NSD's directory for transfer files) when it exists, else the system's temporary directory. */
function existingDir(dir: string): string {
  try {
    if (fs.statSync(dir).isDirectory()) return dir;
  } catch {
    // fall through
  }
  return os.tmpdir();
}
