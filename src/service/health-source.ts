// The facts /health, /metrics and `tsdns-control health` read: every configured zone, its load and transfer state.
import { healthReport, metricsText, type HealthReport, type HealthSource, type ZoneFacts } from '../health/index.js';
import { typeToText } from '../wire/index.js';
import type { OpsContext } from './ops-context.js';
import { TSDNS_VERSION } from './version.js';

/** One ZoneFacts per configured zone; a wired secondary's serial and state come from the transfer side. */
export function healthFacts(ctx: OpsContext): ZoneFacts[] {
  const t = ctx.transfers;
  return ctx.zones.status().map((s): ZoneFacts => {
    const sec = s.config.role === 'secondary' ? (t?.secondary(s.config.key) ?? null) : null;
    const serial = sec?.served?.serial ?? s.contents?.serial ?? null;
    return {
      zone: s.config.name,
      role: s.config.role,
      serial,
      loadedAt: sec?.served?.since ?? s.loadedAt,
      loadErrors: s.lastErrors,
      secondary: sec?.facts ?? null,
    };
  });
}

export function healthOf(facts: readonly ZoneFacts[], maxStalenessSec: number, now = Date.now()): HealthReport {
  return healthReport(facts, now, maxStalenessSec);
}

/** The HealthSource of the HTTP endpoints. */
export function healthSource(ctx: OpsContext): HealthSource {
  return {
    report: () => healthOf(healthFacts(ctx), ctx.state.config.server.healthMaxStaleness),
    metrics: () => {
      const zones = healthFacts(ctx);
      const now = Date.now();
      const health = healthReport(zones, now, ctx.state.config.server.healthMaxStaleness).zones;
      return metricsText({ stats: ctx.stats, zones, health, version: TSDNS_VERSION, typeName: typeToText, now });
    },
  };
}
