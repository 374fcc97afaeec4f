// The one option table of nsd.conf: every NSD 4.x option plus tsdns extensions, looked up by clause.
import { MISC_OPTIONS } from './schema-misc.js';
import { SERVER_OPTIONS } from './schema-server.js';
import { CLAUSES, type ClauseName, type OptionDef } from './schema-types.js';
import { ZONE_OPTIONS } from './schema-zone.js';

/** Every row: drives parsing, the -o/-v output of tsdns-checkconf, warnings and the docs page. */
export const OPTIONS: readonly OptionDef[] = Object.freeze([...SERVER_OPTIONS, ...MISC_OPTIONS, ...ZONE_OPTIONS]);

/** NSD's lexer matches server-<N>-cpu-affinity: for any N from 1. */
const SERVER_N_CPU = /^server-[1-9][0-9]*-cpu-affinity$/;

const byClause = new Map<ClauseName, Map<string, OptionDef>>(CLAUSES.map((c) => [c, new Map()]));
for (const def of OPTIONS) for (const c of def.clauses) byClause.get(c)?.set(def.name, def);

/** The row of option `name` (without the colon) in `clause`, or undefined. */
export function findOption(clause: ClauseName, name: string): OptionDef | undefined {
  const rows = byClause.get(clause);
  if (clause === 'server' && SERVER_N_CPU.test(name)) return rows?.get('server-N-cpu-affinity');
  return rows?.get(name);
}

/** The clauses an option name is valid in (for "belongs in zone:" messages). */
export function clausesOf(name: string): ClauseName[] {
  if (SERVER_N_CPU.test(name)) return ['server'];
  return CLAUSES.filter((c) => byClause.get(c)?.has(name));
}

/** True when `word` (with its colon) starts a clause or an option in some clause (NSD lexer keywords). */
export function isKeyword(word: string): boolean {
  if (!word.endsWith(':') || word.length < 2) return false;
  const name = word.slice(0, -1);
  return (CLAUSES as readonly string[]).includes(name) || clausesOf(name).length > 0;
}

/** The rows of one clause in table order (aliases included). */
export function optionsOf(clause: ClauseName): OptionDef[] {
  return OPTIONS.filter((d) => d.clauses.includes(clause));
}

/** Whether a clause name is a clause keyword. */
export function isClause(name: string): name is ClauseName {
  return (CLAUSES as readonly string[]).includes(name);
}
