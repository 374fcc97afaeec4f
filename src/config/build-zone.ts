// Pattern and zone settings: statements applied in order, include-pattern inheritance, typed ZoneSettings.
import { optionsOf } from './schema.js';
import type { OptionDef } from './schema-types.js';
import type { ZoneSettings } from './types.js';

/** The key a value is stored under (an alias stores under the option it spells). */
export function storageName(def: OptionDef): string {
  return def.aliasOf ?? def.name;
}

/** The rows of pattern-or-zone options, by storage name. */
const ZONE_ROWS = new Map<string, OptionDef>(
  optionsOf('pattern').filter((d) => d.inherit !== undefined && d.aliasOf === undefined).map((d) => [d.name, d]),
);

/** What a finished pattern passes on to the clauses that include it. */
export interface ResolvedPattern {
  readonly name: string;
  readonly values: ReadonlyMap<string, unknown>;
  readonly inherited: readonly string[];
}

/**
 * The options of one pattern: or zone: clause as they are read. NSD applies an include-pattern
 * at the point it is written (config_apply_pattern), so later lines override it and earlier
 * lines are overridden by what the pattern set.
 */
export class ZoneSettingsBuilder {
  readonly values = new Map<string, unknown>();
  readonly includes: string[] = [];
  readonly inherited: string[] = [];

  /** One statement of the clause itself. */
  set(def: OptionDef, value: unknown): void {
    const key = storageName(def);
    if (!def.multi) {
      this.values.set(key, value);
      return;
    }
    const list = (this.values.get(key) as unknown[] | undefined) ?? [];
    if (def.inherit === 'union' && list.includes(value)) return;
    this.values.set(key, [...list, value]);
  }

  /** include-pattern: pass on the pattern's values, row by row, by the row's inherit mode. */
  apply(p: ResolvedPattern): void {
    this.includes.push(p.name);
    this.inherited.push(...p.inherited, p.name);
    for (const [name, def] of ZONE_ROWS) {
      const has = p.values.has(name);
      const theirs = p.values.get(name);
      const mine = this.values.get(name);
      switch (def.inherit) {
        case 'override':
          if (has) this.values.set(name, theirs);
          break;
        case 'always':
          // NSD copies size-limit-xfr even when the pattern left it at its default.
          if (has) this.values.set(name, theirs);
          else this.values.delete(name);
          break;
        case 'if-true':
          if (theirs === true) this.values.set(name, true);
          break;
        case 'append':
          if (has) this.values.set(name, [...((mine as unknown[]) ?? []), ...(theirs as unknown[])]);
          break;
        case 'union':
          if (has) this.values.set(name, [...new Set([...((mine as unknown[]) ?? []), ...(theirs as unknown[])])]);
          break;
      }
    }
  }

  resolved(name: string): ResolvedPattern {
    return { name, values: new Map(this.values), inherited: [...this.inherited] };
  }
}

/** Which ZoneSettings field each pattern/zone option fills (checkconf -o/-v read them back by option). */
export const ZONE_FIELDS = {
  'zonefile': 'zonefile',
  'allow-notify': 'allowNotify',
  'request-xfr': 'requestXfr',
  'notify': 'notify',
  'provide-xfr': 'provideXfr',
  'allow-query': 'allowQuery',
  'outgoing-interface': 'outgoingInterface',
  'notify-retry': 'notifyRetry',
  'allow-axfr-fallback': 'allowAxfrFallback',
  'size-limit-xfr': 'sizeLimitXfr',
  'max-refresh-time': 'maxRefreshTime',
  'min-refresh-time': 'minRefreshTime',
  'max-retry-time': 'maxRetryTime',
  'min-retry-time': 'minRetryTime',
  'min-expire-time': 'minExpireTime',
  'multi-master-check': 'multiMasterCheck',
  'zonestats': 'zonestats',
  'rrl-whitelist': 'rrlWhitelist',
  'store-ixfr': 'storeIxfr',
  'ixfr-size': 'ixfrSize',
  'ixfr-number': 'ixfrNumber',
  'create-ixfr': 'createIxfr',
} as const satisfies Record<string, keyof ZoneSettings>;

/** The row of a pattern/zone option by its storage name. */
export function zoneRow(name: string): OptionDef | undefined {
  return ZONE_ROWS.get(name);
}

/** Typed settings: set or inherited values, else the table default; `cook` expands zonestats for a zone. */
export function zoneSettings(values: ReadonlyMap<string, unknown>, cook: (s: string) => string): ZoneSettings {
  const out: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(ZONE_FIELDS)) {
    out[field] = values.has(option) ? values.get(option) : ZONE_ROWS.get(option)?.default;
  }
  if (typeof out.zonestats === 'string') out.zonestats = cook(out.zonestats);
  return out as unknown as ZoneSettings;
}
