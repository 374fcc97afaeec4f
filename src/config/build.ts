// From parsed clause blocks to the typed Config: global values, named clauses, cross-checks, warnings.
import {
  GLOBAL_CLAUSES, GlobalValues, globalSettings, settleDefaults, typedRemoteControl, typedServer,
} from './build-global.js';
import { NamedClauses } from './build-named.js';
import { parseDnsName, type DnsName } from './dns-name.js';
import type { ConfigProblem } from './errors.js';
import type { Block, Statement } from './parser.js';
import type { ClauseName } from './schema-types.js';
import type { AclEntry, Config } from './types.js';

/** The one-line warning of an option tsdns accepts without effect (the daemon logs these at start-up). */
function noEffectWarnings(blocks: readonly Block[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const b of blocks) {
    for (const st of b.statements) {
      if (st.def.status.kind === 'no-effect') {
        out.push({ file: st.file, line: st.line, message: `${st.name}: has no effect in tsdns: ${st.def.status.reason}` });
      }
    }
  }
  return out;
}

/** ACL lines must name keys (and tls-auth clauses) that are declared, as NSD checks after parsing. */
function checkAclReferences(blocks: readonly Block[], config: Pick<Config, 'keys' | 'tlsAuths'>): ConfigProblem[] {
  const keys = new Set(config.keys.map((k) => (parseDnsName(k.name) as DnsName).key));
  const tls = new Set(config.tlsAuths.map((t) => t.name));
  const out: ConfigProblem[] = [];
  const isAcl = (st: Statement): boolean => st.def.kind.arity === 'acl';
  for (const st of blocks.flatMap((b) => b.statements).filter(isAcl)) {
    const acl = st.value as AclEntry;
    if (acl.key.type === 'key') {
      const k = parseDnsName(acl.key.name);
      if (typeof k === 'string' || !keys.has(k.key)) {
        out.push({ file: st.file, line: st.line, message: `key ${acl.key.name} in ${st.name}: is not declared in a key: clause` });
      }
    }
    if (acl.tlsAuth !== null && !tls.has(acl.tlsAuth)) {
      out.push({ file: st.file, line: st.line, message: `tls-auth ${acl.tlsAuth} in ${st.name}: is not declared in a tls-auth: clause` });
    }
  }
  return out;
}

/** The checks nsd-checkconf adds after parsing (additional_checks). */
function checkZones(config: Pick<Config, 'zones'>): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const z of config.zones) {
    if (z.allowNotify.length > 0 && z.requestXfr.length === 0) {
      out.push({ file: z.file, line: z.line, message: `zone ${z.name} has allow-notify but no request-xfr items. Where can it get a zone transfer when a notify is received?` });
    }
    if (z.role === 'primary' && (z.zonefile === null || z.zonefile === '')) {
      out.push({ file: z.file, line: z.line, message: `zone ${z.name} is a primary zone but has no zonefile. Where can the data come from?` });
    }
  }
  return out;
}

/** Build the config from the blocks of a parsed file; problems are collected, never thrown. */
export function buildConfig(
  file: string,
  blocks: readonly Block[],
): { config: Config; warnings: ConfigProblem[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const globals = new Map<ClauseName, GlobalValues>(GLOBAL_CLAUSES.map((c) => [c, new GlobalValues(c)]));
  for (const b of blocks) for (const st of b.statements) globals.get(b.clause)?.add(st);
  const server = globals.get('server') as GlobalValues;
  settleDefaults(server);
  const typed = typedServer(server.values);
  const named = new NamedClauses(problems, () => typed.zonesdir);
  for (const b of blocks) {
    if (b.clause === 'key') named.key(b);
    else if (b.clause === 'tls-auth') named.tlsAuth(b);
    else if (b.clause === 'pattern') named.pattern(b);
    else if (b.clause === 'zone') named.zone(b);
  }
  const config: Config = {
    file,
    server: typed,
    remoteControl: typedRemoteControl((globals.get('remote-control') as GlobalValues).values, typed.zonesdir),
    keys: named.keys,
    tlsAuths: named.tlsAuths,
    patterns: named.patterns,
    zones: named.zones,
    settings: globalSettings(globals),
  };
  problems.push(...checkAclReferences(blocks, config), ...checkZones(config));
  return { config, warnings: noEffectWarnings(blocks), problems };
}

