// cluster: one worker process: answers UDP on the shared sockets from the primary's snapshots, hands the rest to the primary.
import { pino } from 'pino';
import type { Config } from '../config/index.js';
import { QueryProcessor, type RequestContext, type ServedZones } from '../process/index.js';
import { answerQuestion } from '../query/index.js';
import { DnsServer, type ListenSpec, type UdpForward } from '../server/index.js';
import { QueryCounters } from '../stats/index.js';
import { parseName } from '../wire/index.js';
import { type ZoneContents, ZoneDb } from '../zone/index.js';
import type { FromWorker, LogLevel, ToWorker, WorkerInit, WorkerZones } from './cluster-protocol.js';
import { needsPrimary } from './cluster-route.js';
import { dropPrivileges } from './privileges.js';
import { rrlSetup } from './rrl-setup.js';
import { readSnapshotFile } from './snapshot-file.js';
import { TrafficLog } from './traffic-log.js';

/** Counters go to the primary this often (and whenever it asks, for `stats`). */
const REPORT_MS = 1000;
/** Requests handed on and not answered yet, at most: beyond this a NOTIFY flood is dropped here. */
const MAX_FORWARDED = 10_000;

const EMPTY: ServedZones<ZoneDb> = { db: new ZoneDb(), configured: new Set(), unloaded: new Set(), expired: new Set() };

function send(m: FromWorker): void {
  if (process.connected) process.send?.(m);
}

/** The worker's state: its copy of the zones, its pipeline and UDP listeners, the requests handed on. */
class Worker {
  private served: ServedZones<ZoneDb> = EMPTY;
  private zones = new Map<string, ZoneContents>();
  private config: Config;
  private readonly counters = new QueryCounters();
  private readonly server: DnsServer;
  private readonly waiting = new Map<number, (r: Uint8Array) => void>();
  private nextId = 0;
  private queue: Promise<void> = Promise.resolve();
  private listening = false;
  private verbosity: number;

  constructor(private readonly init: WorkerInit) {
    this.config = init.config;
    this.verbosity = init.verbosity;
    const s = init.config.server;
    // Bad traffic this worker sees is counted in its own counters and logged through the primary.
    const traffic = new TrafficLog({ log: ipcLogger(), misc: this.counters.misc, verbosity: () => this.verbosity });
    const processor = new QueryProcessor({
      options: init.options,
      zones: () => this.served,
      engine: answerQuestion,
      onEvent: (event) => send({ t: 'event', event }),
      observer: this.counters,
      traffic,
      ...rrlSetup(() => this.config), // RRL per process, as NSD's children each keep their own table
    });
    this.server = new DnsServer({
      listen: init.listen,
      handler: processor,
      tcp: { maxConnections: s.tcpCount, idleTimeoutMs: s.tcpTimeout * 1000, maxQueries: s.tcpQueryCount },
      receiveBufferSize: s.receiveBufferSize,
      sendBufferSize: s.sendBufferSize,
      traffic,
      transports: 'udp',
      udpShared: true,
      udpForward: this.forwarder(),
      onError: (e) => send({ t: 'log', level: 'error', msg: `request handling failed (a bug): the request was dropped: ${(e as Error).message}` }),
    });
    setInterval(() => this.report(), REPORT_MS).unref();
  }

  on(m: ToWorker): void {
    switch (m.t) {
      case 'zones':
        this.queue = this.queue.then(() => this.apply(m));
        return;
      case 'reply': {
        const reply = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (reply !== undefined && m.response !== null) reply(m.response);
        return;
      }
      case 'stats?':
        this.report();
        return;
      case 'config':
        this.config = m.config;
        return;
      case 'verbosity':
        this.verbosity = m.level;
        return;
      case 'listen':
        this.queue = this.queue.then(() => this.relisten(m.listen));
        return;
      case 'stop':
        void this.server.stop(0).then(() => process.exit(0));
        return;
      case 'init':
        return;
    }
  }

  private report(): void {
    send({ t: 'stats', counters: this.counters });
  }

  /** NOTIFY, AXFR/IXFR and signed requests go to the primary, whose answer is sent from this socket. */
  private forwarder(): UdpForward {
    return {
      wants: needsPrimary,
      send: (request: Uint8Array, ctx: RequestContext, reply: (r: Uint8Array) => void) => {
        if (this.waiting.size >= MAX_FORWARDED) return;
        const id = ++this.nextId;
        this.waiting.set(id, reply);
        send({ t: 'forward', id, request, family: ctx.family, address: ctx.address ?? '', port: ctx.port ?? 0 });
      },
    };
  }

  /** Builds the generation's new snapshots, then swaps the whole served set at once and acknowledges. */
  private async apply(m: WorkerZones): Promise<void> {
    const next = new Map(this.zones);
    for (const k of m.drop) next.delete(k);
    try {
      for (const [key, text, file] of m.load) next.set(key, await readSnapshotFile(file, parseName(text, null)));
    } catch (e) {
      // The primary's snapshot could not be rebuilt: serving anything else would differ from it.
      fatal('ZONES', `cannot load the zones of generation ${m.gen}: ${(e as Error).message}`);
      return;
    }
    const db = new ZoneDb();
    for (const z of next.values()) db.set(z);
    this.zones = next;
    this.served = { db, configured: new Set(m.configured), unloaded: new Set(m.unloaded), expired: new Set(m.expired) };
    send({ t: 'ack', gen: m.gen });
    if (!this.listening) await this.listen();
  }

  /** Binds once the zones are in (a new worker never answers from an empty set), then drops privileges. */
  private async listen(): Promise<void> {
    try {
      await this.server.start();
    } catch (e) {
      fatal((e as { code?: string }).code ?? 'BIND', (e as Error).message);
      return;
    }
    this.listening = true;
    const drop = dropPrivileges(this.init.username);
    if (drop.dropped) send({ t: 'log', level: 'info', msg: 'worker dropped privileges', fields: { user: drop.account.name } });
    send({ t: 'listening' });
  }

  /** reconfig changed the listening addresses. */
  private async relisten(want: readonly ListenSpec[]): Promise<void> {
    const key = (a: { address: string; port: number }): string => `${a.address}@${a.port}`;
    const have = new Set(this.server.addresses.map(key));
    const wanted = new Set(want.map(key));
    try {
      await this.server.listenMore(want.filter((w) => !have.has(key(w))));
    } catch (e) {
      send({ t: 'log', level: 'error', msg: `reconfig: ${(e as Error).message}` });
    }
    await this.server.closeSome(this.server.addresses.filter((a) => !wanted.has(key(a))));
  }
}

const LEVELS: Record<number, LogLevel> = { 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** A pino logger whose lines go to the primary, which writes them to its log with the worker's slot. */
function ipcLogger(): pino.Logger {
  return pino({ level: 'debug', base: null, timestamp: false }, {
    write(line: string): void {
      const { level, msg, ...fields } = JSON.parse(line) as { level: number; msg: string };
      send({ t: 'log', level: LEVELS[level] ?? 'info', msg, fields });
    },
  });
}

function fatal(code: string, msg: string): void {
  send({ t: 'fatal', code, msg });
  process.exit(1);
}

/** The worker's entry: waits for the primary's init, then follows its messages until told to stop. */
export function runWorker(): void {
  let worker: Worker | null = null;
  // The primary handles the terminal's Ctrl-C and SIGHUP (and stops or reloads the workers itself).
  process.on('SIGINT', () => undefined);
  process.on('SIGHUP', () => undefined);
  process.on('disconnect', () => process.exit(0)); // the primary is gone
  process.on('message', (m: ToWorker) => {
    if (m.t === 'init') worker = new Worker(m);
    else worker?.on(m);
  });
  send({ t: 'online' });
}
