// NSD's own nsd-control talking to tsdns over the unix control socket, and the reply shapes compared with real NSD's.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { TSDNS_ONLY_STATS } from '../../src/control/index.js';
import { ctl, zoneText } from '../support/control.js';
import { freePort } from '../support/net.js';
import { startNsd, startTsdns, tempDir } from '../support/servers.js';
import { requireTool } from '../support/tools.js';

const NSD_CONTROL = ['/usr/sbin/nsd-control'];

/** A config both servers accept (no tsdns extensions), each in its own directory. */
function conf(dir: string): string {
  fs.writeFileSync(path.join(dir, 'example.test.zone'), zoneText('example.test', 5, ['www A 192.0.2.80']));
  const file = path.join(dir, 'nsd.conf');
  fs.writeFileSync(file, [
    'server:',
    '    ip-address: 127.0.0.1',
    `    zonesdir: "${dir}"`,
    `    pidfile: "${dir}/nsd.pid"`,
    `    zonelistfile: "${dir}/zone.list"`,
    `    xfrdfile: "${dir}/xfrd.state"`,
    `    xfrdir: "${dir}"`,
    `    logfile: "${dir}/server.log"`,
    '    database: ""',
    '    username: ""',
    'remote-control:',
    '    control-enable: yes',
    `    control-interface: "${dir}/ctl.sock"`,
    'key:',
    '    name: k1',
    '    algorithm: hmac-sha256',
    '    secret: "K2tf3TRjvQkVCmJF3/Z9vA=="',
    'pattern:',
    '    name: p1',
    '    zonefile: "%s.zone"',
    'zone:',
    '    name: example.test',
    '    zonefile: example.test.zone',
    '',
  ].join('\n'));
  return file;
}

/** A reply with the varying parts (numbers, times, paths) masked, to compare shapes. */
function shape(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/g, 'TIME').replace(/=\d+(\.\d+)?$/gm, '=N').replace(/^version: .*$/m, 'version: V');
}

t.test('nsd-control drives tsdns; replies have NSD\'s shapes', async (t) => {
  if (!requireTool(t, fs.existsSync(NSD_CONTROL[0]), 'nsd-control', 'nsd')) return;
  const tdir = tempDir('tsdns-nsdctl-');
  const ndir = tempDir('nsd-nsdctl-');
  const tconf = conf(tdir);
  const nconf = conf(ndir);
  const tsdns = await startTsdns(tconf, await freePort(), 'example.test');
  const nsd = await startNsd(nconf, await freePort(), 'example.test');
  t.teardown(async () => {
    await tsdns.stop();
    await nsd.stop();
    fs.rmSync(tdir, { recursive: true, force: true });
    fs.rmSync(ndir, { recursive: true, force: true });
  });
  const both = async (words: string[]) => {
    const a = await ctl(tconf, words, undefined, NSD_CONTROL);
    const b = await ctl(nconf, words, undefined, NSD_CONTROL);
    return { tsdns: a, nsd: b };
  };
  const same = async (words: string[]) => {
    const r = await both(words);
    t.equal(r.tsdns.code, r.nsd.code, `${words.join(' ')}: the same exit status`);
    t.equal(shape(r.tsdns.out), shape(r.nsd.out), `${words.join(' ')}: the same reply`);
  };
  await same(['status']);
  await same(['reload']);
  await same(['reload', 'example.test']);
  await same(['reload', 'nope.test']);
  await same(['write']);
  await same(['log_reopen']);
  await same(['verbosity', '2']);
  await same(['verbosity']);
  await same(['print_tsig']);
  await same(['print_tsig', 'nokey']);
  await same(['add_tsig', 'k2', 'K2tf3TRjvQkVCmJF3/Z9vA==']);
  await same(['add_tsig', 'k2', 'K2tf3TRjvQkVCmJF3/Z9vA==']);
  await same(['add_tsig', 'k4', 'notbase64!!']);
  await same(['update_tsig', 'zz', 'AAAA']);
  await same(['del_tsig', 'zz']);
  await same(['addzone', 'added.test', 'nopat']);
  await same(['delzone', 'example.test']);
  await same(['delzone', 'none.test']);
  await same(['transfer', 'example.test']);
  await same(['transfer']);
  await same(['zonestatus', 'nope.test']);
  await same(['bogus']);
  // zonestatus of a primary: tsdns adds the served serial to NSD's lines.
  const zs = await both(['zonestatus', 'example.test']);
  t.equal(zs.nsd.out, 'zone:\texample.test\n\tstate: master\n');
  t.match(zs.tsdns.out, /^zone:\texample\.test\n\tstate: master\n\tserved-serial: "5 since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"\n$/);
  // stats: the same names in the same order (tsdns has no per-type table differences for counted types).
  const st = await both(['stats_noreset']);
  const names = (s: string) => s.split('\n').filter((l) => l !== '').map((l) => l.split('=')[0]);
  const tn = names(st.tsdns.out);
  const nn = names(st.nsd.out);
  // tsdns's own counters (NSD has no name for them) follow NSD's last one; otherwise the names and order are NSD's.
  const own: readonly string[] = TSDNS_ONLY_STATS;
  t.same(tn.slice(tn.indexOf('num.dropped') + 1, tn.indexOf('num.dropped') + 1 + own.length), own, "tsdns's counters right after num.dropped");
  t.same(tn.filter((n) => !n.startsWith('num.type.') && !own.includes(n)), nn.filter((n) => !n.startsWith('num.type.')), 'stats names and order');
  const common = nn.filter((n) => n.startsWith('num.type.') && tn.includes(n));
  t.same(tn.filter((n) => common.includes(n)), common, 'types both know come in the same order');
  t.ok(common.length > 50, 'most type names are the same');
  // addzones from stdin through nsd-control
  fs.writeFileSync(path.join(tdir, 'a1.test.zone'), zoneText('a1.test', 1));
  const add = await ctl(tconf, ['addzones'], 'a1.test p1\na2.test nopat\n', NSD_CONTROL);
  t.equal(add.out, "added: a1.test p1\nerror pattern nopat does not exist\nerror for input line 'a2.test'\nadded 1 zones\n");
  t.equal(add.code, 0, 'nsd-control looks at the first line only');
  const ok = await ctl(tconf, ['zonestatus', 'a1.test'], undefined, NSD_CONTROL);
  t.match(ok.out, /^zone:\ta1\.test\n\tpattern: p1\n\tstate: master\n/);
  t.same(await ctl(tconf, ['stop'], undefined, NSD_CONTROL), { code: 0, out: 'ok\n', err: '' });
});

t.test('TCP control with TLS: keys from nsd-control-setup, both clients, no certificate no service', async (t) => {
  if (!requireTool(t, fs.existsSync('/usr/sbin/nsd-control-setup'), 'nsd-control-setup', 'nsd')) return;
  const dir = tempDir('tsdns-ctltls-');
  const { execFileSync } = await import('node:child_process');
  execFileSync('/usr/sbin/nsd-control-setup', ['-d', dir], { stdio: 'ignore' });
  const cport = await freePort();
  const file = conf(dir);
  const text = fs.readFileSync(file, 'utf8').replace(`    control-interface: "${dir}/ctl.sock"\n`, [
    '    control-interface: 127.0.0.1', `    control-port: ${cport}`,
    `    server-key-file: "${dir}/nsd_server.key"`, `    server-cert-file: "${dir}/nsd_server.pem"`,
    `    control-key-file: "${dir}/nsd_control.key"`, `    control-cert-file: "${dir}/nsd_control.pem"`, '',
  ].join('\n'));
  fs.writeFileSync(file, text);
  const server = await startTsdns(file, await freePort(), 'example.test');
  t.teardown(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  t.match((await ctl(file, ['status'])).out, /^version: /, 'tsdns-control over TLS');
  t.match((await ctl(file, ['zonestatus'], undefined, NSD_CONTROL)).out, /^zone:\texample\.test\n/, 'nsd-control over TLS');
  const tls = await import('node:tls');
  const refused = await new Promise<string>((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port: cport, rejectUnauthorized: false }, () => s.write('NSDCT1  status\n'));
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('error', () => resolve(`refused:${got}`));
    s.on('close', () => resolve(`closed:${got}`));
  });
  t.notMatch(refused, /version/, 'a client without the control certificate gets nothing');
});
