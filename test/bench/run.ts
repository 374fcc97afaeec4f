// `npm run bench`: tsdns against NSD and the node:dgram floor (issue 7 section 1), written to docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kdigCommand, loadAndTransfer, secondaryPull } from './big-zone.js';
import { killLive } from './bench-servers.js';
import { ensureTools } from './dnsperf.js';
import { runCoresStage } from './cores-stage.js';
import { runHandlerStage } from './handler-stage.js';
import { waitForQuiet } from './load-bench.js';
import { runLoadStage, prepareLoad, type LoadSetup } from './load-stage.js';
import { describeMachine } from './machine.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { runProfileStage } from './profile-stage.js';
import { type BenchResults, writeReport } from './report.js';
import { runRestStage } from './rest-memory.js';
import { bigZoneName, writeBigZone } from './zone-gen.js';

function log(s: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
}

/** Runs one stage; a failure is logged and recorded in the report, and the other stages still run. */
async function stage(results: BenchResults, name: string, fn: () => Promise<void>): Promise<void> {
  log(`stage ${name}`);
  try {
    await fn();
  } catch (e) {
    killLive();
    const msg = `${name}: ${(e as Error).message}`;
    results.errors.push(msg);
    log(`stage ${name} FAILED: ${(e as Error).stack ?? msg}`);
  }
}

async function queryStages(o: BenchOptions, tmp: string, results: BenchResults, setup: LoadSetup): Promise<void> {
  if (o.stages.has('load')) {
    await stage(results, 'query load', async () => {
      results.load = { setup, result: await runLoadStage(tmp, o, setup, log) };
    });
  }
  if (o.stages.has('cores')) {
    await stage(results, 'all cores', async () => {
      results.cores = await runCoresStage(tmp, o, setup, log);
    });
  }
  if (o.stages.has('handler')) {
    await stage(results, 'handler', async () => {
      await waitForQuiet(o.quietWaitS, log);
      results.handler = await runHandlerStage(tmp, setup, o.quick ? 1 : 3);
      for (const f of results.handler.figures) log(`handler ${f.scenario}: ${f.usPerQuery.toFixed(2)} us/query, ${f.cached} cached`);
    });
  }
  if (o.stages.has('profile')) {
    await stage(results, 'profile', async () => {
      const floor = path.join(tmp, 'floor-answers.bin');
      results.profiles = await runProfileStage(tmp, setup, fs.existsSync(floor) ? floor : null, o.profileSeconds, () => waitForQuiet(o.quietWaitS, log));
    });
  }
}

async function bigStage(o: BenchOptions, tmp: string, results: BenchResults): Promise<void> {
  await stage(results, 'big zone', async () => {
    const zone = bigZoneName(o.bigKind);
    const file = path.join(tmp, `${zone}.zone`);
    log(`writing the ${o.bigNames}-name zone (${o.bigKind})`);
    writeBigZone(file, o.bigNames, o.bigKind);
    const figures = [];
    for (const server of ['NSD', 'tsdns'] as const) {
      await waitForQuiet(o.quietWaitS, log);
      const f = await loadAndTransfer(server, file, tmp, o.bigDeadlineS, zone);
      log(`${server}: first answer after ${f.loadSeconds.toFixed(2)} s, RSS ${(f.rssKb / 1024).toFixed(1)} MB, AXFR ${f.axfr.ok ? `${f.axfr.seconds.toFixed(2)} s` : f.axfr.reason}${f.error ? `; ${f.error}` : ''}`);
      figures.push(f);
    }
    const secondary = await secondaryPull(file, tmp, o.quick ? 15 : 60, zone);
    log(`tsdns secondary: ${Number.isFinite(secondary.seconds) ? `${secondary.seconds.toFixed(2)} s` : secondary.note}`);
    results.big = { names: o.bigNames, kind: o.bigKind, figures, secondary, kdig: kdigCommand(0, zone).replace('-p 0', '-p <port>') };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const o = parseOptions(argv);
  if (o === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  ensureTools();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-bench-'));
  const startedAt = new Date();
  const results: BenchResults = { options: o, machine: describeMachine(), startedAt, seconds: 0, errors: [] };
  log(`temp dir ${tmp}; ${o.quick ? 'quick' : 'full'} run: ${o.rounds} round(s) of ${o.seconds} s, stages ${[...o.stages].join(', ')}`);
  try {
    if (['load', 'handler', 'profile', 'cores'].some((x) => o.stages.has(x as never))) await queryStages(o, tmp, results, prepareLoad(tmp, o));
    if (o.stages.has('big')) await bigStage(o, tmp, results);
    if (o.stages.has('rest')) {
      await stage(results, 'memory at rest', async () => {
        results.rest = await runRestStage(tmp, 3000);
      });
    }
  } finally {
    killLive();
    if (!o.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
  const out = o.out !== '' ? o.out : path.join(os.tmpdir(), 'tsdns-bench-quick.md');
  writeReport(out, { ...results, seconds: (Date.now() - startedAt.getTime()) / 1000 });
  log(`report written to ${out}${results.errors.length > 0 ? ` (${results.errors.length} stage(s) failed)` : ''}`);
  return results.errors.length > 0 ? 1 : 0;
}

// Servers are the bench's own children: stop them on Ctrl-C or a kill too, not only on the normal path.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killLive();
    process.exit(130);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    killLive();
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
