// The real daemon on loopback, asked with dig and kdig over UDP and TCP, IPv4 and IPv6: answers, EDNS, NSID,
// CHAOS, truncation, SIGHUP reloads (good and broken zone), TCP pipelining and idle timeout, SIGTERM.
import t from 'tap';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { freePort } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const BIG = Array.from({ length: 40 }, (_, i) => `big TXT "${String(i).padStart(2, '0').repeat(50)}"`);

function zoneText(serial: number, extra: string[] = []): string {
  return [
    '$ORIGIN example.test.',
    '$TTL 3600',
    `@ SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`,
    '@ NS ns1',
    '@ NS ns2',
    'ns1 A 192.0.2.1',
    'ns1 AAAA 2001:db8::1',
    'ns2 A 192.0.2.2',
    'www A 192.0.2.80',
    'alias CNAME www',
    'deleg NS ns.deleg',
    'ns.deleg A 192.0.2.53',
    ...BIG,
    ...extra,
    '',
  ].join('\n');
}

interface Setup {
  dir: string;
  conf: string;
  zoneFile: string;
  pidfile: string;
  port: number;
}

async function setup(): Promise<Setup> {
  const dir = tempDir('tsdns-daemon-');
  const port = await freePort();
  const zoneFile = path.join(dir, 'example.test.zone');
  fs.writeFileSync(zoneFile, zoneText(1));
  fs.writeFileSync(path.join(dir, 'broken.test.zone'), '$ORIGIN broken.test.\n@ 300 SOA ns hm 1 2 3 4 5\n@ 300 NS ns\nns 300 A 1.2.3\n');
  const pidfile = path.join(dir, 'tsdns.pid');
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, [
    'server:',
    '    ip-address: 127.0.0.1',
    '    ip-address: ::1',
    `    port: ${port}`,
    `    zonesdir: "${dir}"`,
    `    pidfile: "${pidfile}"`,
    '    username: ""',
    '    identity: "tsdns-test"',
    '    nsid: "ascii_tsdns-nsid"',
    '    tcp-timeout: 1',
    'zone:',
    '    name: "example.test"',
    '    zonefile: "example.test.zone"',
    'zone:',
    '    name: "broken.test"',
    '    zonefile: "broken.test.zone"',
    '',
  ].join('\n'));
  return { dir, conf, zoneFile, pidfile, port };
}

interface Answer {
  status: string;
  flags: string[];
  answer: string[];
  authority: string[];
  additional: string[];
  udpSize?: number;
  nsid?: string;
  raw: string;
}

/** dig's and kdig's text output into status, flags and the sections (records with whitespace collapsed). */
function parseDigText(raw: string): Answer {
  const a: Answer = { status: '', flags: [], answer: [], authority: [], additional: [], raw };
  a.status = /status: (\w+)/.exec(raw)?.[1] ?? '';
  a.flags = (/[Ff]lags: ([a-z ]*);/.exec(raw)?.[1] ?? '').trim().split(/\s+/).filter((f) => f !== '');
  const udp = /udp: (\d+)|UDP size: (\d+)/.exec(raw);
  if (udp) a.udpSize = Number(udp[1] ?? udp[2]);
  a.nsid = /NSID: [^"]*"([^"]*)"/.exec(raw)?.[1];
  let section: 'answer' | 'authority' | 'additional' | null = null;
  for (const line of raw.split('\n')) {
    const m = /^;; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:/.exec(line);
    if (m) section = m[1].toLowerCase() as 'answer';
    else if (line.trim() === '' || line.startsWith(';')) {
      if (line.trim() === '') section = null;
    } else if (section) a[section].push(line.trim().split(/\s+/).join(' '));
  }
  return a;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 10000 }, (err, stdout, stderr) => (err && !stdout ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

const dig = (server: string, port: number, ...args: string[]) =>
  run('dig', [`@${server}`, '-p', String(port), '+norec', '+time=3', '+tries=1', ...args]).then(parseDigText);
const kdig = (server: string, port: number, ...args: string[]) =>
  run('kdig', [`@${server}`, '-p', String(port), '+norec', '+time=3', '+retry=0', ...args]).then(parseDigText);

const SOA = 'example.test. 3600 IN SOA ns1.example.test. hostmaster.example.test. 1 7200 3600 1209600 300';
const NS = ['example.test. 3600 IN NS ns1.example.test.', 'example.test. 3600 IN NS ns2.example.test.'];
const GLUE4 = ['ns1.example.test. 3600 IN A 192.0.2.1', 'ns2.example.test. 3600 IN A 192.0.2.2', 'ns1.example.test. 3600 IN AAAA 2001:db8::1'];
const GLUE6 = ['ns1.example.test. 3600 IN AAAA 2001:db8::1', 'ns1.example.test. 3600 IN A 192.0.2.1', 'ns2.example.test. 3600 IN A 192.0.2.2'];

t.test('the daemon', { timeout: 90000 }, async (t) => {
  const s = await setup();
  let server: RunningServer | null = await startTsdns(s.conf, s.port, 'example.test');
  t.teardown(async () => {
    await server?.stop();
    fs.rmSync(s.dir, { recursive: true, force: true });
  });
  const port = s.port;

  t.test('pidfile written', async (t) => {
    t.equal(fs.readFileSync(s.pidfile, 'utf8'), `${server!.proc.pid}\n`);
  });

  t.test('NOERROR over every transport, with dig and kdig', async (t) => {
    for (const [tool, host, extra] of [
      [dig, '127.0.0.1', []], [dig, '::1', []], [dig, '127.0.0.1', ['+tcp']], [dig, '::1', ['+tcp']],
      [kdig, '127.0.0.1', []], [kdig, '::1', ['+tcp']],
    ] as const) {
      const a = await tool(host, port, 'example.test', 'SOA', ...extra);
      const what = `${tool === dig ? 'dig' : 'kdig'} ${host} ${extra.join(' ') || 'udp'}`;
      t.equal(a.status, 'NOERROR', what);
      t.same(a.flags, ['qr', 'aa'], what);
      t.same(a.answer, [SOA], what);
      t.same(a.authority, NS, what);
      t.same(a.additional, host === '::1' ? GLUE6 : GLUE4, `${what}: glue, AAAA first for IPv6 as NSD`);
    }
  });

  t.test('NXDOMAIN and NODATA carry the SOA with its minimum as TTL', async (t) => {
    const nx = await dig('127.0.0.1', port, 'nothere.example.test', 'A');
    t.same([nx.status, nx.flags, nx.answer, nx.authority], ['NXDOMAIN', ['qr', 'aa'], [], [SOA.replace(' 3600 ', ' 300 ')]]);
    const nodata = await kdig('::1', port, 'www.example.test', 'MX');
    t.same([nodata.status, nodata.answer, nodata.authority], ['NOERROR', [], [SOA.replace(' 3600 ', ' 300 ')]]);
  });

  t.test('referral and CNAME', async (t) => {
    const r = await dig('127.0.0.1', port, 'host.deleg.example.test', 'A');
    t.same([r.status, r.flags, r.answer], ['NOERROR', ['qr'], []]);
    t.same(r.authority, ['deleg.example.test. 3600 IN NS ns.deleg.example.test.']);
    t.same(r.additional, ['ns.deleg.example.test. 3600 IN A 192.0.2.53']);
    const c = await dig('127.0.0.1', port, 'alias.example.test', 'A');
    t.same(c.answer, ['alias.example.test. 3600 IN CNAME www.example.test.', 'www.example.test. 3600 IN A 192.0.2.80']);
  });

  t.test('truncation over UDP, the whole answer over TCP', async (t) => {
    const plain = await dig('127.0.0.1', port, 'big.example.test', 'TXT', '+ignore', '+noedns');
    t.same([plain.flags, plain.answer.length, plain.authority.length], [['qr', 'aa', 'tc'], 0, 0]);
    const edns = await dig('::1', port, 'big.example.test', 'TXT', '+ignore', '+bufsize=4096');
    t.same([edns.flags, edns.answer.length, edns.udpSize], [['qr', 'aa', 'tc'], 0, 1232]);
    const tcp = await dig('127.0.0.1', port, 'big.example.test', 'TXT', '+tcp');
    t.same([tcp.flags, tcp.answer.length, tcp.authority.length], [['qr', 'aa'], 40, 2]);
    const retried = await kdig('127.0.0.1', port, 'big.example.test', 'TXT');
    t.equal(retried.answer.length, 40, 'kdig retries over TCP after TC');
  });

  t.test('EDNS: our size, NSID when asked; CHAOS identity and version', async (t) => {
    const e = await dig('127.0.0.1', port, 'www.example.test', 'A', '+bufsize=4096', '+nsid');
    t.same([e.udpSize, e.nsid], [1232, 'tsdns-nsid']);
    const k = await kdig('::1', port, 'www.example.test', 'A', '+nsid');
    t.equal(k.nsid, 'tsdns-nsid');
    const id = await dig('127.0.0.1', port, 'id.server', 'TXT', 'CH');
    t.same([id.status, id.flags, id.answer], ['NOERROR', ['qr'], ['id.server. 0 CH TXT "tsdns-test"']]);
    const ver = await kdig('127.0.0.1', port, 'version.bind', 'TXT', 'CH');
    t.match(ver.answer[0], /^version\.bind\. 0 CH TXT "tsdns \d+\.\d+\.\d+"$/);
  });

  t.test('REFUSED for a foreign name, SERVFAIL for a zone that did not load', async (t) => {
    const f = await dig('127.0.0.1', port, 'www.example.org', 'A');
    t.same([f.status, f.flags, f.answer], ['REFUSED', ['qr'], []]);
    t.match(f.raw, /EDE: 20/);
    const b = await dig('127.0.0.1', port, 'www.broken.test', 'A');
    t.same([b.status, b.flags], ['SERVFAIL', ['qr']]);
    t.match(server!.output(), /broken\.test\.zone:4:.*error/);
  });

  t.test('TCP pipelining: five queries in one write, five answers on one connection', async (t) => {
    const ids = [11, 12, 13, 14, 15];
    const msgs = ids.map((id) => dnsPacket.encode({ type: 'query', id, questions: [{ name: 'www.example.test', type: 'A' }] }));
    const replies = await tcpSession(port, Buffer.concat(msgs.map(framed)), ids.length, 5000);
    t.same(replies.map((r) => r.readUInt16BE(0)), ids);
    t.ok(replies.every((r) => dnsPacket.decode(r).answers?.length === 1));
  });

  t.test('tcp-timeout closes an idle connection', async (t) => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      const guard = setTimeout(() => sock.destroy(), 8000);
      sock.on('close', () => {
        clearTimeout(guard);
        resolve(Date.now() - started);
      });
      sock.on('error', () => undefined);
    });
    t.ok(closedAfter >= 800 && closedAfter < 4000, `closed after ${closedAfter} ms (tcp-timeout: 1)`);
  });

  t.test('SIGHUP re-reads a changed zone; a broken one keeps the old data', async (t) => {
    fs.writeFileSync(s.zoneFile, zoneText(2, ['new A 192.0.2.99']));
    server!.proc.kill('SIGHUP');
    const fresh = await poll(() => dig('127.0.0.1', port, 'new.example.test', 'A'), (a) => a.status === 'NOERROR');
    t.same(fresh.answer, ['new.example.test. 3600 IN A 192.0.2.99']);
    fs.writeFileSync(s.zoneFile, zoneText(3, ['new A 192.0.2.999', 'newer A 192.0.2.100']));
    server!.proc.kill('SIGHUP');
    await poll(async () => server!.output(), (out) => /zone not reloaded/.test(out));
    const kept = await dig('127.0.0.1', port, 'example.test', 'SOA');
    t.match(kept.answer[0], / 2 7200 3600 1209600 300$/, 'serial 2 still served');
    t.equal((await dig('127.0.0.1', port, 'newer.example.test', 'A')).status, 'NXDOMAIN');
    t.equal((await dig('127.0.0.1', port, 'new.example.test', 'A')).status, 'NOERROR');
  });

  t.test('SIGTERM: exit 0 and the pidfile removed', async (t) => {
    const proc = server!.proc;
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    proc.kill('SIGTERM');
    t.equal(await exited, 0);
    t.notOk(fs.existsSync(s.pidfile));
    server = null;
  });
});

function framed(m: Uint8Array): Buffer {
  const b = Buffer.alloc(2 + m.length);
  b.writeUInt16BE(m.length, 0);
  b.set(m, 2);
  return b;
}

/** One raw TCP connection: write `data`, collect `expect` framed replies (or what came before the deadline). */
function tcpSession(port: number, data: Buffer, expect: number, timeoutMs: number): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const replies: Buffer[] = [];
    let acc = Buffer.alloc(0);
    const sock = net.connect(port, '127.0.0.1', () => sock.write(data));
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(replies);
    };
    const timer = setTimeout(done, timeoutMs);
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        replies.push(acc.subarray(2, 2 + acc.readUInt16BE(0)));
        acc = acc.subarray(2 + acc.readUInt16BE(0));
      }
      if (replies.length >= expect) done();
    });
    sock.on('error', done);
    sock.on('close', done);
  });
}

async function poll<T>(f: () => Promise<T>, ok: (v: T) => boolean, deadlineMs = 5000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
