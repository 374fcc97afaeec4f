// server-count: 2 on loopback: workers answer UDP like one process, reloads reach every worker, a dead worker comes back, NOTIFY reaches the primary.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { ctl, dig, writeAtomic, zoneText } from '../support/control.js';
import { freePort, udpExchange } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const QUESTIONS = [
  ['www.example.test', 'A'], ['example.test', 'SOA'], ['example.test', 'NS'], ['nope.example.test', 'A'],
  ['www.example.test', 'MX'], ['alias.example.test', 'A'], ['x.wild.example.test', 'TXT'], ['other.test', 'A'],
];

const serverConf = (dir: string, name: string, count: number, extra: string[]): string => [
  'server:', '    ip-address: 127.0.0.1', `    server-count: ${count}`, `    zonesdir: "${dir}"`, `    pidfile: "${dir}/${name}.pid"`,
  `    zonelistfile: "${dir}/${name}.list"`, `    xfrdfile: "${dir}/${name}.state"`, `    xfrdir: "${dir}"`, '    username: ""',
  'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/${name}.sock"`, ...extra, '',
].join('\n');

/** What dig shows of an answer, without the parts that differ between two exchanges (ID, timing, server port). */
async function view(port: number, args: string[]): Promise<string> {
  const out = await dig(port, ['+nocmd', '+nostats', ...args]);
  return out.replace(/id: \d+/, 'id: _');
}

/** The serverN.queries lines of `tsdns-control stats_noreset`. */
async function perServer(conf: string): Promise<number[]> {
  const out = (await ctl(conf, ['stats_noreset'])).out;
  return [...out.matchAll(/^server(\d+)\.queries=(\d+)$/gm)].map((m) => Number(m[2]));
}

const soaQuery = (id: number): Uint8Array => dnsPacket.encode({ type: 'query', id, questions: [{ name: 'example.test', type: 'SOA' }] });

/** The SOA serials of `n` answers, each asked from a fresh UDP socket (so the kernel spreads them over the workers). */
async function serials(port: number, n: number): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i += 25) {
    const batch = Array.from({ length: Math.min(25, n - i) }, (_, k) => udpExchange('127.0.0.1', port, soaQuery(i + k + 1)));
    for (const r of await Promise.all(batch)) {
      const soa = r === null ? undefined : dnsPacket.decode(r).answers?.find((a) => a.type === 'SOA');
      out.push(soa === undefined ? null : ((soa.data as dnsPacket.SoaData).serial ?? null));
    }
  }
  return out;
}

const workerPids = (output: string): Map<number, number> => {
  const m = new Map<number, number>();
  for (const x of output.matchAll(/server(\d+) listening \(pid (\d+)\)/g)) m.set(Number(x[1]), Number(x[2]));
  return m;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

t.test('server-count: 2', async (t) => {
  const dir = tempDir('tsdns-server-count-');
  const [port, single, xport] = [await freePort(), await freePort(), await freePort()];
  const extra = ['www MX 10 www', 'www A 192.0.2.80', 'alias CNAME www', '*.wild TXT "wild"'];
  fs.writeFileSync(path.join(dir, 'example.test.zone'), zoneText('example.test', 1, extra));
  fs.writeFileSync(path.join(dir, 'sec.xfr.zone'), zoneText('sec.test', 100));
  const zones = ['zone:', '    name: example.test', '    zonefile: example.test.zone'];
  const secondary = ['zone:', '    name: sec.test', '    zonefile: sec.test.zone', `    request-xfr: 127.0.0.1@${xport} NOKEY`, '    allow-notify: 127.0.0.1 NOKEY'];
  const conf = path.join(dir, 'cluster.conf');
  fs.writeFileSync(conf, serverConf(dir, 'cluster', 2, [...zones, ...secondary]));
  const singleConf = path.join(dir, 'single.conf');
  fs.writeFileSync(singleConf, serverConf(dir, 'single', 1, zones));
  const xfrConf = path.join(dir, 'xfr.conf');
  fs.writeFileSync(xfrConf, serverConf(dir, 'xfr', 1, ['zone:', '    name: sec.test', '    zonefile: sec.xfr.zone', '    provide-xfr: 127.0.0.1 NOKEY']));
  const started: RunningServer[] = [];
  t.teardown(async () => {
    for (const s of started) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const xfrPrimary = await startTsdns(xfrConf, xport, 'sec.test');
  started.push(xfrPrimary);
  const one = await startTsdns(singleConf, single, 'example.test');
  started.push(one);
  const server = await startTsdns(conf, port, 'example.test');
  started.push(server);

  t.test('answers over UDP and TCP as server-count: 1 does', async (t) => {
    for (const [name, type] of QUESTIONS) {
      for (const tcp of [[], ['+tcp']]) {
        const args = [...tcp, name, type];
        t.equal(await view(port, args), await view(single, args), `${name} ${type} ${tcp.join('') || 'udp'}`);
      }
    }
  });

  t.test('stats show server0 and server1', async (t) => {
    const out = (await ctl(conf, ['stats_noreset'])).out;
    t.match(out, /^server0\.queries=\d+\nserver1\.queries=\d+\nnum\.queries=\d+\n/);
    const lines = await perServer(conf);
    t.equal(lines.length, 2);
  });

  t.test('a reload is served by every worker once the control reply came', async (t) => {
    const before = await perServer(conf);
    writeAtomic(path.join(dir, 'example.test.zone'), zoneText('example.test', 2, extra));
    t.same(await ctl(conf, ['reload']), { code: 0, out: 'ok\n', err: '' });
    const got = await serials(port, 300);
    t.same(got.filter((s) => s !== 2), [], '300 answers from fresh sockets, every one with serial 2');
    const after = await perServer(conf);
    t.ok(after[0] > before[0], `server0 answered some (${before[0]} -> ${after[0]})`);
    t.ok(after[1] > before[1], `server1 answered some (${before[1]} -> ${after[1]})`);
    t.ok(after[0] + after[1] - before[0] - before[1] >= 300, 'the workers counted every query');
  });

  t.test('SIGHUP: "reload done" is logged once every worker serves the new serial', async (t) => {
    writeAtomic(path.join(dir, 'example.test.zone'), zoneText('example.test', 7, extra));
    const done = (): number => (server.output().match(/"reload done"/g) ?? []).length;
    const before = done();
    server.proc.kill('SIGHUP');
    await until('reload done', () => done() > before);
    const got = await serials(port, 200);
    t.same(got.filter((s) => s !== 7), [], 'every answer after the log line has serial 7');
  });

  t.test('a killed worker is replaced and serves the current zones', async (t) => {
    const pids = workerPids(server.output());
    t.equal(pids.size, 2, 'two workers listening');
    const victim = pids.get(1) as number;
    process.kill(victim, 'SIGKILL');
    await until('a new server1', () => (workerPids(server.output()).get(1) ?? victim) !== victim);
    t.match(server.output(), new RegExp(`server1 \\(pid ${victim}\\) died`));
    writeAtomic(path.join(dir, 'example.test.zone'), zoneText('example.test', 8, extra));
    t.equal((await ctl(conf, ['reload'])).out, 'ok\n');
    const got = await serials(port, 200);
    t.same(got.filter((s) => s !== 8), [], 'every answer has serial 8');
    const lines = await perServer(conf);
    t.equal(lines.length, 2);
  });

  t.test('a NOTIFY over UDP reaches the primary, which refreshes the secondary zone', async (t) => {
    const serial = async (): Promise<string> => (await dig(port, ['+short', 'sec.test', 'SOA'])).trim().split(/\s+/)[2] ?? '';
    await until('the first transfer', async () => (await serial()) === '100');
    writeAtomic(path.join(dir, 'sec.xfr.zone'), zoneText('sec.test', 101));
    t.equal((await ctl(xfrConf, ['reload'])).out, 'ok\n');
    const notify = Buffer.from(dnsPacket.encode({ type: 'query', id: 4242, questions: [{ name: 'sec.test', type: 'SOA' }] }));
    notify[2] = (notify[2] & 0x87) | (4 << 3); // opcode NOTIFY
    notify[2] |= 0x04; // AA, as NOTIFY is sent (RFC 1996 3.7)
    const reply = await udpExchange('127.0.0.1', port, notify);
    t.ok(reply !== null, 'the NOTIFY was answered');
    if (reply === null) return;
    t.equal((reply[2] >> 3) & 0xf, 4, 'opcode NOTIFY');
    t.equal(reply[3] & 0xf, 0, 'NOERROR');
    t.equal(reply.readUInt16BE(0), 4242);
    await until('serial 101 after the NOTIFY', async () => (await serial()) === '101', 10000);
    t.pass('refreshed');
  });

  t.test('stop leaves no process behind', async (t) => {
    const pids = [...workerPids(server.output()).values()];
    await server.stop();
    t.equal(server.proc.exitCode, 0);
    await until('the workers to exit', () => pids.every((p) => !alive(p)), 5000);
    t.same(pids.filter(alive), []);
    t.notOk(fs.readdirSync(dir).some((f) => f.startsWith('tsdns-zones-')), 'the snapshot files are gone');
  });
});
