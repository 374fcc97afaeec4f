// Operations of a running daemon: the control channel, the health and metrics endpoints, reconfig, log handling.
import { pino } from 'pino';
import { ConfigError, formatConfigProblem, type ServerConfig } from '../config/index.js';
import { ControlServer, type Outcome } from '../control/index.js';
import { HealthServer, type HttpEndpoint } from '../health/index.js';
import type { BoundAddress, DnsServer } from '../server/index.js';
import type { ServerStats } from '../stats/index.js';
import type { ClusterPrimary } from './cluster-primary.js';
import type { ConfigState } from './config-state.js';
import { DaemonControlApi } from './control-api.js';
import { healthSource } from './health-source.js';
import { listenSpecs, type ListenOverrides } from './listen-specs.js';
import type { Logger } from './logger.js';
import { OpsContext } from './ops-context.js';
import type { TransferControl } from './transfer-control.js';
import type { ZoneRegistry } from './zone-registry.js';

export interface OperationsInit {
  readonly state: ConfigState;
  readonly zones: ZoneRegistry;
  readonly stats: ServerStats;
  readonly log: Logger;
  readonly server: DnsServer;
  /** The nsd -a / -p / -4 / -6 overrides: reconfig applies ip-address changes only without -a. */
  readonly listen: ListenOverrides;
  readonly verbosity: number;
  /** Stops the daemon (after the control reply went out). */
  readonly requestStop: () => void;
  /** cluster: server-count > 1 (verbs wait for the workers, stats are pulled from them). */
  readonly cluster?: ClusterPrimary | null;
}

/** The HTTP endpoints of a server config: health-interface (health and metrics), and metrics-* when enabled. */
export function httpEndpoints(s: ServerConfig): HttpEndpoint[] {
  const out = new Map<string, HttpEndpoint>();
  const metricsPath = s.metrics.path;
  for (const i of s.healthInterfaces) {
    if (i.address === null || i.port === null) continue;
    out.set(`${i.address}@${i.port}`, { address: i.address, port: i.port, health: true, metricsPath });
  }
  if (s.metrics.enable) {
    const given = s.metrics.interfaces.filter((i) => i.address !== null).map((i) => ({ address: i.address as string, port: i.port ?? s.metrics.port }));
    const where = given.length > 0 ? given : [{ address: '127.0.0.1', port: s.metrics.port }, ...(s.doIp6 ? [{ address: '::1', port: s.metrics.port }] : [])];
    for (const w of where) {
      const k = `${w.address}@${w.port}`;
      const had = out.get(k);
      out.set(k, had ? { ...had, metricsPath } : { ...w, health: false, metricsPath });
    }
  }
  return [...out.values()];
}

const endpointsKey = (eps: readonly HttpEndpoint[]): string => JSON.stringify(eps);

/**
 * Everything an operator talks to besides DNS. Started after the DNS listeners, stopped before them.
 * `reconfig` re-reads nsd.conf and applies zones, keys, patterns, listening addresses and the HTTP
 * endpoints, or nothing at all when the new config is refused.
 */
export class Operations {
  readonly ctx: OpsContext;
  readonly api: DaemonControlApi;
  private control: ControlServer | null = null;
  private health: HealthServer | null = null;
  private healthKey = '[]';
  private level: number;

  constructor(private readonly init: OperationsInit) {
    this.ctx = new OpsContext(init.state, init.zones, init.stats, init.log);
    this.level = init.verbosity;
    this.api = new DaemonControlApi(this.ctx, {
      requestStop: init.requestStop,
      reconfig: () => this.reconfig(),
      verbosity: (n) => this.verbosity(n),
      logReopen: () => this.logReopen(),
      cluster: init.cluster ?? null,
    });
  }

  /** Opens the control channel (control-enable) and the HTTP endpoints; throws when one cannot be opened. */
  async start(): Promise<void> {
    const c = this.init.state.config;
    for (const z of this.init.zones.status()) this.init.stats.events.add('zone_load', ['start', z.contents !== undefined ? 'ok' : 'failed']);
    if (c.remoteControl.controlEnable) {
      const log = this.init.log;
      this.control = new ControlServer({
        config: c.remoteControl, api: this.api, doIp4: c.server.doIp4, doIp6: c.server.doIp6,
        onCommand: (line) => log.info({ cmd: line }, `control cmd: ${line}`),
        onError: (m) => log.warn(m),
      });
      await this.control.start();
      log.info({ control: this.control.bound.map((b) => b.path ?? `${b.address}@${b.port}`) }, 'remote control listening');
    }
    await this.startHealth(httpEndpoints(c.server));
  }

  async stop(): Promise<void> {
    await this.control?.stop();
    await this.health?.stop();
    this.control = null;
    this.health = null;
  }

  /** The transfer side, once wired (NOTIFY out, secondaries); until then its verbs answer with an error. */
  setTransfers(t: TransferControl | null): void {
    this.ctx.transfers = t;
  }

  get healthServer(): HealthServer | null {
    return this.health;
  }

  get controlServer(): ControlServer | null {
    return this.control;
  }

  private async startHealth(eps: HttpEndpoint[]): Promise<void> {
    this.healthKey = endpointsKey(eps);
    if (eps.length === 0) return;
    const h = new HealthServer(healthSource(this.ctx), eps);
    await h.start();
    this.health = h;
    this.init.log.info({ http: h.bound.map((b) => `${b.address}@${b.port}`) }, 'health and metrics listening');
  }

  verbosity(n: number | null): number {
    if (n !== null) {
      this.level = n;
      this.init.log.level = n >= 3 ? 'debug' : 'info';
      this.init.cluster?.verbosity(n); // cluster: the workers' bad-traffic log follows
      this.init.log.info({ verbosity: n }, 'verbosity changed');
    }
    return this.level;
  }

  /** Reopens the logfile (after logrotate moved it); logging to stderr has nothing to reopen. */
  logReopen(): Outcome {
    const stream = (this.init.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as { reopen?: () => void; fd?: number } | undefined;
    try {
      if (stream !== undefined && typeof stream.reopen === 'function' && stream.fd !== 2) stream.reopen();
    } catch (e) {
      return { ok: false, error: `could not reopen the logfile: ${(e as Error).message}` };
    }
    this.init.log.info('logfile reopened');
    return { ok: true };
  }

  /** A SIGHUP reload happened: counted; with reload-config: yes nsd.conf is re-read too (newer NSD). */
  noteReload(r: { reloaded: number; failed: number }): void {
    this.init.stats.events.add('zone_load', ['reload', 'ok'], r.reloaded);
    this.init.stats.events.add('zone_load', ['reload', 'failed'], r.failed);
    if (this.init.state.config.server.reloadConfig) void this.reconfig();
  }

  /** nsd-control reconfig (and SIGHUP with reload-config: yes). */
  async reconfig(): Promise<Outcome> {
    const { state, log, stats } = this.init;
    const head = `reconfig start, read ${state.file}`;
    let next: ReturnType<ConfigState['reread']>;
    try {
      next = state.reread();
    } catch (e) {
      stats.events.add('reconfig', ['failed']);
      const lines = e instanceof ConfigError ? e.problems.map((p) => formatConfigProblem(p)) : [(e as Error).message];
      log.error({ errors: lines.length }, `reconfig refused, nothing changed: ${lines.join('; ')}`);
      return { ok: false, lines: [head, ...lines], error: `reconfig refused: ${lines.length} error(s) in the config, nothing was changed` };
    }
    const listenChange = await this.rebind(next.loaded.config.server);
    if (!listenChange.ok) {
      stats.events.add('reconfig', ['failed']);
      return { ok: false, lines: [head], error: `reconfig refused, nothing was changed: ${listenChange.error}` };
    }
    next.commit();
    this.ctx.resetOverrides();
    const { added, removed } = this.ctx.apply();
    await this.init.server.closeSome(listenChange.removed);
    const notes = await this.restartHealth(next.loaded.config.server);
    this.init.cluster?.reconfigured(); // cluster: the workers take the new settings and addresses
    stats.events.add('reconfig', ['ok']);
    log.info({ added: added.length, removed: removed.length, listen: listenChange.added.length, unlisten: listenChange.removed.length }, 'reconfig done');
    return { ok: true, lines: [head, ...notes] };
  }

  /** Binds the new listening addresses (closing the old ones is left to the commit). */
  private async rebind(s: ServerConfig): Promise<{ ok: true; added: BoundAddress[]; removed: BoundAddress[] } | { ok: false; error: string }> {
    const server = this.init.server;
    if ((this.init.listen.addresses?.length ?? 0) > 0) return { ok: true, added: [], removed: [] };
    let want;
    try {
      want = listenSpecs(s, this.init.listen);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    const key = (a: { address: string; port: number }): string => `${a.address}@${a.port}`;
    const have = new Set(server.addresses.map(key));
    const wanted = new Set(want.map(key));
    const add = want.filter((w) => !have.has(key(w)));
    const removed = server.addresses.filter((a) => !wanted.has(key(a)));
    try {
      await server.listenMore(add);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    return { ok: true, added: add as BoundAddress[], removed: [...removed] };
  }

  /** New health/metrics endpoints replace the old ones; a failure is reported but the rest of reconfig stands. */
  private async restartHealth(s: ServerConfig): Promise<string[]> {
    const eps = httpEndpoints(s);
    if (endpointsKey(eps) === this.healthKey) return [];
    await this.health?.stop();
    this.health = null;
    try {
      await this.startHealth(eps);
      return [];
    } catch (e) {
      this.init.log.error((e as Error).message);
      return [`warning: ${(e as Error).message}`];
    }
  }
}
