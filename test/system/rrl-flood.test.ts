// RRL on loopback against the real daemons: a UDP flood from 127.0.0.2 is held under the limit (slips carry TC=1) while 127.0.0.3 is answered; tsdns and NSD side by side.
import t from 'tap';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { freePort, tcpExchange } from '../support/net.js';
import { NSD_NO_CONTROL, nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const ZONE = `$ORIGIN rrl.test.
$TTL 300
@ IN SOA ns hostmaster 1 3600 900 604800 300
@ IN NS ns
ns IN A 192.0.2.53
www IN A 192.0.2.80
*.wild IN A 192.0.2.7
`;
const RATE = 50;
const SECONDS = 3;
/** Queries sent by the flooder per 10 ms tick: 1500 a second, far over the limit. */
const BURST = 15;
const TC = 0x0200;

interface Counts {
  answered: number[];
  slipped: number;
  badSlip: number;
}

function bindClient(address: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, address, () => resolve(s));
  });
}

/** Floods from 127.0.0.2 and trickles from 127.0.0.3 for SECONDS; counts answers per second for each. */
async function run(port: number, floodName: (id: number) => string = () => 'www.rrl.test'): Promise<{ flood: Counts; quiet: { sent: number; answered: number } }> {
  const floodSock = await bindClient('127.0.0.2');
  const quietSock = await bindClient('127.0.0.3');
  const start = Date.now();
  const flood: Counts = { answered: new Array(SECONDS + 1).fill(0), slipped: 0, badSlip: 0 };
  const quiet = { sent: 0, answered: 0 };
  floodSock.on('message', (m) => {
    const flags = m.readUInt16BE(2);
    if ((flags & TC) !== 0) {
      flood.slipped++;
      if (m.readUInt16BE(6) + m.readUInt16BE(8) + m.readUInt16BE(10) !== 0) flood.badSlip++;
    } else flood.answered[Math.min(SECONDS, Math.floor((Date.now() - start) / 1000))]++;
  });
  quietSock.on('message', (m) => {
    if ((m.readUInt16BE(2) & TC) === 0 && m.readUInt16BE(6) === 1) quiet.answered++;
  });
  const q = (id: number, name = 'www.rrl.test') => dnsPacket.encode({ type: 'query', id, questions: [{ name, type: 'A' }] });
  let id = 0;
  while (Date.now() - start < SECONDS * 1000) {
    for (let i = 0; i < BURST; i++) floodSock.send(q(++id & 0xffff, floodName(id)), port, '127.0.0.1');
    if (id % (BURST * 10) === 0) {
      quiet.sent++;
      quietSock.send(q(id & 0xffff), port, '127.0.0.1');
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 300));
  floodSock.close();
  quietSock.close();
  return { flood, quiet };
}

const servers: [string, (conf: string, port: number) => Promise<RunningServer>][] = [
  ['tsdns', (conf, port) => startTsdns(conf, port, 'rrl.test')],
  ['nsd', (conf, port) => startNsd(conf, port, 'rrl.test')],
];

for (const [label, start] of servers) {
  t.test(`${label}: a flood from one source stays under rrl-ratelimit, another source is answered`, { timeout: 60000 }, async (t) => {
    const dir = tempDir(`tsdns-rrl-${label}-`);
    fs.writeFileSync(path.join(dir, 'rrl.test.zone'), ZONE);
    const conf = path.join(dir, 'nsd.conf');
    fs.writeFileSync(conf, [
      'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, '    verbosity: 2',
      `    rrl-ratelimit: ${RATE}`, '    rrl-slip: 2', '    rrl-ipv4-prefix-length: 32', nsdRuntimeOptions(dir),
      NSD_NO_CONTROL, 'zone:', '    name: rrl.test', '    zonefile: rrl.test.zone', '',
    ].join('\n'));
    const port = await freePort();
    const server = await start(conf, port);
    t.teardown(() => server.stop());
    // NSD rrl_classify: a wildcard answer counts under the wildcard, so distinct names under it share one bucket.
    const wild = await run(port, (i) => `n${i}.wild.rrl.test`);
    const wildTotal = wild.flood.answered.reduce((a, b) => a + b, 0);
    t.comment(`${label}: distinct wildcard names answered per second ${wild.flood.answered.join(' ')}, slipped ${wild.flood.slipped}`);
    t.ok(wildTotal <= 2 * RATE * SECONDS, `${wildTotal} full answers for distinct names under one wildcard: limited like one name`);
    t.ok(wild.flood.slipped > 100, 'and slipped');
    await new Promise((r) => setTimeout(r, 2000)); // the buckets of other classes are apart, but let the source cool down anyway
    const logFile = path.join(dir, 'nsd.log');
    const logFrom = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1 : 0;
    const { flood, quiet } = await run(port);
    const total = flood.answered.reduce((a, b) => a + b, 0);
    t.comment(`${label}: flood answered per second ${flood.answered.join(' ')}, slipped ${flood.slipped}; quiet ${quiet.answered}/${quiet.sent}`);
    // A source may get up to twice the rate in its first second (NSD's smoothed rate with doubled limits), and the
    // limiter's seconds need not line up with the test's, so one test second can hold parts of two of them.
    for (const [sec, n] of flood.answered.entries()) t.ok(n <= 3 * RATE, `second ${sec}: ${n} full answers, bounded by the limit`);
    t.ok(total <= 2 * RATE * SECONDS, `${total} full answers in ${SECONDS} s of about ${BURST * 100} q/s`);
    t.ok(total >= 1, 'the first answers get through');
    t.ok(flood.slipped > 100, `slips answered with TC=1 (${flood.slipped})`);
    t.equal(flood.badSlip, 0, 'slips carry no records');
    t.ok(quiet.answered >= quiet.sent - 1, `the other source is answered throughout (${quiet.answered}/${quiet.sent})`);
    // TCP is not rate limited: the flooded client's retry over TCP is answered.
    const tcp = await tcpExchange('127.0.0.1', port, [dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'www.rrl.test', type: 'A' }] })]);
    t.equal(tcp.length, 1, 'the retry over TCP is answered');
    t.equal(tcp[0]?.readUInt16BE(6), 1);
    if (label === 'tsdns') {
      // Logged at verbosity 2 as NSD logs its ratelimit lines, but at most one line a second per kind, each with a count.
      await new Promise((r) => setTimeout(r, 1200));
      const lines = fs.readFileSync(logFile, 'utf8').split('\n').slice(logFrom).filter((l) => l.includes('ratelimit: answers dropped'));
      const logged = lines.reduce((n, l) => n + (JSON.parse(l) as { count: number }).count, 0);
      t.comment(`tsdns: ${lines.length} log lines for ${logged} dropped answers`);
      t.ok(lines.length >= 1 && lines.length <= SECONDS + 2, `${lines.length} lines in ${SECONDS} s of flood`);
      t.ok(logged > 100, 'the lines carry the count of what they stand for');
    }
  });
}
