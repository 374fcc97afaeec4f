// Runs the shell blocks marked `sh test` in docs/*.md against a tsdns serving the bundled zones on a free port,
// and checks that the links between the pages lead somewhere.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, withoutTapHooks, writeBinShims } from '../docs/bin-shims.js';
import { docBlocks, missingLines, type DocBlock } from '../docs/doc-blocks.js';
import { brokenLinks } from '../docs/doc-links.js';
import { freePort } from '../support/net.js';
import { REPO, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const DOCS = path.join(REPO, 'docs');

/** Pages that must keep tested commands (so a broken marker cannot make this test pass with nothing run). */
const MUST_HAVE_TESTS = ['getting-started.md', 'migrating-from-nsd.md'];

/** Ports the pages may use: 5300 is the bundled example's; 5301-5309 are for what a block starts itself. */
const DOC_PORTS = Array.from({ length: 10 }, (_, i) => 5300 + i);

interface RunResult {
  code: number | null;
  out: string;
  timedOut: boolean;
}

/**
 * bash -e -o pipefail on the block in its own process group, killed after the block's time limit. It resolves
 * on exit, not on the pipes closing: a block may leave a server running in the background for the next one.
 */
function runBlock(body: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, groups: number[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const [file, args] = withoutTapHooks('bash', ['-e', '-o', 'pipefail', '-c', body]);
    const child = spawn(file, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    groups.push(child.pid as number);
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid as number, 'SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Let the last output in the pipes arrive.
      setTimeout(() => resolve({ code, out, timedOut }), 50);
    });
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

/** A scratch directory per page holding copies of zones/ and docs/, as the installed package has them. */
function scratchFor(page: string): string {
  const dir = tempDir(`tsdns-doc-${page.replace(/\W+/g, '-')}-`);
  fs.cpSync(path.join(REPO, 'zones'), path.join(dir, 'zones'), { recursive: true });
  fs.cpSync(DOCS, path.join(dir, 'docs'), { recursive: true });
  return dir;
}

/** The page's ports replaced by the test's free ones. */
function withPorts(body: string, ports: ReadonlyMap<number, number>): string {
  return body.replace(/\b530\d\b/g, (p) => String(ports.get(Number(p)) ?? p));
}

async function runPage(t: Test, blocks: readonly DocBlock[], page: string, env: NodeJS.ProcessEnv, ports: ReadonlyMap<number, number>): Promise<void> {
  const cwd = scratchFor(page);
  const groups: number[] = [];
  try {
    for (const b of blocks) {
      if (b.kind === 'file') {
        fs.mkdirSync(path.dirname(path.join(cwd, b.path)), { recursive: true });
        fs.writeFileSync(path.join(cwd, b.path), withPorts(b.body, ports));
        continue;
      }
      const body = withPorts(b.body, ports);
      const r = await runBlock(body, cwd, env, b.timeoutMs, groups);
      const where = `${page}:${b.line}`;
      if (r.timedOut) t.fail(`${where}: no exit within ${b.timeoutMs / 1000} s`, { body, out: r.out });
      else t.equal(r.code, 0, `${where} exits 0`, { body, out: r.out });
      if (b.output !== undefined) t.same(missingLines(b.output, r.out), [], `${where}: prints the output shown`, { out: r.out });
    }
  } finally {
    // Whatever a block left running in the background (servers of a rehearsal) stops with the page.
    for (const g of groups) killGroup(g, 'SIGTERM');
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

async function freePorts(): Promise<Map<number, number>> {
  const ports = new Map<number, number>();
  for (const p of DOC_PORTS) {
    let free = await freePort();
    while ([...ports.values()].includes(free)) free = await freePort();
    ports.set(p, free);
  }
  return ports;
}

t.test('the marked commands of docs/*.md run and exit 0', async (t) => {
  const ports = await freePorts();
  const binDir = path.join(tempDir('tsdns-doc-bin-'), 'bin');
  writeBinShims(REPO, binDir);
  // The bundled example as `npm start` runs it: zones/nsd.conf names its zonesdir relative to the working directory.
  const serveDir = tempDir('tsdns-doc-serve-');
  fs.cpSync(path.join(REPO, 'zones'), path.join(serveDir, 'zones'), { recursive: true });
  let server: RunningServer | undefined;
  const cwd = process.cwd();
  process.chdir(serveDir);
  try {
    server = await startTsdns(path.join(serveDir, 'zones/nsd.conf'), ports.get(5300) as number, 'example.com.');
  } finally {
    process.chdir(cwd);
  }
  t.teardown(async () => {
    await server?.stop();
    fs.rmSync(serveDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(binDir), { recursive: true, force: true });
  });
  const env = cleanEnv(binDir, { PORT: String(ports.get(5300)) });
  const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();
  for (const page of pages) {
    const blocks = docBlocks(fs.readFileSync(path.join(DOCS, page), 'utf8'));
    const runs = blocks.filter((b) => b.kind === 'run').length;
    if (MUST_HAVE_TESTS.includes(page)) t.ok(runs > 0, `${page} has tested commands`);
    if (runs > 0) await t.test(page, (t) => runPage(t, blocks, page, env, ports));
  }
});

t.test('the links between the pages lead to files and headings that exist', async (t) => {
  const pages = [path.join(REPO, 'README.md'), ...fs.readdirSync(DOCS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md')).map((f) => path.join(DOCS, f))];
  for (const page of pages) t.same(brokenLinks(page), [], path.relative(REPO, page));
});
