// The nsd-control verbs against a fake ControlApi: argument parsing, NSD's reply shapes, the wire protocol.
import t from 'tap';
import {
  formatStats, formatZoneStatus, parseRequestText, replyFailed, requestText, runCommand, type ControlApi, type Outcome,
} from '../../../src/control/index.js';
import { MISC, ServerStats } from '../../../src/stats/index.js';

function fakeApi(): { api: ControlApi; calls: string[] } {
  const calls: string[] = [];
  const ok: Outcome = { ok: true };
  const api: ControlApi = {
    status: () => ({ version: '9.9', verbosity: 1, ratelimit: 200 }),
    stop: () => void calls.push('stop'),
    reload: (z) => (calls.push(`reload ${z}`), z === 'bad.test' ? { ok: false, error: 'zone bad.test not reloaded', lines: ['bad.test: f:1: oops'] } : ok),
    reconfig: async () => ({ ok: true, lines: ['reconfig start, read nsd.conf'] }),
    logReopen: () => ok,
    verbosity: (n) => (n === null ? 4 : (calls.push(`verbosity ${n}`), n)),
    write: async () => ok,
    notify: (z) => (z === 'x.test' ? { ok: false, error: 'zone does not have notify' } : ok),
    transfer: (z, force) => (calls.push(`transfer ${z} ${force}`), z === null ? { ok: true, lines: ['ok, 2 zones'], noOk: true } : ok),
    zoneStatus: (z) => (z === 'nope' ? { ok: false, error: 'zone nope not configured' } : { ok: true, zones: [] }),
    serverPid: () => 4242,
    stats: () => ({ stats: new ServerStats(0), dbMemory: 1, configMemory: 2, zonelistSize: 3, primaryZones: 4, secondaryZones: 5, typeName: (n) => (n === 1 ? 'A' : `TYPE${n}`) }),
    addZone: (name, p) => (calls.push(`add ${name} ${p}`), p === 'nopat' ? { ok: false, error: `pattern ${p} does not exist` } : ok),
    delZone: (name) => (name === 'gone.test' ? { ok: false, error: '', lines: [`warning zone ${name} not present`] } : ok),
    changeZone: () => ok,
    keys: () => [{ name: 'k1', secret: 'c2VjcmV0', algorithm: 'hmac-sha256' }],
    updateKey: () => ok,
    addKey: (n, s, a) => (calls.push(`addkey ${n} ${s} ${a}`), ok),
    assocKey: () => ok,
    delKey: (n) => ({ ok: false, lines: [`zone z uses key ${n}`], error: `: key: ${n} is in use and cannot be deleted` }),
    health: () => ({ healthy: false, zones: [{ zone: 'a.test', role: 'secondary', healthy: false, problems: ['expired'], serial: 3, loaded: null, lastRefresh: null, primarySerial: null, expiresIn: 0 }] }),
  };
  return { api, calls };
}

const run = (api: ControlApi, line: string, input: string[] = []) => runCommand(api, { line, input });

t.test('verbs and their replies', async (t) => {
  const { api, calls } = fakeApi();
  t.equal(await run(api, ' status'), 'version: 9.9\nverbosity: 1\nratelimit: 200\n');
  t.equal(await run(api, '  reload'), 'ok\n', 'nsd-control sends two spaces after the magic');
  t.equal(await run(api, ' reload bad.test'), 'bad.test: f:1: oops\nerror zone bad.test not reloaded\n');
  t.equal(await run(api, ' reconfig'), 'reconfig start, read nsd.conf\nok\n');
  t.equal(await run(api, ' repattern'), 'reconfig start, read nsd.conf\nok\n');
  t.equal(await run(api, ' verbosity'), 'verbosity 4\n');
  t.equal(await run(api, ' verbosity 2'), 'ok\n');
  t.equal(await run(api, ' verbosity x'), 'error in verbosity number syntax: x\n');
  t.equal(await run(api, ' transfer'), 'ok, 2 zones\n');
  t.equal(await run(api, ' force_transfer a.test'), 'ok\n');
  t.equal(await run(api, ' notify x.test'), 'error zone does not have notify\n');
  t.equal(await run(api, ' zonestatus nope'), 'error zone nope not configured\n');
  t.equal(await run(api, ' serverpid'), '4242\n');
  t.equal(await run(api, ' addzone a.test p1'), 'ok\n');
  t.equal(await run(api, ' addzone a.test'), 'error could not find next argument after a.test\n');
  t.equal(await run(api, ' delzone gone.test'), 'warning zone gone.test not present\n');
  t.equal(await run(api, ' print_tsig'), 'key: name: "k1" secret: "c2VjcmV0" algorithm: hmac-sha256\n');
  t.equal(await run(api, ' print_tsig k9'), 'error: no such key with name: k9\n');
  t.equal(await run(api, ' add_tsig k2 c2VjcmV0'), 'ok\n');
  t.equal(await run(api, ' add_tsig k2'), 'error could not find next argument after k2\nerror: missing argument (secret)\n');
  t.equal(await run(api, ' del_tsig k1'), 'zone z uses key k1\nerror: key: k1 is in use and cannot be deleted\n');
  t.equal(await run(api, ' del_tsig'), 'error: missing argument (keyname)\n');
  t.equal(await run(api, ' bogus thing'), "error unknown command 'bogus thing'\n");
  t.equal(await run(api, ' health'), 'error unhealthy\nzone: a.test secondary serial 3 bad: expired\n');
  t.equal(await run(api, ' stop'), 'ok\n');
  t.ok(calls.includes('stop') && calls.includes('verbosity 2') && calls.includes('transfer a.test true'));
  t.ok(calls.includes('addkey k2 c2VjcmV0 hmac-sha256'), 'the default algorithm');
});

t.test('addzones and delzones report per line and count', async (t) => {
  const { api } = fakeApi();
  t.equal(await run(api, ' addzones', ['a1.test p1', 'a2.test nopat', '', 'lonely']),
    "added: a1.test p1\nerror pattern nopat does not exist\nerror for input line 'a2.test'\nerror could not find next argument after lonely\nerror for input line 'lonely'\nadded 1 zones\n");
  t.equal(await run(api, ' delzones', ['a1.test', 'gone.test']), "removed: a1.test\nwarning zone gone.test not present\nerror for input line 'gone.test'\ndeleted 1 zones\n");
});

t.test('the protocol: magic, version, command line, input to EOT', async (t) => {
  t.same(parseRequestText('NSDCT1  status\n', false), { state: 'done', line: ' status', input: [] });
  t.same(parseRequestText('NSDCT1  sta', false), { state: 'more' });
  t.same(parseRequestText('NSDCT2  status\n', false), { state: 'bad', reason: 'version mismatch' });
  t.same(parseRequestText('GET / HTTP/1.0\r\n', false), { state: 'bad', reason: 'bad header' });
  t.same(parseRequestText('NSDCT1  addzones\na.test p\n', false), { state: 'more' }, 'waits for the EOT line');
  t.same(parseRequestText('NSDCT1  addzones\na.test p\n\x04\n', false), { state: 'done', line: ' addzones', input: ['a.test p'] });
  t.same(parseRequestText('NSDCT1  delzones\na.test\n', true), { state: 'done', line: ' delzones', input: ['a.test'] });
  t.equal(requestText(['addzones'], ['a p']), 'NSDCT1  addzones\na p\n\x04\n');
  t.ok(replyFailed('a\nerror x\n'));
  t.notOk(replyFailed('warning zone x not present\n'));
});

t.test('stats text in NSD order, with resets', async (t) => {
  const stats = new ServerStats(0);
  stats.queries.observe(new Uint8Array(30), Uint8Array.from([0, 0, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0]), { transport: 'udp', family: 4 }, { qtype: 1, qclass: 1, edns: 1 });
  const ctx = { stats, dbMemory: 10, configMemory: 20, zonelistSize: 30, primaryZones: 2, secondaryZones: 1, typeName: (n: number) => (n === 1 ? 'A' : n === 2 ? 'NS' : `TYPE${n}`) };
  const text = formatStats(ctx, true, 2_500);
  const lines = text.trimEnd().split('\n');
  t.same(lines.slice(0, 9), ['server0.queries=1', 'num.queries=1', 'time.boot=2.500000', 'time.elapsed=2.500000', 'size.db.disk=0', 'size.db.mem=10', 'size.xfrd.mem=0', 'size.config.disk=30', 'size.config.mem=20']);
  t.same(lines.slice(9, 11), ['num.type.A=1', 'num.type.NS=0']);
  t.notOk(lines.some((l) => l.startsWith('num.type.TYPE')), 'types without a mnemonic only when counted');
  for (const want of ['num.opcode.QUERY=1', 'num.class.IN=1', 'num.rcode.NOERROR=1', 'num.rcode.YXDOMAIN=0', 'num.edns=1', 'num.udp=1', 'num.tcp6=0', 'num.dropped=0', 'zone.master=2', 'zone.slave=1']) {
    t.ok(lines.includes(want), want);
  }
  t.notOk(lines.some((l) => l.startsWith('num.rcode.NOTAUTH')), 'rcodes above YXDOMAIN only when counted');
  t.ok(formatStats(ctx, false, 3_000).includes('num.queries=0\n'), 'reset by the first call');
  // The bad-traffic counters: num.txerr is NSD's; the others end NSD's block, before the zone counts.
  stats.queries.misc[MISC.TXERR] += 2;
  stats.queries.misc[MISC.RRL_DROPPED] += 5;
  stats.queries.misc[MISC.TCP_REJECTED] += 1;
  const bad = formatStats(ctx, false, 3_000).trimEnd().split('\n');
  t.ok(bad.includes('num.txerr=2'));
  const from = bad.indexOf('num.dropped=0');
  t.same(bad.slice(from + 1), [
    'num.malformed=0', 'num.rrl_dropped=5', 'num.rrl_slipped=0', 'num.tcp_rejected=1', 'num.tcp_timeout=0', 'num.tcp_badlength=0', 'zone.master=2', 'zone.slave=1',
  ]);
});

t.test('zonestatus text', async (t) => {
  const base = { pattern: null, notify: null, state: null, served: null, commit: null, notified: null, waitSeconds: null, transfer: null, loadErrors: [] };
  t.equal(formatZoneStatus({ ...base, name: 'a.test', role: 'primary' }), 'zone:\ta.test\n\tstate: master\n\tserved-serial: none\n');
  const since = new Date(2024, 0, 2, 3, 4, 5).getTime();
  t.equal(
    formatZoneStatus({ ...base, name: 'b.test', role: 'secondary', pattern: 'sec', state: 'ok', served: { serial: 7, since }, commit: { serial: 7, since }, notify: { targets: ['192.0.2.1@53'], serial: 7 }, waitSeconds: 26 }),
    'zone:\tb.test\n\tpattern: sec\n\tnotify: "send 192.0.2.1@53 with serial 7"\n\tstate: ok\n\tserved-serial: "7 since 2024-01-02T03:04:05"\n\tcommit-serial: "7 since 2024-01-02T03:04:05"\n\twait: "26 sec between attempts"\n',
  );
});
