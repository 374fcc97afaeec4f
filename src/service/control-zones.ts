// addzone, delzone and changezone as NSD does them: zonelist zones only, the list file rewritten, the zone set swapped.
import type { Outcome } from '../control/index.js';
import type { OpsContext } from './ops-context.js';
import { zoneKey } from './ops-context.js';

export class ZoneVerbs {
  constructor(protected readonly ctx: OpsContext) {}

  addZone(name: string, pattern: string): Outcome {
    if (!this.ctx.state.config.patterns.some((p) => p.name === pattern)) return { ok: false, error: `pattern ${pattern} does not exist` };
    if (zoneKey(name) === null) return { ok: false, error: 'cannot parse zone name' };
    if (this.ctx.zone(name) !== undefined) return { ok: true, lines: [`zone ${name} already exists`] };
    return this.change(name, pattern, 'addzone');
  }

  delZone(name: string): Outcome {
    if (zoneKey(name) === null) return { ok: false, error: 'cannot parse zone name' };
    const z = this.ctx.zone(name);
    // NSD: a warning, not an error; in addzones it still counts as a failed line.
    if (z === undefined) return { ok: false, error: '', lines: [`warning zone ${name} not present`] };
    if (this.ctx.state.inConfigFile(z.key)) return { ok: false, error: IN_CONF };
    return this.change(name, null, 'delzone');
  }

  changeZone(name: string, pattern: string): Outcome {
    if (!this.ctx.state.config.patterns.some((p) => p.name === pattern)) return { ok: false, error: `pattern ${pattern} does not exist` };
    if (zoneKey(name) === null) return { ok: false, error: 'cannot parse zone name' };
    const z = this.ctx.zone(name);
    if (z !== undefined && this.ctx.state.inConfigFile(z.key)) return { ok: false, error: IN_CONF };
    const r = this.change(name, pattern, 'changezone');
    return z === undefined && r.ok ? { ok: true, lines: [`zone ${name} did not exist, creating`, ...(r.lines ?? [])] } : r;
  }

  /** The list changed: written to the zonelist file, applied to the served set; a new zone that failed to load is said. */
  private change(name: string, pattern: string | null, verb: string): Outcome {
    const r = this.ctx.state.changeList(name, pattern);
    if (!r.ok) return { ok: false, error: r.error };
    const { added } = this.ctx.apply();
    this.ctx.log.info({ zone: name, pattern, verb }, `${verb}: zone list changed`);
    const key = zoneKey(name);
    const status = this.ctx.zones.status().find((s) => s.config.key === key);
    if (pattern === null || status === undefined) return { ok: true };
    if (added.length > 0) this.ctx.stats.events.add('zone_load', ['addzone', status.contents !== undefined ? 'ok' : 'failed']);
    if (status.contents !== undefined || status.config.role === 'secondary') return { ok: true };
    return { ok: true, lines: status.lastErrors.map((e) => `warning zone ${name} not loaded: ${e}`) };
  }
}

const IN_CONF = 'zone defined in nsd.conf, cannot delete it in this manner: remove it from nsd.conf yourself and repattern';
