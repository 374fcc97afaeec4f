// A short bounded pass of every fuzz target (7 s each, under a minute in all), so a regression fails CI.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const runner = path.join(root, 'dist/fuzz/run.js');
// Seven targets at 7 s keep the pass inside the minute six targets at 8 s took.
const TARGETS = ['decode-message', 'query-path', 'parse-zone', 'rdata-text', 'parse-config', 'verify-tsig', 'transfer-stream'];
const SECONDS = 7;

interface Line {
  target: string;
  runs: number;
  covered: number;
  slowestMs: number;
}

t.setTimeout(120000);

t.test('every fuzz target runs without a finding', async (t) => {
  const seed = String(Number(process.env.FUZZ_SEED ?? Date.now() % 0xffffffff));
  t.comment(`fuzz seed ${seed} (repeat with FUZZ_SEED=${seed} npm run fuzz -- ${SECONDS})`);
  // The runner's own V8 coverage session must not meet tap's coverage collection.
  const env: NodeJS.ProcessEnv = { ...process.env, FUZZ_SEED: seed };
  delete env.NODE_V8_COVERAGE;
  const child = spawn(process.execPath, [runner, String(SECONDS), '--json', '--hang', '20'], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 110000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  t.equal(code, 0, `the fuzz runner exits 0 (findings are saved under fuzz/findings/)\n${stderr}`);
  const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);
  t.same(lines.map((l) => l.target), TARGETS, 'every target ran');
  for (const l of lines) {
    t.ok(l.runs > 100, `${l.target}: ${l.runs} runs`);
    t.ok(l.covered > 0, `${l.target}: ${l.covered} source characters covered`);
    // A single input taking seconds is a denial of service (a regex that backtracks, a loop that fans out).
    t.ok(l.slowestMs < 5000, `${l.target}: no input took 5 s (slowest over 1 s: ${l.slowestMs.toFixed(0)} ms; saved under fuzz/findings/)`);
  }
});
