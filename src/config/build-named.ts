// key:, tls-auth:, pattern: and zone: clauses: required names, duplicates, include-pattern resolution.
import { ZoneSettingsBuilder, zoneSettings, type ResolvedPattern } from './build-zone.js';
import { parseDnsName, type DnsName } from './dns-name.js';
import type { ConfigProblem } from './errors.js';
import type { Block, Statement } from './parser.js';
import type { PatternConfig, TlsAuthConfig, TsigKeyConfig, ZoneConfig } from './types.js';
import { expandZoneTemplate, underZonesdir } from './zonefile-template.js';

/** The last value of each option of a simple clause (key:, tls-auth:). */
function lastValues(b: Block): Map<string, Statement> {
  return new Map(b.statements.map((s) => [s.name, s]));
}

/** Collects the named clauses of a config in file order. */
export class NamedClauses {
  readonly keys: TsigKeyConfig[] = [];
  readonly tlsAuths: TlsAuthConfig[] = [];
  readonly patterns: PatternConfig[] = [];
  readonly zones: ZoneConfig[] = [];
  private readonly resolved = new Map<string, ResolvedPattern>();
  private readonly zoneNames = new Set<string>();

  constructor(private readonly problems: ConfigProblem[], private readonly zonesdir: () => string) {}

  private error(b: { file: string; line: number }, message: string): void {
    this.problems.push({ file: b.file, line: b.line, message });
  }

  /** A required option is absent; if it was given with a bad value, that was reported already. */
  private missing(b: Block, option: string, message: string): void {
    if (!b.invalid.has(option)) this.error(b, message);
  }

  key(b: Block): void {
    const v = lastValues(b);
    const name = v.get('name')?.value as string | undefined;
    const secret = v.get('secret')?.value as string | undefined;
    if (name === undefined) return this.missing(b, 'name', 'tsig key has no name');
    if (secret === undefined) return this.missing(b, 'secret', `tsig key ${name} has no secret blob`);
    const key = (parseDnsName(name) as DnsName).key;
    if (this.keys.some((k) => (parseDnsName(k.name) as DnsName).key === key)) {
      return this.error(b, `duplicate tsig key ${name}`);
    }
    const algorithm = (v.get('algorithm')?.value as string | undefined) ?? 'hmac-sha256';
    this.keys.push({ name, algorithm, secret, file: b.file, line: b.line });
  }

  tlsAuth(b: Block): void {
    const v = lastValues(b);
    const s = (n: string): string | null => (v.get(n)?.value as string | undefined) ?? null;
    const name = s('name');
    const authDomainName = s('auth-domain-name');
    if (name === null) return this.missing(b, 'name', 'tls-auth has no name');
    if (authDomainName === null) return this.missing(b, 'auth-domain-name', `tls-auth ${name} has no auth-domain-name`);
    if (this.tlsAuths.some((t) => t.name === name)) return this.error(b, `duplicate tls-auth ${name}`);
    this.tlsAuths.push({
      name, authDomainName, clientCert: s('client-cert'), clientKey: s('client-key'), clientKeyPw: s('client-key-pw'),
      file: b.file, line: b.line,
    });
  }

  /** Read the statements of a pattern or zone; include-pattern applies a pattern defined above. */
  private settings(b: Block): { builder: ZoneSettingsBuilder; name: string | undefined } {
    const builder = new ZoneSettingsBuilder();
    let name: string | undefined;
    for (const st of b.statements) {
      if (st.name === 'name') name = st.value as string;
      else if (st.name === 'include-pattern') {
        const p = this.resolved.get(st.value as string);
        if (p === undefined) this.error(st, `could not find pattern ${String(st.value)} (include-pattern needs a pattern defined above it)`);
        else builder.apply(p);
      } else builder.set(st.def, st.value);
    }
    return { builder, name };
  }

  pattern(b: Block): void {
    const { builder, name } = this.settings(b);
    if (name === undefined) return this.missing(b, 'name', 'pattern has no name');
    if (this.resolved.has(name)) return this.error(b, `duplicate pattern ${name}`);
    this.resolved.set(name, builder.resolved(name));
    this.patterns.push({
      name, includes: builder.includes, ...zoneSettings(builder.values, (x) => x), file: b.file, line: b.line,
    });
  }

  zone(b: Block): void {
    const { builder, name } = this.settings(b);
    if (name === undefined) return this.missing(b, 'name', 'zone has no name');
    const dn = parseDnsName(name) as DnsName;
    if (this.zoneNames.has(dn.key)) return this.error(b, `duplicate zone ${name}`);
    this.zoneNames.add(dn.key);
    // %z %y %x take NSD's stored (lower-cased) labels; %s %1 %2 %3 the name as written.
    const cook = (t: string): string => expandZoneTemplate(t, name, dn.lowerLabels);
    const s = zoneSettings(builder.values, cook);
    this.zones.push({
      ...s, name, key: dn.key, labels: dn.labels, role: s.requestXfr.length > 0 ? 'secondary' : 'primary',
      patterns: builder.includes, inherited: builder.inherited,
      zonefilePath: s.zonefile === null || s.zonefile === '' ? null : underZonesdir(this.zonesdir(), cook(s.zonefile)),
      file: b.file, line: b.line,
    });
  }
}
