// TCP abuse against the real daemons: zero-length and stalled messages, slowloris, a client that never reads, idle connections past tcp-count; tsdns beside NSD.
import t, { type Test } from 'tap';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { freePort, tcpExchange, udpExchange } from '../support/net.js';
import { NSD_NO_CONTROL, nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const ZONE = `$ORIGIN tcp.test.
$TTL 300
@ IN SOA ns hostmaster 1 3600 900 604800 300
@ IN NS ns
ns IN A 192.0.2.53
www IN A 192.0.2.80
${Array.from({ length: 60 }, (_, i) => `big IN TXT "${'x'.repeat(200)}${i}"`).join('\n')}
`;
const TIMEOUT_S = 2;
const COUNT = 20;

const q = (name: string, type = 'A', id = 1) => dnsPacket.encode({ type: 'query', id, questions: [{ name, type: type as 'A' }] });
const framed = (m: Uint8Array) => Buffer.concat([Buffer.from([m.length >> 8, m.length & 0xff]), m]);

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Seconds until the server closes `s` (null if still open after `maxS`), rounded to buckets so servers compare. */
function closedWithin(s: net.Socket, maxS: number): Promise<number | null> {
  const start = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { s.destroy(); resolve(null); }, maxS * 1000);
    s.on('error', () => undefined);
    s.once('close', () => { clearTimeout(timer); resolve((Date.now() - start) / 1000); });
    s.resume();
  });
}

const bucket = (sec: number | null) => (sec === null ? 'open' : sec < 1 ? 'closed at once' : sec <= TIMEOUT_S + 2 ? 'closed by tcp-timeout' : 'closed late');

interface Outcomes { [k: string]: string }

async function probeAll(port: number, t: Test): Promise<Outcomes> {
  const o: Outcomes = {};
  // RFC 1035 4.2.2 framing with a zero length: nothing to answer.
  let s = await connect(port);
  s.write(Buffer.from([0, 0]));
  o.zeroLength = bucket(await closedWithin(s, 8));
  // A prefix of 65535 followed by a little and then nothing: the rest never comes.
  s = await connect(port);
  s.write(Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.alloc(100)]));
  o.stalledPrefix = bucket(await closedWithin(s, 8));
  // Slowloris: a valid query one octet a second.
  s = await connect(port);
  const slow = framed(q('www.tcp.test'));
  let i = 0;
  const drip = setInterval(() => { if (i < slow.length && !s.destroyed) s.write(slow.subarray(i, ++i)); }, 1000);
  o.slowloris = bucket(await closedWithin(s, 8));
  clearInterval(drip);
  // A client that asks for large answers and never reads them.
  s = await connect(port);
  s.pause();
  const many = Buffer.concat(Array.from({ length: 3000 }, (_, k) => framed(q('big.tcp.test', 'TXT', k))));
  s.write(many);
  const udpDuring = await udpExchange('127.0.0.1', port, q('www.tcp.test'));
  t.ok(udpDuring, 'UDP answered while a TCP client does not read');
  // The client never saw a close while paused; after tcp-timeout it reads what was sent: a server that
  // gave up on it sent only part of the 3000 answers, then closed.
  await new Promise((r) => setTimeout(r, (TIMEOUT_S + 3) * 1000));
  o.nonReader = await new Promise<string>((resolve) => {
    let got = 0;
    const timer = setTimeout(() => { s.destroy(); resolve(`open (${got} octets)`); }, 8000);
    s.on('data', (d: Buffer) => (got += d.length));
    s.on('error', () => undefined);
    s.once('close', () => { clearTimeout(timer); resolve(got < 3000 * 10000 ? 'closed' : 'answered all'); });
    s.resume();
  });
  // Idle connections past tcp-count: UDP keeps being answered, TCP answers again once they go.
  const idle: net.Socket[] = [];
  for (let k = 0; k < 10 * COUNT; k++) {
    const c = net.connect({ host: '127.0.0.1', port });
    c.on('error', () => undefined);
    idle.push(c);
  }
  await new Promise((r) => setTimeout(r, 300));
  const udpIdle = await udpExchange('127.0.0.1', port, q('www.tcp.test'));
  t.ok(udpIdle, 'UDP answered with the TCP slots full');
  await new Promise((r) => setTimeout(r, (TIMEOUT_S + 2) * 1000));
  const afterTimeout = await tcpExchange('127.0.0.1', port, [q('www.tcp.test')], 1, 3000);
  o.idleFreedByTimeout = afterTimeout.length === 1 ? 'answered' : 'not answered';
  for (const c of idle) c.destroy();
  await new Promise((r) => setTimeout(r, 500));
  const after = await tcpExchange('127.0.0.1', port, [q('www.tcp.test')]);
  o.afterIdleClosed = after.length === 1 ? 'answered' : 'not answered';
  return o;
}

const servers: [string, (conf: string, port: number) => Promise<RunningServer>][] = [
  ['nsd', (conf, port) => startNsd(conf, port, 'tcp.test')],
  ['tsdns', (conf, port) => startTsdns(conf, port, 'tcp.test')],
];

const results: Record<string, Outcomes> = {};
for (const [label, start] of servers) {
  t.test(`${label}: TCP limits`, { timeout: 120000 }, async (t) => {
    const dir = tempDir(`tsdns-tcp-${label}-`);
    fs.writeFileSync(path.join(dir, 'tcp.test.zone'), ZONE);
    const conf = path.join(dir, 'nsd.conf');
    fs.writeFileSync(conf, [
      'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, '    verbosity: 1', '    rrl-ratelimit: 0',
      `    tcp-timeout: ${TIMEOUT_S}`, `    tcp-count: ${COUNT}`, nsdRuntimeOptions(dir),
      NSD_NO_CONTROL, 'zone:', '    name: tcp.test', '    zonefile: tcp.test.zone', '',
    ].join('\n'));
    const port = await freePort();
    const server = await start(conf, port);
    t.teardown(() => server.stop());
    const o = await probeAll(port, t);
    t.comment(`${label}: ${JSON.stringify(o)}`);
    results[label] = o;
    t.equal(o.zeroLength, 'closed at once', 'a zero-length message closes the connection');
    t.not(o.stalledPrefix, 'open', 'a stalled 65535-octet message is closed');
    // NSD restarts its timeout on every octet, so it keeps a slowloris client; tsdns gives a message tcp-timeout to arrive whole.
    if (label === 'tsdns') t.not(o.slowloris, 'open', 'slowloris is closed');
    t.equal(o.nonReader, 'closed', 'a client that never reads is closed before all its answers are written');
    t.equal(o.afterIdleClosed, 'answered', 'TCP answered again after the idle connections go');
    t.ok(server.proc.exitCode === null, 'still running');
  });
}

t.test('tsdns matches NSD', async (t) => {
  t.comment(JSON.stringify(results));
  if (!results.nsd || !results.tsdns) { t.pass('a server run failed: nothing to compare'); return; }
  for (const k of ['zeroLength', 'stalledPrefix', 'nonReader', 'afterIdleClosed']) t.equal(results.tsdns[k], results.nsd[k], k);
});
