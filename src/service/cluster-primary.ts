// cluster: server-count N > 1: the primary forks N workers that answer UDP on cluster's shared sockets, and keeps them in step.
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/index.js';
import type { ProcessEvent, ProcessOptions, RequestHandler } from '../process/index.js';
import type { ListenSpec } from '../server/index.js';
import type { FromWorker, ToWorker } from './cluster-protocol.js';
import type { ClusterStats } from './cluster-stats.js';
import { ServiceError } from './errors.js';
import { ClusterZones } from './cluster-zones.js';
import type { Logger } from './logger.js';
import { findAccount } from './privileges.js';
import type { ZoneRegistry } from './zone-registry.js';

export interface ClusterInit {
  readonly count: number;
  readonly config: () => Config;
  readonly options: ProcessOptions;
  /** The addresses the primary's TCP listeners are bound to (ports resolved): the workers bind UDP there. */
  readonly listen: () => readonly ListenSpec[];
  readonly username: string;
  readonly registry: ZoneRegistry;
  /** The primary's pipeline: it answers what workers hand on (NOTIFY, AXFR/IXFR, TSIG over UDP). */
  readonly handler: RequestHandler;
  readonly stats: ClusterStats;
  readonly onEvent: (e: ProcessEvent) => void;
  readonly log: Logger;
  readonly verbosity: () => number;
}

interface Slot {
  worker: Worker;
  startedAt: number;
  listening: boolean;
}

const STATS_WAIT_MS = 1000;
const SETTLE_LIMIT_MS = 60_000;
const STOP_WAIT_MS = 5000;
/** A worker that dies this soon after it started is re-forked after a pause (a crash loop must not spin). */
const QUICK_DEATH_MS = 5000;
const REFORK_PAUSE_MS = 1000;

const workerMain = fileURLToPath(new URL('./cluster-worker-main.js', import.meta.url));

/** The primary's half of the cluster: forking, re-forking, generations, forwarded requests, counters. */
export class ClusterPrimary {
  private readonly slots: (Slot | null)[];
  private readonly zones: ClusterZones;
  private stopping = false;
  private startWait: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private statsWait: { missing: Set<number>; done: () => void } | null = null;

  constructor(private readonly init: ClusterInit) {
    this.slots = new Array<Slot | null>(init.count).fill(null);
    const owner = ownerFor(init.username);
    this.zones = new ClusterZones(() => init.registry.served(), (id, m) => this.sendTo(id, m), init.log, init.config().server.xfrdir, owner);
    init.registry.onServedChanged(() => this.zones.publish());
  }

  /** Forks every worker; resolves when all of them serve the zones and listen, rejects when one cannot. */
  start(): Promise<void> {
    cluster.setupPrimary({ exec: workerMain, args: [], serialization: 'advanced' });
    const started = new Promise<void>((resolve, reject) => (this.startWait = { resolve, reject }));
    for (let s = 0; s < this.slots.length; s++) this.fork(s);
    return started;
  }

  /**
   * Resolves when every worker serves the current generation of the zones, or after `limitMs` with a
   * warning (a worker stuck building must not hang every control verb; it is replaced if it dies).
   */
  settled(limitMs = SETTLE_LIMIT_MS): Promise<void> {
    const gen = this.zones.generation;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.init.log.warn({ generation: gen }, `not every worker serves generation ${gen} after ${limitMs / 1000} s; replying anyway`);
        resolve();
      }, limitMs);
      timer.unref();
      void this.zones.settled().then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Asks every worker for its counters (waiting at most a second), so `stats` is current. */
  refreshStats(): Promise<void> {
    const live = this.live();
    if (live.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, STATS_WAIT_MS);
      const missing = new Set(live.map((s) => s.worker.id));
      const self = this;
      function finish(): void {
        clearTimeout(timer);
        self.statsWait = null;
        self.init.stats.refresh();
        resolve();
      }
      this.statsWait = { missing, done: finish };
      for (const s of live) this.post(s.worker, { t: 'stats?' });
    });
  }

  /** `tsdns-control verbosity`: the workers' bad-traffic lines follow it. */
  verbosity(level: number): void {
    for (const s of this.live()) this.post(s.worker, { t: 'verbosity', level });
  }

  /** Requests each worker slot answered since the last reset (NSD's server<i>.queries). */
  serverQueries(reset: boolean): readonly number[] {
    return this.init.stats.slots.queriesSinceReset(reset);
  }

  /** Tells the workers about a reconfig: the new settings and listening addresses. */
  reconfigured(): void {
    for (const s of this.live()) {
      this.post(s.worker, { t: 'config', config: this.init.config() });
      this.post(s.worker, { t: 'listen', listen: this.init.listen() });
    }
  }

  /** The workers' process ids by slot (null while a slot is being re-forked). */
  get pids(): (number | null)[] {
    return this.slots.map((s) => s?.worker.process.pid ?? null);
  }

  /** Stops every worker (they close their sockets and exit); kills any still there after a few seconds. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = this.live().map((s) => new Promise<void>((r) => (s.worker.isDead() ? r() : s.worker.once('exit', () => r()))));
    for (const s of this.live()) this.post(s.worker, { t: 'stop' });
    const timer = setTimeout(() => {
      for (const s of this.live()) if (!s.worker.isDead()) s.worker.process.kill('SIGKILL');
    }, STOP_WAIT_MS);
    await Promise.all(exits);
    clearTimeout(timer);
    this.zones.close();
  }

  private live(): Slot[] {
    return this.slots.filter((s): s is Slot => s !== null);
  }

  private fork(slot: number): void {
    if (this.stopping) return;
    const worker = cluster.fork({ TSDNS_WORKER_SLOT: String(slot) });
    const entry: Slot = { worker, startedAt: Date.now(), listening: false };
    this.slots[slot] = entry;
    worker.on('message', (m: FromWorker) => this.onMessage(slot, entry, m));
    worker.on('exit', (code: number | null, signal: string | null) => this.onExit(slot, entry, code, signal));
  }

  private onMessage(slot: number, s: Slot, m: FromWorker): void {
    const log = this.init.log;
    switch (m.t) {
      case 'online': {
        const i = this.init;
        this.post(s.worker, { t: 'init', slot, config: i.config(), options: i.options, listen: i.listen(), username: i.username, verbosity: i.verbosity() });
        this.zones.join(s.worker.id);
        return;
      }
      case 'listening':
        s.listening = true;
        log.info({ worker: slot, workerPid: s.worker.process.pid, generation: this.zones.generation }, `server${slot} listening (pid ${s.worker.process.pid})`);
        if (this.startWait !== null && this.live().every((x) => x.listening) && this.live().length === this.slots.length) {
          this.startWait.resolve();
          this.startWait = null;
        }
        return;
      case 'ack':
        this.zones.ack(s.worker.id, m.gen);
        return;
      case 'forward':
        this.answerForwarded(s.worker, m);
        return;
      case 'stats':
        this.init.stats.report(slot, m.counters);
        this.statsWait?.missing.delete(s.worker.id);
        if (this.statsWait?.missing.size === 0) this.statsWait.done();
        return;
      case 'event':
        this.init.onEvent(m.event);
        return;
      case 'log':
        log[m.level]({ worker: slot, workerPid: s.worker.process.pid, ...m.fields }, m.msg);
        return;
      case 'fatal':
        log.error({ worker: slot, code: m.code }, `server${slot}: ${m.msg}`);
        if (this.startWait !== null) {
          this.startWait.reject(new ServiceError(m.code ?? 'WORKER', m.msg));
          this.startWait = null;
        }
    }
  }

  private answerForwarded(worker: Worker, m: Extract<FromWorker, { t: 'forward' }>): void {
    let response: Uint8Array | null = null;
    try {
      response = this.init.handler.handle(m.request, { transport: 'udp', family: m.family, address: m.address, port: m.port });
    } catch (e) {
      this.init.log.error({ err: e }, 'request handling failed (a bug): the request was dropped');
    }
    this.post(worker, { t: 'reply', id: m.id, response });
  }

  private onExit(slot: number, s: Slot, code: number | null, signal: string | null): void {
    this.zones.leave(s.worker.id);
    this.init.stats.retire(slot);
    this.statsWait?.missing.delete(s.worker.id);
    if (this.slots[slot] === s) this.slots[slot] = null;
    if (this.stopping) return;
    const pid = s.worker.process.pid;
    if (this.startWait !== null) {
      this.startWait.reject(new ServiceError('WORKER', `server${slot} (pid ${pid}) exited while starting (code ${code}, signal ${signal})`));
      this.startWait = null;
      return;
    }
    const pause = Date.now() - s.startedAt < QUICK_DEATH_MS ? REFORK_PAUSE_MS : 0;
    this.init.log.warn({ worker: slot, workerPid: pid, code, signal }, `server${slot} (pid ${pid}) died: starting a new one with the current zones`);
    setTimeout(() => this.fork(slot), pause);
  }

  private sendTo(workerId: number, m: ToWorker): void {
    const w = cluster.workers?.[workerId];
    if (w !== undefined) this.post(w, m);
  }

  /** A worker whose channel is closed is about to exit: what it would have been told no longer matters. */
  private post(w: Worker, m: ToWorker): void {
    if (!w.isConnected()) return;
    try {
      w.send(m);
    } catch {
      // the worker is going away; its exit is handled in onExit
    }
  }
}

/** When root drops to `username`, the snapshot files must be readable by that user. */
function ownerFor(username: string): { uid: number; gid: number } | null {
  if (username === '' || process.getuid?.() !== 0) return null;
  const a = findAccount(username);
  return a === null ? null : { uid: a.uid, gid: a.gid };
}
