// `npm pack` on a clean copy of the tree, the tarball installed globally into a temporary prefix, and the
// installed commands run from there: what a person gets from `npm install -g tsdns-<version>.tgz`.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { cleanEnv, withoutTapHooks } from '../docs/bin-shims.js';
import { freePort, waitForDns } from '../support/net.js';
import { REPO, tempDir } from '../support/servers.js';

interface Pkg {
  version: string;
  bin: Record<string, string>;
}

interface Run {
  status: number | null;
  out: string;
  err: string;
}

const root = tempDir('tsdns-package-');
const prefix = path.join(root, 'prefix');
const binDir = path.join(prefix, 'bin');
const env = cleanEnv(binDir);

/** Runs a command with a time bound; npm's own variables are left out so the outer `npm test` does not leak in. */
function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 30000): Run {
  const [file, argv] = withoutTapHooks(cmd, args);
  const r = spawnSync(file, argv, { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, out: r.stdout ?? '', err: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** The files a fresh clone has that `npm pack` needs (its prepare script builds dist/ from src/). */
function cleanTree(): string {
  const tree = path.join(root, 'tree');
  fs.mkdirSync(tree);
  for (const f of ['package.json', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'docs', 'zones']) {
    fs.cpSync(path.join(REPO, f), path.join(tree, f), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  return tree;
}

t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Pkg;
const tarball = path.join(root, `tsdns-${pkg.version}.tgz`);
const installed = path.join(prefix, 'lib/node_modules/tsdns');

t.test('npm pack builds a package with the commands, docs, README and LICENSE', async (t) => {
  const tree = cleanTree();
  const packed = run('npm', ['pack', '--pack-destination', root, '--loglevel=error'], tree, 90000);
  t.equal(packed.status, 0, 'npm pack exit 0', packed);
  const list = run('tar', ['tzf', tarball], root).out.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const f of ['package.json', 'README.md', 'LICENSE', 'docs/index.md', 'docs/configuration.md', 'zones/nsd.conf', 'docs/etc-tsdns/nsd.conf']) {
    t.ok(list.includes(f), `has ${f}`);
  }
  for (const [name, target] of Object.entries(pkg.bin)) t.ok(list.includes(target), `has the ${name} bin ${target}`);
  t.ok(list.includes('dist/src/service/version.js'), 'has the version reader (it reads package.json)');
  t.same(list.filter((f) => /^(src|test|fuzz|dist\/test|dist\/fuzz)\//.test(f) || f.endsWith('.map')), [], 'no sources, tests or source maps');
});

t.test('npm install -g of the tarball gives working commands', async (t) => {
  if (!fs.existsSync(tarball)) return t.fail('no tarball to install');
  // --prefer-offline: the runtime dependencies (pino, ip6addr) come from the npm cache when it has them.
  const inst = run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], root, 90000);
  t.equal(inst.status, 0, 'npm install -g exit 0', inst);
  for (const name of Object.keys(pkg.bin)) t.ok(fs.existsSync(path.join(binDir, name)), `${name} is on the PATH`);
  const bin = (name: string, args: readonly string[]): Run => run(path.join(binDir, name), args, root);
  t.same(bin('tsdns', ['-v']), { status: 0, out: `tsdns ${pkg.version}\n`, err: '' }, 'tsdns -v prints the version');
  for (const name of Object.keys(pkg.bin)) {
    const h = bin(name, ['--help']);
    t.match(h.out, new RegExp(`usage:\\s+${name}\\b`, 'i'), `${name} --help prints its usage on stdout`, h);
    t.equal(h.status, 0, `${name} --help exit 0`, h);
  }
  const zone = bin('tsdns-checkzone', ['example.com', path.join(installed, 'zones/example.com.zone')]);
  t.same(zone, { status: 0, out: 'zone example.com is ok\n', err: '' }, 'tsdns-checkzone on the bundled zone');
  const conf = bin('tsdns-checkconf', [path.join(installed, 'zones/nsd.conf')]);
  t.same(conf, { status: 0, out: '', err: '' }, 'tsdns-checkconf on the bundled config');
});

t.test('the installed tsdns serves a config and stops on SIGTERM', async (t) => {
  if (!fs.existsSync(path.join(binDir, 'tsdns'))) return t.fail('tsdns is not installed');
  const port = await freePort();
  const dir = path.join(root, 'run');
  fs.mkdirSync(dir);
  const pidfile = path.join(dir, 'tsdns.pid');
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, [
    'server:', '    ip-address: 127.0.0.1', `    port: ${port}`, `    zonesdir: "${path.join(installed, 'zones')}"`,
    `    pidfile: "${pidfile}"`, '    username: ""',
    'zone:', '    name: "example.com"', '    zonefile: "example.com.zone"', '',
  ].join('\n'));
  const proc = spawn(path.join(binDir, 'tsdns'), ['-c', conf], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Not through `env`: the signals below must reach tsdns itself.
  let log = '';
  proc.stderr.on('data', (d) => (log += d));
  proc.stdout.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const kill = setTimeout(() => proc.kill('SIGKILL'), 60000);
  t.teardown(() => {
    clearTimeout(kill);
    proc.kill('SIGKILL');
  });
  await waitForDns('127.0.0.1', port, dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'example.com', type: 'SOA' }] }));
  const dig = run('dig', ['@127.0.0.1', '-p', String(port), 'example.com', 'SOA', '+short', '+time=2', '+tries=2'], dir);
  t.match(dig.out, / 2026112901 /, 'dig gets the SOA of the bundled zone', { dig, log });
  t.ok(fs.existsSync(pidfile), 'the pid file is written');
  proc.kill('SIGTERM');
  t.equal(await exited, 0, 'exit 0 on SIGTERM', { log });
  t.notOk(fs.existsSync(pidfile), 'the pid file is removed');
});
