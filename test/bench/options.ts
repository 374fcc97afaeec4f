// The bench's command line: `npm run bench -- [--quick] [--rounds=N] [--seconds=N] [--only=load,big,rest,profile] ...`
import path from 'node:path';
import { REPO } from '../support/servers.js';
import { BIG_KINDS, type BigKind } from './zone-gen.js';

export type Stage = 'load' | 'handler' | 'profile' | 'big' | 'rest' | 'cores';
/** The stages a plain run does; 'cores' (server-count 2 against 1) runs only when asked with --only. */
const STAGES: readonly Stage[] = ['load', 'handler', 'profile', 'big', 'rest'];
const OPTIONAL: readonly Stage[] = ['cores'];

export interface BenchOptions {
  readonly quick: boolean;
  readonly rounds: number;
  /** Length of one dnsperf run. */
  readonly seconds: number;
  /** Owner names in the query-load zone. */
  readonly loadNames: number;
  /** Owner names in the load/transfer zone. */
  readonly bigNames: number;
  /** What each name of the big zone holds (zone-gen.ts BigKind). */
  readonly bigKind: BigKind;
  /** Lines in each dnsperf input file (dnsperf loops over it). */
  readonly mixLines: number;
  readonly profileSeconds: number;
  /** How long a server may take to load the big zone, or a secondary to pull it, before the cell says so. */
  readonly bigDeadlineS: number;
  /** Longest wait, before each run, for other load on the machine to calm (0: never wait). */
  readonly quietWaitS: number;
  readonly out: string;
  readonly keep: boolean;
  readonly stages: ReadonlySet<Stage>;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick            a short smoke run: 1 round of 3 s, small zones, report to the temp dir
  --rounds=N         interleaved rounds (default 3)
  --seconds=N        seconds per dnsperf run (default 10)
  --big-names=N      names in the load/transfer zone (default 1000000)
  --big-kind=K       its records: a (one A per name, default), ptr (one PTR per name under
                     ip6.arpa) or mixed (A, AAAA, MX, TXT, CNAME, NS and glue)
  --quiet-wait=N     wait up to N s before each run for other load to calm (default 30)
  --only=a,b         stages to run: load, handler, profile, big, rest (default all), and cores
                     (server-count 2 against 1, NSD and tsdns, on both cores: only when named)
  --out=FILE         where the report goes (default docs/performance.md; --quick: the temp dir)
  --keep             keep the temp dir (zones, configs, profiles, server logs)
`;

function intOpt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`bench: --${name} wants a positive integer, got '${v}'`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const quick = argv.includes('--quick');
  let o = {
    quick,
    rounds: quick ? 1 : 3,
    seconds: quick ? 3 : 10,
    loadNames: quick ? 2000 : 10000,
    bigNames: quick ? 50000 : 1000000,
    bigKind: 'a' as BigKind,
    mixLines: quick ? 20000 : 100000,
    profileSeconds: quick ? 3 : 10,
    bigDeadlineS: quick ? 20 : 180,
    quietWaitS: quick ? 2 : 30,
    out: quick ? '' : path.join(REPO, 'docs/performance.md'),
    keep: false,
    stages: new Set<Stage>(STAGES) as ReadonlySet<Stage>,
  };
  for (const a of argv) {
    const [k, v = ''] = a.split('=', 2);
    if (k === '--help' || k === '-h') return 'help';
    else if (k === '--quick') continue;
    else if (k === '--keep') o = { ...o, keep: true };
    else if (k === '--rounds') o = { ...o, rounds: intOpt(v, 'rounds') };
    else if (k === '--seconds') o = { ...o, seconds: intOpt(v, 'seconds'), profileSeconds: intOpt(v, 'seconds') };
    else if (k === '--big-names') o = { ...o, bigNames: intOpt(v, 'big-names') };
    else if (k === '--big-kind') o = { ...o, bigKind: bigKindOpt(v) };
    else if (k === '--quiet-wait') o = { ...o, quietWaitS: v === '0' ? 0 : intOpt(v, 'quiet-wait') };
    else if (k === '--out') o = { ...o, out: path.resolve(v) };
    else if (k === '--only') o = { ...o, stages: onlyStages(v) };
    else throw new Error(`bench: unknown option '${a}'\n${USAGE}`);
  }
  return o;
}

function bigKindOpt(v: string): BigKind {
  if (!BIG_KINDS.includes(v as BigKind)) throw new Error(`bench: --big-kind wants one of ${BIG_KINDS.join(', ')}, got '${v}'`);
  return v as BigKind;
}

function onlyStages(v: string): ReadonlySet<Stage> {
  const picked = v.split(',').map((s) => s.trim());
  const known = [...STAGES, ...OPTIONAL];
  for (const s of picked) if (!known.includes(s as Stage)) throw new Error(`bench: unknown stage '${s}' (${known.join(', ')})`);
  return new Set(picked as Stage[]);
}
