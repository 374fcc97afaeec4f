// The query-load rounds: each server in turn under the same dnsperf load, interleaved, rotated every round.
import path from 'node:path';
import type { Launched } from './bench-servers.js';
import { runDnsperf } from './dnsperf.js';
import { cpuSeconds, machineBusySeconds } from './procfs.js';

export interface Workload {
  readonly id: string;
  readonly label: string;
  readonly mode: 'udp' | 'tcp';
  readonly dataFile: string;
}

export interface Contender {
  readonly name: string;
  readonly server: Launched;
  /** The workload ids it takes part in (the floor serves UDP only). */
  readonly workloads: ReadonlySet<string>;
}

export interface Sample {
  readonly server: string;
  readonly workload: string;
  readonly round: number;
  readonly qps: number;
  readonly completed: number;
  readonly lost: number;
  /** Server CPU (user + system, whole process tree) per answered query, in microseconds. */
  readonly cpuUs: number;
  /** Share of one core the server used during the run. */
  readonly cpuShare: number;
  readonly p50: number;
  readonly p99: number;
  readonly rcodes: string;
  /** Share of a core dnsperf used: near 100% means the load generator, not the server, set the pace. */
  readonly loadShare: number;
  /** Share of a core everything else on the machine used meanwhile (other people's jobs): noise to look out for. */
  readonly otherShare: number;
}

/** Busy share of one core that the whole machine shows over the next `ms` milliseconds. */
async function machineShare(ms: number): Promise<number> {
  const before = machineBusySeconds();
  await new Promise((r) => setTimeout(r, ms));
  return (machineBusySeconds() - before) / (ms / 1000);
}

/**
 * Waits, at most `maxWaitS`, until the machine is nearly idle between runs (our servers idle too): other
 * people's builds and tests on a shared machine take the cores the servers are pinned to. Returns the
 * busy share last seen, so a run that had to start anyway is known.
 */
export async function waitForQuiet(maxWaitS: number, log: (s: string) => void): Promise<number> {
  const QUIET = 0.25;
  const end = Date.now() + maxWaitS * 1000;
  let share = await machineShare(500);
  if (share > QUIET) log(`machine busy (${Math.round(100 * share)}% of a core outside the bench); waiting up to ${maxWaitS} s for it to calm`);
  while (share > QUIET && Date.now() < end) share = await machineShare(1000);
  return share;
}

/** One dnsperf run against one server, with the server's CPU time read before and after. */
export async function measure(c: Contender, w: Workload, round: number, seconds: number, tmp: string): Promise<Sample> {
  const before = cpuSeconds(c.server.pid);
  const machineBefore = machineBusySeconds();
  const r = await runDnsperf({ port: c.server.port, dataFile: w.dataFile, seconds, mode: w.mode, verboseFile: path.join(tmp, 'dnsperf-verbose.txt') });
  const cpu = cpuSeconds(c.server.pid) - before;
  const other = machineBusySeconds() - machineBefore - cpu - r.loadCpu;
  return {
    server: c.name,
    workload: w.id,
    round,
    qps: r.qps,
    completed: r.completed,
    lost: r.lost,
    cpuUs: r.completed > 0 ? (cpu / r.completed) * 1e6 : NaN,
    cpuShare: r.runTime > 0 ? cpu / r.runTime : NaN,
    p50: r.p50,
    p99: r.p99,
    rcodes: r.rcodes,
    loadShare: r.runTime > 0 ? r.loadCpu / r.runTime : NaN,
    otherShare: r.runTime > 0 ? Math.max(0, other) / r.runTime : NaN,
  };
}

/**
 * `rounds` rounds; in each, every workload is run against every server that takes it, the servers' order
 * rotated per round so no server always follows the same one (drift on a shared machine then spreads evenly).
 */
export async function runRounds(contenders: readonly Contender[], workloads: readonly Workload[], rounds: number, seconds: number, tmp: string, log: (s: string) => void, quietWaitS: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const w of workloads) {
      const order = contenders.filter((c) => c.workloads.has(w.id));
      const rotated = order.map((_, i) => order[(i + round - 1) % order.length]);
      for (const c of rotated) {
        await waitForQuiet(quietWaitS, log);
        const s = await measure(c, w, round, seconds, tmp);
        samples.push(s);
        log(`round ${round} ${w.id} ${c.name}: ${Math.round(s.qps)} q/s, ${s.cpuUs.toFixed(2)} us/q, p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms, lost ${s.lost}, server ${pct(s.cpuShare)} dnsperf ${pct(s.loadShare)} other ${pct(s.otherShare)} of a core`);
      }
    }
  }
  return samples;
}

function pct(x: number): string {
  return `${Math.round(100 * x)}%`;
}

export function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Summary {
  readonly server: string;
  readonly workload: string;
  readonly qps: number;
  readonly cpuUs: number;
  readonly cpuShare: number;
  readonly loadShare: number;
  readonly p50: number;
  readonly p99: number;
  /** Lost queries summed over the rounds. */
  readonly lost: number;
  readonly completed: number;
}

/** Medians over the rounds per (server, workload); lost queries are summed so none hides. */
export function summarise(samples: readonly Sample[]): Summary[] {
  const keys = [...new Set(samples.map((s) => `${s.workload}\u0000${s.server}`))];
  return keys.map((k) => {
    const [workload, server] = k.split('\u0000');
    const mine = samples.filter((s) => s.workload === workload && s.server === server);
    return {
      server,
      workload,
      qps: median(mine.map((s) => s.qps)),
      cpuUs: median(mine.map((s) => s.cpuUs)),
      cpuShare: median(mine.map((s) => s.cpuShare)),
      loadShare: median(mine.map((s) => s.loadShare)),
      p50: median(mine.map((s) => s.p50)),
      p99: median(mine.map((s) => s.p99)),
      lost: mine.reduce((a, s) => a + s.lost, 0),
      completed: mine.reduce((a, s) => a + s.completed, 0),
    };
  });
}

/**
 * The median over rounds of a/b for one figure, each ratio taken within one round: servers measured minutes
 * apart drift, servers measured back to back much less.
 */
export function roundRatio(samples: readonly Sample[], workload: string, a: string, b: string, figure: 'qps' | 'cpuUs'): number {
  const ratios: number[] = [];
  for (const sa of samples.filter((s) => s.workload === workload && s.server === a)) {
    const sb = samples.find((s) => s.workload === workload && s.server === b && s.round === sa.round);
    if (sb !== undefined) ratios.push(sa[figure] / sb[figure]);
  }
  return median(ratios);
}
