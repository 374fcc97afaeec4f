// The effective config written back in nsd.conf form (tsdns-checkconf -v); it parses to the same config.
import { ZONE_FIELDS, zoneRow } from './build-zone.js';
import type { GlobalClause, ServerCpu } from './build-global.js';
import { optionsOf } from './schema.js';
import type { OptionDef } from './schema-types.js';
import type { Config, ZoneSettings } from './types.js';

/** One value as nsd.conf text, quoted when its kind is a string. */
function showValue(def: OptionDef, v: unknown): string {
  const text = def.kind.show(v);
  return def.kind.quoted ? `"${text}"` : text;
}

/** The `option: value` lines of one option (none for an empty list). */
export function optionLines(def: OptionDef, value: unknown, showUnset: boolean): string[] {
  if (def.name === 'server-N-cpu-affinity') {
    return ((value as ServerCpu[] | null) ?? []).map((c) => `\t${c.option}: ${c.cpu}`);
  }
  if (value === null || value === undefined) return showUnset ? [`\t#${def.name}:`] : [];
  if (def.multi) return (value as unknown[]).map((v) => `\t${def.name}: ${showValue(def, v)}`);
  return [`\t${def.name}: ${showValue(def, value)}`];
}

/** A global clause with every option's effective value. */
function globalClause(config: Config, clause: GlobalClause): string[] {
  const values = config.settings[clause];
  const lines = [`${clause}:`];
  for (const def of optionsOf(clause)) {
    if (def.aliasOf !== undefined) continue;
    const v = values[def.name];
    // Options NSD 4.6.1 lacks are printed only when set, so nsd-checkconf can read the output.
    const unset = v === def.default || (Array.isArray(v) && v.length === 0) || v === null;
    if (def.origin !== 'nsd' && unset) continue;
    lines.push(...optionLines(def, v, true));
  }
  return lines;
}

/** The pattern/zone options that differ from their defaults. */
function zoneLines(s: ZoneSettings): string[] {
  const lines: string[] = [];
  for (const [option, field] of Object.entries(ZONE_FIELDS)) {
    const def = zoneRow(option) as OptionDef;
    const v = s[field];
    const isDefault = Array.isArray(v) ? v.length === 0 : v === def.default;
    if (!isDefault) lines.push(...optionLines(def, v, false));
  }
  return lines;
}

/**
 * The whole effective config: every server, remote-control, dnstap and verify option (unset
 * ones as #comments), then keys, tls-auth clauses, patterns and zones with their inherited
 * settings spelled out (no include-pattern lines, so the text stands alone).
 */
export function printConfig(config: Config): string {
  const out = [`# Effective settings of ${config.file}.`];
  for (const c of ['server', 'remote-control', 'dnstap', 'verify'] as const) out.push(...globalClause(config, c), '');
  for (const k of config.keys) {
    out.push('key:', `\tname: "${k.name}"`, `\talgorithm: ${k.algorithm}`, `\tsecret: "${k.secret}"`, '');
  }
  for (const t of config.tlsAuths) {
    out.push('tls-auth:', `\tname: "${t.name}"`, `\tauth-domain-name: "${t.authDomainName}"`);
    if (t.clientCert !== null) out.push(`\tclient-cert: "${t.clientCert}"`);
    if (t.clientKey !== null) out.push(`\tclient-key: "${t.clientKey}"`);
    if (t.clientKeyPw !== null) out.push(`\tclient-key-pw: "${t.clientKeyPw}"`);
    out.push('');
  }
  for (const p of config.patterns) out.push('pattern:', `\tname: "${p.name}"`, ...zoneLines(p), '');
  for (const z of config.zones) {
    // zonestats is printed already expanded for the zone, which reads back the same.
    out.push('zone:', `\tname: "${z.name}"`, ...zoneLines(z), '');
  }
  return `${out.join('\n')}\n`;
}
