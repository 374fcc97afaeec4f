// The markdown tables of docs/performance.md, one function per table.
import type { LoadFigures, SecondaryFigures } from './big-zone.js';
import { roundRatio, type Sample, summarise, type Workload } from './load-bench.js';
import type { Memory } from './procfs.js';
import type { RestFigures } from './rest-memory.js';

export const fmt = {
  int: (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a'),
  f1: (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : 'n/a'),
  f2: (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a'),
  f3: (n: number): string => (Number.isFinite(n) ? n.toFixed(3) : 'n/a'),
  ratio: (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a'),
  mb: (kb: number): string => (Number.isFinite(kb) && kb > 0 ? `${(kb / 1024).toFixed(1)} MB` : 'n/a'),
};

/** Per workload and server: medians over the rounds, lost summed, memory after the rounds. */
export function loadTable(samples: readonly Sample[], workloads: readonly Workload[], mem: ReadonlyMap<string, Memory & { pssKb: number }>): string {
  const rows = [
    '| load | server | queries/s | server CPU per answered query | server CPU use | dnsperf CPU use | latency p50 | latency p99 | lost | VmRSS (VmHWM) after |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const sums = summarise(samples);
  for (const w of workloads) {
    for (const s of sums.filter((x) => x.workload === w.id)) {
      const m = mem.get(s.server);
      const memCell = m === undefined ? 'n/a' : `${fmt.mb(m.rssKb)} (${fmt.mb(m.hwmKb)})`;
      rows.push(`| ${w.label} | ${s.server} | ${fmt.int(s.qps)} | ${fmt.f2(s.cpuUs)} us | ${fmt.int(100 * s.cpuShare)}% | ${fmt.int(100 * s.loadShare)}% | ${fmt.f3(s.p50)} ms | ${fmt.f3(s.p99)} ms | ${fmt.int(s.lost)} of ${fmt.int(s.completed + s.lost)} | ${memCell} |`);
    }
  }
  return rows.join('\n');
}

/** tsdns against NSD and against the floor, each ratio taken within a round, then the median over rounds. */
export function ratioTable(samples: readonly Sample[], workloads: readonly Workload[]): string {
  const rows = [
    '| load | q/s tsdns/NSD | CPU per query tsdns/NSD | q/s tsdns/floor | CPU per query tsdns/floor | q/s floor/NSD | CPU per query floor/NSD | q/s floor-sync/floor | CPU per query floor-sync/floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const w of workloads) {
    const r = (a: string, b: string, f: 'qps' | 'cpuUs'): string => fmt.ratio(roundRatio(samples, w.id, a, b, f));
    rows.push(`| ${w.label} | ${r('tsdns', 'NSD', 'qps')} | ${r('tsdns', 'NSD', 'cpuUs')} | ${r('tsdns', 'floor', 'qps')} | ${r('tsdns', 'floor', 'cpuUs')} | ${r('floor', 'NSD', 'qps')} | ${r('floor', 'NSD', 'cpuUs')} | ${r('floor-sync', 'floor', 'qps')} | ${r('floor-sync', 'floor', 'cpuUs')} |`);
  }
  return rows.join('\n');
}

/** Every sample, so a reader can see the spread behind the medians. */
export function samplesTable(samples: readonly Sample[]): string {
  const rows = [
    '| round | load | server | queries/s | CPU/query | server CPU use | dnsperf CPU use | other load | p50 | p99 | lost | response codes |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of samples) {
    const shares = `${fmt.int(100 * s.cpuShare)}% | ${fmt.int(100 * s.loadShare)}% | ${fmt.int(100 * s.otherShare)}%`;
    rows.push(`| ${s.round} | ${s.workload} | ${s.server} | ${fmt.int(s.qps)} | ${fmt.f2(s.cpuUs)} us | ${shares} | ${fmt.f3(s.p50)} ms | ${fmt.f3(s.p99)} ms | ${fmt.int(s.lost)} | ${s.rcodes.replace(/\|/g, '/')} |`);
  }
  return rows.join('\n');
}

function axfrCell(f: LoadFigures): string {
  if (f.axfr.ok) return `${fmt.f2(f.axfr.seconds)} s (kdig: ${fmt.int(f.axfr.kdigMs)} ms, ${fmt.int(f.axfr.records)} records in ${fmt.int(f.axfr.messages)} messages)`;
  // AXFR out of tsdns is still being built: a refusal is reported as such, never as a figure.
  return /REFUSED|NOTIMP/.test(f.axfr.reason) ? `not yet (${f.axfr.reason})` : `failed: ${f.axfr.reason}`;
}

export function bigTable(figures: readonly LoadFigures[], secondary: SecondaryFigures | null): string {
  const rows = [
    '| server | start to first answer | VmRSS after load (sum over processes) | PSS after load | peak VmHWM | kdig AXFR of the zone |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const f of figures) {
    const load = Number.isFinite(f.loadSeconds) ? `${fmt.f2(f.loadSeconds)} s` : `no answer${f.error ? `: ${f.error.split('\n')[0]}` : ''}`;
    rows.push(`| ${f.server} | ${load} | ${fmt.mb(f.rssKb)} | ${fmt.mb(f.pssKb)} | ${fmt.mb(f.hwmKb)} | ${axfrCell(f)} |`);
  }
  const t = figures.find((f) => f.server === 'tsdns');
  const n = figures.find((f) => f.server === 'NSD');
  if (t !== undefined && n !== undefined) {
    const axfr = t.axfr.ok && n.axfr.ok ? fmt.ratio(t.axfr.seconds / n.axfr.seconds) : 'not yet';
    rows.push(`| **tsdns/NSD** | ${fmt.ratio(t.loadSeconds / n.loadSeconds)} | ${fmt.ratio(t.rssKb / n.rssKb)} | ${fmt.ratio(t.pssKb / n.pssKb)} | ${fmt.ratio(t.hwmKb / n.hwmKb)} | ${axfr} |`);
  }
  if (secondary !== null) {
    const cell = Number.isFinite(secondary.seconds) ? `${fmt.f2(secondary.seconds)} s from start to first answer, peak VmHWM ${fmt.mb(secondary.hwmKb)}` : `not yet (${secondary.note})`;
    rows.push('', `A tsdns secondary pulling the zone from NSD: ${cell}.`);
  }
  return rows.join('\n');
}

export function restTable(figures: readonly RestFigures[]): string {
  const rows = ['| server | VmRSS | PSS | VmHWM (peak) |', '|---|---:|---:|---:|'];
  for (const f of figures) rows.push(`| ${f.server} | ${fmt.mb(f.rssKb)} | ${fmt.mb(f.pssKb)} | ${fmt.mb(f.hwmKb)} |`);
  return rows.join('\n');
}
