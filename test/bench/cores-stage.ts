// The optional "all cores" stage: NSD and tsdns with server-count 2 against server-count 1 on the realistic UDP mix.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/net.js';
import { type Launched, launchReady, nsdArgv, tsdnsArgv, writeConf } from './bench-servers.js';
import { type Contender, runRounds, type Sample, summarise } from './load-bench.js';
import type { LoadSetup } from './load-stage.js';
import type { BenchOptions } from './options.js';
import { fmt } from './report-tables.js';
import { LOAD_ZONE } from './zone-gen.js';

/**
 * Every server here may use both cores (`taskset -c 0,1`): with two server processes there is no core
 * left for dnsperf alone, which stays on core 1 and competes with the second server process. The
 * table says so; the figures show how the servers scale, not the ceiling of an idle machine.
 */
const BOTH_CORES = '0,1';

export interface CoresResult {
  readonly samples: readonly Sample[];
}

export async function runCoresStage(tmp: string, o: BenchOptions, setup: LoadSetup, log: (s: string) => void): Promise<CoresResult> {
  const mix = setup.workloads.find((w) => w.id === 'udp-mix');
  if (mix === undefined) throw new Error('cores: no udp-mix workload');
  const started: Launched[] = [];
  try {
    for (const [name, count, argv] of [
      ['NSD x1', 1, nsdArgv], ['NSD x2', 2, nsdArgv], ['tsdns x1', 1, tsdnsArgv], ['tsdns x2', 2, tsdnsArgv],
    ] as const) {
      const dir = fs.mkdtempSync(path.join(tmp, `cores-${name.replace(' ', '')}-`));
      const port = await freePort();
      const conf = writeConf(dir, port, [{ name: LOAD_ZONE, file: setup.zoneFile }], count);
      started.push(await launchReady(name, port, argv(conf, port), LOAD_ZONE, 60000, BOTH_CORES));
    }
    log(`cores: ${started.map((s) => `${s.name} pid ${s.pid}`).join(', ')}`);
    const contenders: Contender[] = started.map((s) => ({ name: s.name, server: s, workloads: new Set([mix.id]) }));
    return { samples: await runRounds(contenders, [mix], o.rounds, o.seconds, tmp, log, o.quietWaitS) };
  } finally {
    for (const s of started) await s.stop();
  }
}

/** The medians, and each server's x2/x1 ratio of queries per second. */
export function coresTable(r: CoresResult): string {
  const sums = summarise(r.samples);
  const qps = (server: string): number => sums.find((s) => s.server === server)?.qps ?? NaN;
  const rows = [
    '| server | queries/s | server CPU per answered query | server CPU use (of one core) | dnsperf CPU use | p50 | p99 | lost | x2 / x1 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of sums) {
    const base = s.server.replace(/x2$/, 'x1');
    const scale = s.server.endsWith('x2') ? fmt.ratio(s.qps / qps(base)) : '';
    rows.push(`| ${s.server} | ${fmt.int(s.qps)} | ${fmt.f2(s.cpuUs)} us | ${fmt.int(100 * s.cpuShare)}% | ${fmt.int(100 * s.loadShare)}% | ${fmt.f3(s.p50)} ms | ${fmt.f3(s.p99)} ms | ${fmt.int(s.lost)} of ${fmt.int(s.completed + s.lost)} | ${scale} |`);
  }
  return rows.join('\n');
}
