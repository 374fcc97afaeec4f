// The ControlApi of control/ over the running daemon: zones, reloads, status, stats; TSIG verbs in control-keys.ts.
import type { ControlApi, HealthReport, KeyInfo, Outcome, StatsContext, ZoneStatusInfo } from '../control/index.js';
import type { ClusterPrimary } from './cluster-primary.js';
import { parseName, typeToText } from '../wire/index.js';
import { KeyVerbs } from './control-keys.js';
import { healthFacts, healthOf } from './health-source.js';
import { OpsContext, zoneKey } from './ops-context.js';
import { TSDNS_VERSION } from './version.js';
import { zoneListSize } from './zone-list.js';

/** What the daemon provides besides the context: stopping, reconfig, the logger's level and file. */
export interface DaemonHooks {
  requestStop(): void;
  reconfig(): Promise<Outcome>;
  verbosity(level: number | null): number;
  logReopen(): Outcome;
  /** cluster: the workers of server-count > 1, or null for one process. */
  readonly cluster: ClusterPrimary | null;
}

const NOT_WIRED = 'zone transfers are not wired in this build of tsdns';

export class DaemonControlApi extends KeyVerbs implements ControlApi {
  constructor(ctx: OpsContext, private readonly hooks: DaemonHooks) {
    super(ctx);
  }

  status(): { version: string; verbosity: number; ratelimit: number } {
    return { version: TSDNS_VERSION, verbosity: this.hooks.verbosity(null), ratelimit: this.ctx.state.config.server.rrl.ratelimit };
  }

  stop(): void {
    this.hooks.requestStop();
  }

  reload(zone: string | null): Outcome {
    const ctx = this.ctx;
    if (zone !== null) {
      const key = zoneKey(zone);
      const z = key === null ? undefined : ctx.zone(zone);
      if (z === undefined) return { ok: false, error: `zone ${zone} not configured` };
      const r = ctx.zones.reloadZone(parseName(z.key, null).key);
      ctx.stats.events.add('zone_load', ['reload', r?.ok ? 'ok' : 'failed']);
      if (r === undefined || r.ok) return { ok: true };
      return { ok: false, error: `zone ${z.name} not reloaded, the previous contents stay served`, lines: r.errors.map((e) => `${z.name}: ${e}`) };
    }
    const before = new Map(ctx.zones.status().map((s) => [s.config.key, s.lastErrors]));
    const r = ctx.zones.reload();
    for (let i = 0; i < r.reloaded; i++) ctx.stats.events.add('zone_load', ['reload', 'ok']);
    for (let i = 0; i < r.failed; i++) ctx.stats.events.add('zone_load', ['reload', 'failed']);
    if (r.failed === 0) return { ok: true };
    const failed = ctx.zones.status().filter((s) => s.lastErrors.length > 0 && s.lastErrors !== before.get(s.config.key));
    const lines = failed.flatMap((s) => s.lastErrors.map((e) => `${s.config.name}: ${e}`));
    return { ok: false, error: `${r.failed} zone(s) not reloaded (${failed.map((s) => s.config.name).join(', ')}), their previous contents stay served`, lines };
  }

  reconfig(): Promise<Outcome> {
    return this.hooks.reconfig();
  }

  logReopen(): Outcome {
    return this.hooks.logReopen();
  }

  verbosity(level: number | null): number {
    return this.hooks.verbosity(level);
  }

  async write(zone: string | null): Promise<Outcome> {
    if (zone !== null && this.ctx.zone(zone) === undefined) return { ok: false, error: `zone ${zone} not configured` };
    const t = this.ctx.transfers;
    if (t !== null) await t.write(zone === null ? null : zoneKey(zone));
    return { ok: true };
  }

  notify(zone: string | null): Outcome {
    const zones = this.ctx.effective().zones;
    const t = this.ctx.transfers;
    if (zone !== null) {
      const z = this.ctx.zone(zone);
      if (z === undefined) return { ok: false, error: `zone ${zone} not configured` };
      if (z.notify.length === 0) return { ok: false, error: 'zone does not have notify' };
      if (t === null) return { ok: false, error: NOT_WIRED };
      return t.notify(z.key) ? { ok: true } : { ok: false, error: 'sending NOTIFY on request is not available in this build' };
    }
    const targets = zones.filter((z) => z.notify.length > 0);
    if (targets.length > 0 && t === null) return { ok: false, error: NOT_WIRED };
    for (const z of targets) t?.notify(z.key);
    return { ok: true };
  }

  transfer(zone: string | null, force: boolean): Outcome {
    const t = this.ctx.transfers;
    if (zone !== null) {
      const z = this.ctx.zone(zone);
      if (z === undefined) return { ok: false, error: `zone ${zone} not configured` };
      if (z.role !== 'secondary') return { ok: false, error: 'zone not slave' };
      if (t === null) return { ok: false, error: NOT_WIRED };
      return t.transfer(z.key, force) ? { ok: true } : { ok: false, error: 'zone not slave' };
    }
    const secondaries = this.ctx.effective().zones.filter((z) => z.role === 'secondary');
    if (secondaries.length > 0 && t === null) return { ok: false, error: NOT_WIRED };
    let n = 0;
    for (const z of secondaries) if (t?.transfer(z.key, force)) n++;
    return { ok: true, lines: [`ok, ${n} zones`], noOk: true };
  }

  zoneStatus(zone: string | null): { ok: true; zones: ZoneStatusInfo[] } | { ok: false; error: string } {
    const all = this.ctx.zones.status();
    let pick = all;
    if (zone !== null) {
      const z = this.ctx.zone(zone);
      if (z === undefined) return { ok: false, error: `zone ${zone} not configured` };
      pick = all.filter((s) => s.config.key === z.key);
    }
    const t = this.ctx.transfers;
    return {
      ok: true,
      zones: pick.map((s): ZoneStatusInfo => {
        const sec = s.config.role === 'secondary' ? (t?.secondary(s.config.key) ?? null) : null;
        const served = sec?.served ?? (s.contents !== undefined ? { serial: s.contents.serial, since: s.loadedAt ?? Date.now() } : null);
        return {
          name: s.config.name,
          pattern: this.ctx.state.patternOf(s.config.key),
          role: s.config.role,
          notify: t?.notifying(s.config.key) ?? null,
          state: s.config.role === 'secondary' ? (sec?.state ?? (served === null ? 'refreshing' : 'ok')) : null,
          served,
          commit: served,
          notified: sec?.notified ?? null,
          waitSeconds: sec?.waitSeconds ?? null,
          transfer: sec?.transfer ?? null,
          loadErrors: s.lastErrors,
        };
      }),
    };
  }

  serverPid(): number {
    return process.pid;
  }

  /** server-count > 1: replies wait until every worker serves the zones as this verb left them. */
  settled(): Promise<void> {
    return this.hooks.cluster?.settled() ?? Promise.resolve();
  }

  stats(): StatsContext | Promise<StatsContext> {
    const cluster = this.hooks.cluster;
    if (cluster === null) return this.statsContext();
    // cluster: fresh counters from every worker, and NSD's server<i>.queries per worker
    return cluster.refreshStats().then(() => ({ ...this.statsContext(), serverQueries: (reset: boolean) => cluster.serverQueries(reset) }));
  }

  private statsContext(): StatsContext {
    const c = this.ctx.effective();
    const secondaries = c.zones.filter((z) => z.role === 'secondary').length;
    return {
      stats: this.ctx.stats,
      dbMemory: process.memoryUsage().heapUsed,
      configMemory: JSON.stringify(c).length,
      zonelistSize: zoneListSize(c.server.zonelistfile),
      primaryZones: c.zones.length - secondaries,
      secondaryZones: secondaries,
      typeName: typeToText,
    };
  }

  health(): HealthReport {
    return healthOf(healthFacts(this.ctx), this.ctx.state.config.server.healthMaxStaleness);
  }

  keys(): readonly KeyInfo[] {
    return this.ctx.effective().keys.map((k) => ({ name: k.name, secret: k.secret, algorithm: k.algorithm }));
  }
}
