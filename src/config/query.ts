// nsd-checkconf -o/-z/-p/-s/-a/-t lookups: one option's value printed the way nsd-checkconf prints it.
import { ZONE_FIELDS, zoneRow } from './build-zone.js';
import type { GlobalClause } from './build-global.js';
import { parseDnsName } from './dns-name.js';
import { findOption } from './schema.js';
import type { OptionDef } from './schema-types.js';
import type { AclEntry, Config, InterfaceSpec, PatternConfig, ZoneConfig, ZoneSettings } from './types.js';

/** Lines to print, or a failure message (nsd-checkconf prints it and exits 1). */
export type QueryResult = { readonly ok: true; readonly lines: readonly string[] } | { readonly ok: false; readonly message: string };

const ok = (lines: readonly string[]): QueryResult => ({ ok: true, lines });
const fail = (message: string): QueryResult => ({ ok: false, message });

/** nsd-checkconf turns '-' into '_' and compares case-insensitively; we accept both spellings (and report the '_' one). */
function optionName(o: string): string {
  return o.toLowerCase().replace(/_/g, '-');
}

/** Path options that -f prints with the chroot in front (NSD quotepath). */
const PATHS = new Set(['logfile', 'pidfile', 'zonesdir', 'xfrdfile', 'xfrdir', 'zonelistfile', 'zonefile']);

function withChroot(config: Config, name: string, value: string, final: boolean): string {
  const chroot = config.settings.server.chroot as string | null;
  if (!final || !PATHS.has(name) || value.startsWith('/') || !chroot) return value;
  return `${chroot.replace(/\/?$/, '/')}${value}`;
}

/** One value the way nsd-checkconf -o prints it (no quotes; ACLs as "spec KEY [tls]"). */
function showForQuery(def: OptionDef, v: unknown): string {
  if (def.kind.arity === 'acl') {
    const a = v as AclEntry;
    const key = a.key.type === 'nokey' ? 'NOKEY' : a.key.type === 'blocked' ? 'BLOCKED' : a.key.name;
    return def.name === 'outgoing-interface' ? a.spec : `${a.spec} ${key}${a.tlsAuth !== null ? ` ${a.tlsAuth}` : ''}`;
  }
  if (def.kind.arity === 'interface' || def.name.endsWith('-interface')) return (v as InterfaceSpec).spec;
  return def.kind.show(v);
}

function valueLines(def: OptionDef, v: unknown): string[] {
  if (v === null || v === undefined) return [''];
  if (def.multi) return (v as unknown[]).map((x) => showForQuery(def, x));
  return [showForQuery(def, v)];
}

/** Canonical DNS order of zone names (RFC 4034 6.1), the order nsd-checkconf -o zones lists them. */
function zoneOrder(a: ZoneConfig, b: ZoneConfig): number {
  const la = a.key.split('.').filter((x) => x !== '').reverse();
  const lb = b.key.split('.').filter((x) => x !== '').reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return (la[i] as string) < (lb[i] as string) ? -1 : 1;
  }
  return la.length - lb.length;
}

/** A server, remote-control or dnstap option, or the lists "zones" and "patterns". */
function serverOption(config: Config, o: string, final: boolean): QueryResult {
  if (o === 'zones') return ok([...config.zones].sort(zoneOrder).map((z) => z.name));
  if (o === 'patterns') {
    // NSD lists the implicit pattern of every nsd.conf zone too, all in strcmp order.
    const names = [...config.patterns.map((p) => p.name), ...config.zones.map((z) => `_implicit_${z.name}`)];
    return ok(names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  for (const clause of ['server', 'remote-control', 'dnstap'] as GlobalClause[]) {
    const def = findOption(clause, o);
    if (def === undefined) continue;
    const name = def.aliasOf ?? def.name;
    const lines = valueLines(def, config.settings[clause][name]);
    return ok(lines.map((l) => withChroot(config, name, l, final)));
  }
  return fail(`Server option not handled: ${o.replace(/-/g, '_')}`);
}

/** A pattern or zone option. */
function zoneOption(s: ZoneSettings, o: string): string[] | null {
  const field = (ZONE_FIELDS as Record<string, keyof ZoneSettings>)[o === 'multi-primary-check' ? 'multi-master-check' : o];
  if (field === undefined) return null;
  return valueLines(zoneRow(o === 'multi-primary-check' ? 'multi-master-check' : o) as OptionDef, s[field]);
}

/** Look up an option like nsd-checkconf -o [-z zone | -p pattern] [-f]. */
export function queryOption(config: Config, q: { option: string; zone?: string; pattern?: string; final?: boolean }): QueryResult {
  const o = optionName(q.option);
  if (q.zone !== undefined) {
    const name = parseDnsName(q.zone);
    if (typeof name === 'string') return fail(`Could not parse zone name ${q.zone}`);
    const z = config.zones.find((x) => x.key === name.key);
    if (z === undefined) return fail(`Zone does not exist: ${q.zone}`);
    if (o === 'name') return ok([z.name]);
    // NSD keeps the options of a zone from nsd.conf in an implicit pattern of this name.
    if (o === 'pattern') return ok([`_implicit_${z.name}`]);
    const lines = zoneOption(z, o);
    if (lines === null) return fail(`Zone option not handled: ${q.zone} ${o.replace(/-/g, '_')}`);
    return ok(o === 'zonefile' ? lines.map((l) => withChroot(config, o, l, q.final ?? false)) : lines);
  }
  if (q.pattern !== undefined) {
    const p: PatternConfig | undefined = config.patterns.find((x) => x.name === q.pattern);
    if (p === undefined) return fail(`Pattern does not exist: ${q.pattern}`);
    if (o === 'name') return ok([p.name]);
    const lines = zoneOption(p, o);
    return lines === null ? fail(`Pattern option not handled: ${q.pattern} ${o.replace(/-/g, '_')}`) : ok(lines);
  }
  return serverOption(config, o, q.final ?? false);
}

/** -s (secret) and -a (algorithm) of a key; NSD prints "Could not find key" and still exits 0. */
export function queryKey(config: Config, name: string, what: 'secret' | 'algorithm'): string {
  const k = config.keys.find((x) => x.name === name);
  if (k === undefined) return `Could not find key ${name}`;
  return what === 'secret' ? k.secret : k.algorithm;
}

/** -t: the auth-domain-name of a tls-auth clause. */
export function queryTlsAuth(config: Config, name: string): string {
  const t = config.tlsAuths.find((x) => x.name === name);
  return t === undefined ? `Could not find tls-auth ${name}` : t.authDomainName;
}
