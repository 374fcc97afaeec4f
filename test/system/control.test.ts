// tsdns-control against the real daemon on loopback: every verb, zonelist persistence, health flips, metrics, reconfig.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { ctl, dig, httpGet, writeAtomic, zoneText } from '../support/control.js';
import { freePort } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';

interface Env {
  dir: string;
  conf: string;
  port: number;
  hport: number;
  text: (extra?: string) => string;
}

async function setup(): Promise<Env> {
  const dir = tempDir('tsdns-control-');
  const port = await freePort();
  const hport = await freePort();
  fs.writeFileSync(path.join(dir, 'example.test.zone'), zoneText('example.test', 1, ['www A 192.0.2.80']));
  fs.writeFileSync(path.join(dir, 'other.test.zone'), zoneText('other.test', 7));
  const text = (extra = ''): string => [
    'server:',
    '    ip-address: 127.0.0.1',
    `    zonesdir: "${dir}"`,
    `    pidfile: "${dir}/tsdns.pid"`,
    `    zonelistfile: "${dir}/zone.list"`,
    `    xfrdfile: "${dir}/xfrd.state"`,
    '    username: ""',
    `    health-interface: 127.0.0.1@${hport}`,
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
    'zone:',
    '    name: other.test',
    '    zonefile: other.test.zone',
    extra,
    '',
  ].join('\n');
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, text());
  return { dir, conf, port, hport, text };
}

const answer = async (port: number, name: string, type = 'A'): Promise<string> => (await dig(port, ['+short', name, type])).trim();

t.test('every verb against a running daemon', async (t) => {
  const env = await setup();
  let server: RunningServer = await startTsdns(env.conf, env.port, 'example.test');
  t.teardown(async () => {
    await server.stop();
    fs.rmSync(env.dir, { recursive: true, force: true });
  });
  const run = (...w: string[]) => ctl(env.conf, w);

  t.test('status, serverpid, verbosity, log_reopen, write, notify, transfer', async (t) => {
    const s = await run('status');
    t.equal(s.code, 0);
    t.match(s.out, /^version: \S+\nverbosity: 0\nratelimit: 200\n$/);
    t.equal((await run('serverpid')).out, `${server.proc.pid}\n`);
    t.same(await run('verbosity', '3'), { code: 0, out: 'ok\n', err: '' });
    t.equal((await run('verbosity')).out, 'verbosity 3\n');
    t.same(await run('log_reopen'), { code: 0, out: 'ok\n', err: '' });
    t.equal((await run('write')).out, 'ok\n');
    t.equal((await run('write', 'example.test')).out, 'ok\n');
    t.same(await run('notify'), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('notify', 'example.test'), { code: 1, out: 'error zone does not have notify\n', err: '' });
    t.same(await run('transfer'), { code: 0, out: 'ok, 0 zones\n', err: '' });
    t.same(await run('transfer', 'example.test'), { code: 1, out: 'error zone not slave\n', err: '' });
    t.same(await run('force_transfer', 'nope.test'), { code: 1, out: 'error zone nope.test not configured\n', err: '' });
    t.same(await run('bogus'), { code: 1, out: "error unknown command 'bogus'\n", err: '' });
  });

  t.test('zonestatus and reload: a broken file keeps the old contents, the error goes to the caller', async (t) => {
    const zs = await run('zonestatus');
    t.match(zs.out, /^zone:\texample\.test\n\tstate: master\n\tserved-serial: "1 since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"\nzone:\tother\.test\n/);
    t.same(await run('zonestatus', 'nope.test'), { code: 1, out: 'error zone nope.test not configured\n', err: '' });
    const file = path.join(env.dir, 'example.test.zone');
    writeAtomic(file, zoneText('example.test', 2, ['www A 192.0.2.81']));
    t.same(await run('reload', 'example.test'), { code: 0, out: 'ok\n', err: '' });
    t.equal(await answer(env.port, 'www.example.test'), '192.0.2.81');
    writeAtomic(file, zoneText('example.test', 3, ['www A 192.0.2.999']));
    const bad = await run('reload');
    t.equal(bad.code, 1);
    t.match(bad.out, /example\.test: .*example\.test\.zone:6:\d+: .*\nerror 1 zone\(s\) not reloaded \(example\.test\), their previous contents stay served\n$/);
    t.equal(await answer(env.port, 'www.example.test'), '192.0.2.81', 'the old contents stay served');
    const h = await httpGet(env.hport, '/health');
    t.equal(h.status, 503, 'health says 503 while the zone file is broken');
    t.match(JSON.parse(h.body).zones[0], { zone: 'example.test', healthy: false, serial: 2 });
    t.equal((await httpGet(env.hport, '/health/zone/other.test')).status, 200);
    t.equal((await httpGet(env.hport, '/health/zone/nope.test')).status, 404);
    const ch = await run('health');
    t.equal(ch.code, 1);
    t.match(ch.out, /^error unhealthy\nzone: example\.test primary serial 2 bad: last load failed: /);
    t.match((await run('zonestatus', 'example.test')).out, /\terror: ".*example\.test\.zone:6/);
    writeAtomic(file, zoneText('example.test', 4, ['www A 192.0.2.84']));
    t.same(await run('reload'), { code: 0, out: 'ok\n', err: '' });
    t.equal((await httpGet(env.hport, '/health')).status, 200, 'back to 200 once the zone loads');
    t.equal((await run('health')).code, 0);
    t.equal(await answer(env.port, 'www.example.test'), '192.0.2.84');
  });

  t.test('stats and /metrics move with the traffic', async (t) => {
    await run('stats');
    const metric = async (name: string): Promise<number> => {
      const body = (await httpGet(env.hport, '/metrics')).body;
      const line = body.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? 0 : Number(line.split(' ').pop());
    };
    const udpBefore = await metric('tsdns_queries_total{transport="udp",family="ipv4"}');
    const tcpBefore = await metric('tsdns_queries_total{transport="tcp",family="ipv4"}');
    for (let i = 0; i < 3; i++) await answer(env.port, 'www.example.test');
    await dig(env.port, ['+tcp', '+short', 'nx.example.test', 'TXT']);
    const s = (await run('stats_noreset')).out;
    t.match(s, /^server0\.queries=4\nnum\.queries=4\ntime\.boot=\d+\.\d{6}\ntime\.elapsed=\d+\.\d{6}\n/);
    t.match(s, /\nnum\.type\.A=3\n/);
    t.match(s, /\nnum\.type\.TXT=1\n/);
    t.match(s, /\nnum\.rcode\.NOERROR=3\n/);
    t.match(s, /\nnum\.rcode\.NXDOMAIN=1\n/);
    t.match(s, /\nnum\.udp=3\nnum\.udp6=0\nnum\.tcp=1\n/);
    t.match(s, /\nzone\.master=2\nzone\.slave=0\n$/);
    t.match((await run('stats')).out, /^server0\.queries=4\n/);
    t.match((await run('stats')).out, /^server0\.queries=0\n/, 'stats resets what it reports');
    t.equal(await metric('tsdns_queries_total{transport="udp",family="ipv4"}'), udpBefore + 3);
    t.equal(await metric('tsdns_queries_total{transport="tcp",family="ipv4"}'), tcpBefore + 1, 'Prometheus counters never reset');
    t.ok((await metric('tsdns_responses_total{transport="tcp",family="ipv4",rcode="NXDOMAIN"}')) >= 1);
    t.equal(await metric('tsdns_zone_serial{zone="example.test",role="primary"}'), 4);
  });

  t.test('TSIG verbs', async (t) => {
    t.equal((await run('print_tsig')).out, 'key: name: "k1" secret: "K2tf3TRjvQkVCmJF3/Z9vA==" algorithm: hmac-sha256\n');
    t.same(await run('print_tsig', 'k9'), { code: 1, out: 'error: no such key with name: k9\n', err: '' });
    t.same(await run('add_tsig', 'k2', 'AAAAAAAAAAAAAAAAAAAAAA==', 'hmac-sha1'), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('add_tsig', 'k2', 'AAAAAAAAAAAAAAAAAAAAAA=='), { code: 1, out: 'error: key k2 already exists\n', err: '' });
    t.same(await run('add_tsig', 'k3', 'not-base64!'), { code: 1, out: 'error: the secret: not-base64! is not in b64 format\n', err: '' });
    t.same(await run('add_tsig', 'k3', 'AAAA', 'hmac-foo'), { code: 1, out: 'error: unknown algorithm: hmac-foo\n', err: '' });
    t.same(await run('update_tsig', 'k2', 'BBBBBBBBBBBBBBBBBBBBBB=='), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('update_tsig', 'zz', 'AAAA'), { code: 1, out: 'error: no such key with name: zz\n', err: '' });
    t.match((await run('print_tsig', 'k2')).out, 'key: name: "k2" secret: "BBBBBBBBBBBBBBBBBBBBBB==" algorithm: hmac-sha1\n');
    t.same(await run('assoc_tsig', 'example.test', 'k2'), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('assoc_tsig', 'example.test', 'nokey'), { code: 1, out: 'error: key: nokey does not exist\n', err: '' });
    t.same(await run('del_tsig', 'k2'), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('del_tsig', 'zz'), { code: 0, out: 'key zz does not exist, nothing to be deleted\n', err: '' });
  });

  t.test('addzone, delzone, changezone, addzones, delzones; the zone list survives a restart', async (t) => {
    fs.writeFileSync(path.join(env.dir, 'added.test.zone'), zoneText('added.test', 11, ['www A 192.0.2.11']));
    t.same(await run('addzone', 'added.test', 'p1'), { code: 0, out: 'ok\n', err: '' });
    t.equal(await answer(env.port, 'www.added.test'), '192.0.2.11');
    t.same(await run('addzone', 'added.test', 'p1'), { code: 0, out: 'zone added.test already exists\nok\n', err: '' });
    t.same(await run('addzone', 'x.test', 'nopat'), { code: 1, out: 'error pattern nopat does not exist\n', err: '' });
    t.same(await run('delzone', 'example.test'), { code: 1, out: 'error zone defined in nsd.conf, cannot delete it in this manner: remove it from nsd.conf yourself and repattern\n', err: '' });
    t.match((await run('zonestatus', 'added.test')).out, /^zone:\tadded\.test\n\tpattern: p1\n\tstate: master\n\tserved-serial: "11 since /);
    const bulk = await ctl(env.conf, ['addzones'], 'b1.test p1\nb2.test nopat\n');
    t.equal(bulk.code, 1, 'a failed line fails the command');
    t.match(bulk.out, /^warning zone b1\.test not loaded: .*\nadded: b1\.test p1\nerror pattern nopat does not exist\nerror for input line 'b2\.test'\nadded 1 zones\n$/);
    t.match(fs.readFileSync(path.join(env.dir, 'zone.list'), 'utf8'), /^# NSD zone list\n# name pattern\nadd added\.test p1\nadd b1\.test p1\n$/);
    t.same(await ctl(env.conf, ['delzones'], 'b1.test\n'), { code: 0, out: 'removed: b1.test\ndeleted 1 zones\n', err: '' });
    fs.writeFileSync(path.join(env.dir, 'c.test.zone'), zoneText('c.test', 1));
    t.same(await run('changezone', 'c.test', 'p1'), { code: 0, out: 'zone c.test did not exist, creating\nok\n', err: '' });
    t.same(await run('delzone', 'c.test'), { code: 0, out: 'ok\n', err: '' });
    t.same(await run('delzone', 'c.test'), { code: 0, out: 'warning zone c.test not present\n', err: '' });
    t.same(await run('stop'), { code: 0, out: 'ok\n', err: '' });
    await new Promise((r) => server.proc.once('exit', r));
    t.equal(server.proc.exitCode, 0, 'stop exits 0');
    t.same(await run('status'), { code: 3, out: 'tsdns is stopped\n', err: '' });
    server = await startTsdns(env.conf, env.port, 'example.test');
    t.equal(await answer(env.port, 'www.added.test'), '192.0.2.11', 'a zone added with addzone is served after a restart');
  });

  t.test('reconfig: zones added and removed, addresses changed; a bad config changes nothing', async (t) => {
    const port2 = await freePort();
    fs.writeFileSync(path.join(env.dir, 'new.test.zone'), zoneText('new.test', 21, ['www A 192.0.2.21']));
    fs.writeFileSync(env.conf, env.text(`zone:\n    name: new.test\n    zonefile: new.test.zone\n`).replace('    ip-address: 127.0.0.1\n', `    ip-address: 127.0.0.1\n    ip-address: 127.0.0.1@${port2}\n`).replace(/zone:\n    name: other\.test\n    zonefile: other\.test\.zone\n/, ''));
    const r = await run('reconfig');
    t.same(r, { code: 0, out: `reconfig start, read ${env.conf}\nok\n`, err: '' });
    t.equal(await answer(env.port, 'www.new.test'), '192.0.2.21', 'an added zone is served');
    t.match(await dig(env.port, ['other.test', 'SOA']), /status: REFUSED/, 'a removed zone is not');
    t.equal(await answer(port2, 'www.new.test'), '192.0.2.21', 'a new listening address answers');
    // tsdns-control reads the config too (to find the socket), as nsd-control does: it gets a good copy.
    const good = path.join(env.dir, 'client.conf');
    fs.copyFileSync(env.conf, good);
    fs.writeFileSync(env.conf, env.text('zone:\n    name: broken\n    bogus-option: yes\n'));
    const bad = await ctl(good, ['reconfig']);
    t.equal(bad.code, 1);
    t.match(bad.out, /^reconfig start, read .*\n.*nsd\.conf:\d+: error: .*\n(.*\n)*error reconfig refused: \d+ error\(s\) in the config, nothing was changed\n$/);
    t.equal(await answer(env.port, 'www.new.test'), '192.0.2.21', 'nothing changed');
    t.equal(await answer(port2, 'www.new.test'), '192.0.2.21');
    fs.writeFileSync(env.conf, env.text());
    t.equal((await run('reconfig')).code, 0);
    t.notMatch(await dig(port2, ['+short', 'www.example.test']), /192\.0\.2\./, 'the removed address no longer answers');
    t.equal(await answer(env.port, 'other.test', 'SOA').then((s) => s.split(' ')[2]), '7', 'the zone is back');
    t.equal(await answer(env.port, 'www.added.test'), '192.0.2.11', 'zonelist zones stay across reconfig');
  });
});
