// cluster: which zone snapshots each worker holds, the generations sent and acknowledged, and which snapshot files are still to be read.

/** What one worker must do to serve a generation: load these snapshots, drop these zones. */
export interface WorkerDelta<T> {
  readonly gen: number;
  /** Zones (origin key) whose snapshot the worker does not have yet. */
  readonly load: readonly (readonly [string, T])[];
  /** Zones the worker holds that are no longer served. */
  readonly drop: readonly string[];
}

interface WorkerEntry<T> {
  /** What the worker holds once it has applied everything sent to it. */
  readonly has: Map<string, T>;
  sent: number;
  acked: number;
  /** Snapshots sent with each generation not yet acknowledged. */
  readonly pending: { gen: number; items: T[] }[];
}

/**
 * The primary's bookkeeping of its workers, with no I/O: the shell (cluster-primary.ts) writes a
 * snapshot's file when a delta first needs it and deletes it when `ack`/`leave` say nobody will read it.
 * A worker applies generations in order, so acknowledging one acknowledges every earlier one.
 */
export class GenerationBook<T extends object> {
  private gen = 0;
  private readonly workers = new Map<number, WorkerEntry<T>>();
  /** For each snapshot sent, how many loads of it (by any worker, in any generation) are still to come. */
  private readonly readers = new Map<T, number>();
  private waits: { gen: number; done: () => void }[] = [];

  /** The last generation published. */
  get current(): number {
    return this.gen;
  }

  get workerIds(): number[] {
    return [...this.workers.keys()];
  }

  /** A new worker: everything served is to be loaded. */
  join(id: number, served: ReadonlyMap<string, T>): WorkerDelta<T> {
    this.gen++;
    const w: WorkerEntry<T> = { has: new Map(), sent: 0, acked: 0, pending: [] };
    this.workers.set(id, w);
    return this.deltaFor(w, served);
  }

  /** The served set changed: a new generation, with what each worker must do to reach it. */
  publish(served: ReadonlyMap<string, T>): { gen: number; deltas: Map<number, WorkerDelta<T>> } {
    this.gen++;
    const deltas = new Map<number, WorkerDelta<T>>();
    for (const [id, w] of this.workers) deltas.set(id, this.deltaFor(w, served));
    return { gen: this.gen, deltas };
  }

  private deltaFor(w: WorkerEntry<T>, served: ReadonlyMap<string, T>): WorkerDelta<T> {
    const load: [string, T][] = [];
    for (const [key, contents] of served) if (w.has.get(key) !== contents) load.push([key, contents]);
    const drop = [...w.has.keys()].filter((k) => !served.has(k));
    for (const [key, contents] of load) {
      w.has.set(key, contents);
      this.readers.set(contents, (this.readers.get(contents) ?? 0) + 1);
    }
    for (const k of drop) w.has.delete(k);
    w.sent = this.gen;
    w.pending.push({ gen: this.gen, items: load.map(([, c]) => c) });
    return { gen: this.gen, load, drop };
  }

  /** The worker serves `gen`. Returns the snapshots nobody has to read any more (their files can go). */
  ack(id: number, gen: number): T[] {
    const w = this.workers.get(id);
    if (w === undefined || gen <= w.acked) return [];
    w.acked = gen;
    const done: T[] = [];
    while (w.pending.length > 0 && w.pending[0].gen <= gen) done.push(...(w.pending.shift() as { items: T[] }).items);
    const released = this.release(done);
    this.settle();
    return released;
  }

  /** The worker is gone (it died or was stopped): it is waited for no more. */
  leave(id: number): T[] {
    const w = this.workers.get(id);
    if (w === undefined) return [];
    this.workers.delete(id);
    const released = this.release(w.pending.flatMap((p) => p.items));
    this.settle();
    return released;
  }

  /** Every worker that was sent `gen` (or a later one) has acknowledged it. */
  settled(gen: number): boolean {
    for (const w of this.workers.values()) if (w.sent >= gen && w.acked < gen) return false;
    return true;
  }

  /** Calls `done` once `gen` is settled (at once when it is). */
  whenSettled(gen: number, done: () => void): void {
    if (this.settled(gen)) done();
    else this.waits.push({ gen, done });
  }

  /** The workers that hold `gen` now (acknowledged it or a later one). */
  servingAtLeast(gen: number): number[] {
    return [...this.workers].filter(([, w]) => w.acked >= gen).map(([id]) => id);
  }

  private release(items: readonly T[]): T[] {
    const out: T[] = [];
    for (const c of items) {
      const n = (this.readers.get(c) ?? 1) - 1;
      if (n > 0) {
        this.readers.set(c, n);
      } else {
        this.readers.delete(c);
        out.push(c);
      }
    }
    return out;
  }

  private settle(): void {
    const ready = this.waits.filter((w) => this.settled(w.gen));
    this.waits = this.waits.filter((w) => !ready.includes(w));
    for (const w of ready) w.done();
  }
}
