// The fuzz runner: each target runs in a worker thread for a time budget while this thread watches for hangs.
// A throw, a hang or a crash is a finding: the input is written to fuzz/findings/ and the run exits 1.
// Usage: npm run fuzz -- [seconds per target] [target] [--mode guided|blind|plain] [--seed N] [--hang S] [--json]
//        npm run fuzz -- --list | --replay <file> <target>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FuzzMode, LoopResult } from './engine/loop.js';
import type { WorkerJob } from './engine/worker.js';
import { TARGETS } from './targets/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fuzz');
const WORKER = new URL('./engine/worker.js', import.meta.url);
const SHARED_INPUT = 1 << 20;
/** Loading a target (modules, seeds, zones) may take this long before its first input. */
const SETUP_SECONDS = 60;

interface Args {
  seconds: number;
  only: string | undefined;
  mode: FuzzMode;
  seed: number;
  hangSeconds: number;
  json: boolean;
  list: boolean;
  replay: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { seconds: 10, only: undefined, mode: 'guided', seed: Date.now() % 0xffffffff, hangSeconds: 10, json: false, list: false, replay: undefined };
  if (process.env.FUZZ_SEED) a.seed = Number(process.env.FUZZ_SEED);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--mode') a.mode = argv[++i] as FuzzMode;
    else if (v === '--seed') a.seed = Number(argv[++i]);
    else if (v === '--hang') a.hangSeconds = Number(argv[++i]);
    else if (v === '--json') a.json = true;
    else if (v === '--list') a.list = true;
    else if (v === '--replay') a.replay = argv[++i];
    else rest.push(v);
  }
  if (rest[0] !== undefined) a.seconds = Number(rest[0]);
  a.only = a.replay !== undefined ? rest[0] : rest[1];
  if (!['guided', 'blind', 'plain'].includes(a.mode)) throw new Error(`--mode must be guided, blind or plain, not ${a.mode}`);
  return a;
}

interface Outcome {
  readonly result?: LoopResult;
  readonly kind?: 'throw' | 'hang' | 'crash' | 'slow' | 'setup';
  readonly input?: Uint8Array;
  readonly error?: string;
}

/** Runs one target in a worker; a worker that stops counting inputs for hangSeconds is stopped and its input kept. */
function runWorker(name: string, a: Args): Promise<Outcome> {
  const shared = new SharedArrayBuffer(8 + SHARED_INPUT);
  const counters = new Int32Array(shared, 0, 2);
  const current = () => new Uint8Array(shared, 8, counters[1]).slice();
  const job: WorkerJob = { target: name, seconds: a.seconds, seed: a.seed, mode: a.mode, corpusDir: path.join(ROOT, 'corpus', name), shared };
  const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  return new Promise((resolve) => {
    let last = -1;
    let lastChange = Date.now();
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(o);
    };
    const watchdog = setInterval(() => {
      const started = Atomics.load(counters, 0);
      if (started !== last) {
        last = started;
        lastChange = Date.now();
      } else if (started === 0 && Date.now() - lastChange > SETUP_SECONDS * 1000) {
        finish({ kind: 'setup', error: `no input started within ${SETUP_SECONDS} s` });
      } else if (started > 0 && Date.now() - lastChange > a.hangSeconds * 1000) {
        finish({ kind: 'hang', input: current(), error: `no progress for ${a.hangSeconds} s on this input` });
      }
    }, 250);
    worker.on('message', (r: LoopResult) => {
      if (r.finding) finish({ result: r, kind: 'throw', input: r.finding.input, error: r.finding.error });
      else finish({ result: r });
    });
    // An error before the first input is the target failing to load, not a finding.
    const died = (error: string) => finish({ kind: Atomics.load(counters, 0) === 0 ? 'setup' : 'crash', input: current(), error });
    worker.on('error', (e) => died(e.stack ?? String(e)));
    worker.on('exit', (code) => died(`worker exited with code ${code}`));
  });
}

function saveFinding(name: string, o: Outcome): string {
  const input = o.input ?? new Uint8Array(0);
  const id = createHash('sha1').update(input).digest('hex').slice(0, 12);
  const file = path.join(ROOT, 'findings', `${name}-${o.kind}-${id}.bin`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, input);
  fs.writeFileSync(file.replace(/\.bin$/, '.txt'), `${o.error}\n`);
  return file;
}

function summary(name: string, r: LoopResult, a: Args): string {
  const rate = Math.round(r.runs / r.seconds);
  const slow = r.slowest ? `, slowest input ${r.slowest.ms.toFixed(0)} ms` : '';
  return `${name}: ${r.runs} runs in ${r.seconds.toFixed(1)} s (${rate}/s), ${a.mode}, corpus ${r.corpus} (+${r.added}), ${r.covered} chars covered, seed ${a.seed}${slow}, no finding`;
}

async function fuzzAll(a: Args): Promise<number> {
  let failed = 0;
  for (const t of TARGETS) {
    if (a.only && t.name !== a.only) continue;
    const o = await runWorker(t.name, a);
    if (o.kind === undefined && o.result) {
      const r = o.result;
      if (r.slowest) console.error(`${t.name}: slowest input (${r.slowest.ms.toFixed(0)} ms) saved to ${saveFinding(t.name, { kind: 'slow', input: r.slowest.input, error: `${r.slowest.ms.toFixed(0)} ms` })}`);
      const line = { target: t.name, mode: a.mode, seed: a.seed, runs: r.runs, seconds: r.seconds, corpus: r.corpus, added: r.added, covered: r.covered, slowestMs: r.slowest?.ms ?? 0 };
      console.log(a.json ? JSON.stringify(line) : summary(t.name, r, a));
      continue;
    }
    failed++;
    if (o.kind === 'setup') {
      console.error(`${t.name}: the target did not start (is dist/ being rebuilt?)\n${o.error}`);
      continue;
    }
    const file = saveFinding(t.name, o);
    console.error(`${t.name}: FINDING (${o.kind}, seed ${a.seed}), input saved to ${file}\n${o.error}`);
  }
  return failed;
}

/** Runs one saved input through a target in this thread (to reproduce a finding). */
function replay(file: string, name: string | undefined): number {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`--replay needs a target name: ${TARGETS.map((x) => x.name).join(', ')}`);
  t.run(new Uint8Array(fs.readFileSync(file)));
  console.log(`${t.name}: ${file} runs without a finding`);
  return 0;
}

const args = parseArgs(process.argv.slice(2));
if (args.list) {
  for (const t of TARGETS) console.log(`${t.name}: ${t.covers}`);
  process.exit(0);
}
if (args.only !== undefined && !TARGETS.some((t) => t.name === args.only)) {
  console.error(`no fuzz target "${args.only}"; targets: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
process.exit(args.replay !== undefined ? replay(args.replay, args.only) : await fuzzAll(args));
