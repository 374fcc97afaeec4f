// Bad input over UDP and TCP from raw sockets: truncated, oversized, looping-compression and random packets, sent to
// NSD 4.6.1 and to tsdns with the same nsd.conf; both must answer alike (or drop alike), and keep answering afterwards.
import t, { type Test } from 'tap';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { freePort, udpExchange } from '../support/net.js';
import { nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ZONE = [
  '$ORIGIN example.test.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1',
  'www A 192.0.2.80', 'alias CNAME www', 'deleg NS ns.deleg', 'ns.deleg A 192.0.2.53', '',
].join('\n');

function query(name: string, type: string, id = 0x1234, edns = false): Buffer {
  const additionals = edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 4096, flags: 0, options: [] }] : [];
  return dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name, type: type as 'A' }], additionals } as unknown as dnsPacket.Packet);
}

const SOA_Q = query('example.test', 'SOA');
const HDR = (counts: string) => '1234 0000 ' + counts;
const QNAME = '076578616d706c650474657374 00';
const OPT = '0000291000000000000000';

/** Crafted malformations, each named. */
function crafted(): [string, Buffer][] {
  const set = (b: Buffer, i: number, v: number) => {
    const c = Buffer.from(b);
    c[i] = v;
    return c;
  };
  return [
    ['empty', Buffer.alloc(0)],
    ['5 octets', hex('1234000001')],
    ['header only', hex('123400000000000000000000')],
    ['a response', set(SOA_Q, 2, 0x80)],
    ['opcode 7', set(SOA_Q, 2, 7 << 3)],
    ['question cut in the name', SOA_Q.subarray(0, 16)],
    ['question cut in the type', SOA_Q.subarray(0, SOA_Q.length - 3)],
    ['QDCOUNT 5 with one question', set(SOA_Q, 5, 5)],
    ['ANCOUNT 1 and nothing', set(SOA_Q, 7, 1)],
    ['ARCOUNT 3 and nothing', set(SOA_Q, 11, 3)],
    ['compression loop in the question', hex(HDR('0001 0000 0000 0000') + 'c00c 0006 0001')],
    ['forward pointer in the question', hex(HDR('0001 0000 0000 0000') + 'c010 0006 0001')],
    ['pointer into the header', hex(HDR('0001 0000 0000 0000') + 'c002 0006 0001')],
    ['label 64 in the question', Buffer.concat([hex(HDR('0001 0000 0000 0000') + '40'), Buffer.alloc(64, 0x61), hex('00 0006 0001')])],
    ['name of 300 octets', Buffer.concat([hex(HDR('0001 0000 0000 0000')), Buffer.concat(Array(10).fill(Buffer.concat([Buffer.from([29]), Buffer.alloc(29, 0x62)]))), hex('00 0006 0001')])],
    ['OPT owner is a pointer loop', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 c01d 0029 1000 00000000 0000')],
    ['OPT rdata longer than the packet', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 00 0029 1000 00000000 0040 0003')],
    ['OPT option longer than its rdata', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 00 0029 1000 00000000 0004 0003 0009')],
    ['two OPTs', hex(HDR('0001 0000 0000 0002') + QNAME + '0006 0001' + OPT + OPT)],
    ['EDNS version 3', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 00 0029 1000 00 03 0000 0000')],
    ['TSIG owner is a pointer loop', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 c01d 00fa 00ff 00000000 0000')],
    ['TSIG cut short', hex(HDR('0001 0000 0000 0001') + QNAME + '0006 0001 036b657900 00fa 00ff 00000000 0010 0b686d6163')],
    ['IXFR with a looping authority owner', hex(HDR('0001 0000 0001 0000') + QNAME + '00fb 0001 c02d 0006 0001 00000000 0000')],
    ['NOTIFY for the zone', set(SOA_Q, 2, 4 << 3)],
    ['NOTIFY with QDCOUNT 0', hex('1234 2000 0000 0000 0000 0000')],
    ['class HS', set(query('example.test', 'A'), SOA_Q.length - 1, 4)],
    ['trailing garbage', Buffer.concat([SOA_Q, Buffer.alloc(40, 0xff)])],
    ['oversized UDP: 4000 octets of trailing zeros', Buffer.concat([query('www.example.test', 'A', 7, true), Buffer.alloc(4000)])],
  ];
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPackets(seed: number, n: number): [string, Buffer][] {
  const r = prng(seed);
  const base = [SOA_Q, query('www.example.test', 'A', 9, true), query('deleg.example.test', 'NS'), query('nx.example.test', 'TXT', 3, true)];
  const out: [string, Buffer][] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    let b: Buffer;
    if (kind === 0) {
      b = Buffer.alloc(Math.floor(r() * 80));
      for (let k = 0; k < b.length; k++) b[k] = Math.floor(r() * 256);
    } else {
      b = Buffer.from(base[Math.floor(r() * base.length)]);
      if (kind === 1) for (let m = 1 + Math.floor(r() * 3); m > 0; m--) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      else b = b.subarray(0, Math.floor(r() * b.length));
    }
    b[2] &= 0x7f; // mostly queries: a response is only ever dropped
    out.push([`random ${seed}/${i} ${b.toString('hex')}`, b]);
  }
  return out;
}

/** One TCP exchange on a fresh connection: the reply, or 'closed' when the server closed without one. */
function tcpOnce(port: number, msg: Buffer, timeoutMs = 2000): Promise<Buffer | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    let acc = Buffer.alloc(0);
    let settled = false;
    const sock = net.connect(port, '127.0.0.1', () => {
      const framed = Buffer.alloc(2 + msg.length);
      framed.writeUInt16BE(msg.length, 0);
      msg.copy(framed, 2);
      sock.write(framed);
    });
    const finish = (v: Buffer | 'closed' | 'timeout') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      if (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) finish(acc.subarray(2, 2 + acc.readUInt16BE(0)));
    });
    sock.on('close', () => finish('closed'));
    sock.on('error', () => finish('closed'));
  });
}

/** A comparable form: the exact bytes for errors, the decoded message for answers (name compression may differ). */
function norm(v: Buffer | null | 'closed' | 'timeout'): string {
  if (v === null) return 'no answer';
  if (typeof v === 'string') return v;
  if (v.length <= 12) return `bytes ${v.toString('hex')}`;
  try {
    const p = dnsPacket.decode(v);
    return JSON.stringify({ h: v.subarray(0, 12).toString('hex'), q: p.questions, an: p.answers, ns: p.authorities, ar: p.additionals });
  } catch {
    return `bytes ${v.toString('hex')}`;
  }
}

async function compare(t: Test, nsd: RunningServer, ts: RunningServer, cases: [string, Buffer][]): Promise<void> {
  for (const [what, pkt] of cases) {
    const [a, b] = await Promise.all([udpExchange('127.0.0.1', nsd.port, pkt, 500), udpExchange('127.0.0.1', ts.port, pkt, 500)]);
    t.equal(norm(b), norm(a), `UDP ${what}`);
    if (pkt.length > 65535) continue;
    const [c, d] = await Promise.all([tcpOnce(nsd.port, pkt), tcpOnce(ts.port, pkt)]);
    t.equal(norm(d), norm(c), `TCP ${what}`);
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('bad input: tsdns answers or drops like NSD 4.6.1', { timeout: 120000 }, async (t) => {
  const dir = tempDir('tsdns-bad-input-');
  fs.writeFileSync(path.join(dir, 'example.test.zone'), ZONE);
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, [
    'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, '    identity: "bad-input"', '    rrl-ratelimit: 0', nsdRuntimeOptions(dir),
    'remote-control:', '    control-enable: no',
    'zone:', '    name: "example.test"', '    zonefile: "example.test.zone"', '',
  ].join('\n'));
  const started: RunningServer[] = [];
  t.teardown(async () => {
    await Promise.all(started.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const nsd = await startNsd(conf, await freePort(), 'example.test');
  started.push(nsd);
  // -V 2: the bad-traffic lines (NSD's verbosity for its own such lines); answers do not depend on it.
  const ts = await startTsdns(conf, await freePort(), 'example.test', ['-l', path.join(dir, 'tsdns.log'), '-P', path.join(dir, 'tsdns.pid'), '-V', '2']);
  started.push(ts);

  // Batches stay under NSD's 100 error answers a second (both servers count the same way, see error-limit.ts).
  const all = [...crafted(), ...randomPackets(20261129, 120)];
  for (let i = 0; i < all.length; i += 30) {
    await compare(t, nsd, ts, all.slice(i, i + 30));
    await pause(1100);
  }

  t.test('a TCP message of 65535 octets is read and answered', async (t) => {
    const big = Buffer.concat([query('www.example.test', 'A', 77), Buffer.alloc(65535 - query('www.example.test', 'A').length)]);
    const [a, b] = [await tcpOnce(nsd.port, big, 5000), await tcpOnce(ts.port, big, 5000)];
    t.equal(norm(b), norm(a));
    t.not(norm(b), 'closed');
  });

  t.test('tsdns: a flood of malformed messages is logged a line a second with counts; good queries are answered throughout', async (t) => {
    const bad = query('www.example.test', 'A', 5);
    bad.writeUInt16BE(2, 4); // QDCOUNT 2 with one question: FORMERR
    const sock = dgram.createSocket('udp4');
    t.teardown(() => sock.close());
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.on('message', () => undefined);
    const logFile = path.join(dir, 'tsdns.log');
    const linesBefore = fs.readFileSync(logFile, 'utf8').split('\n').length - 1;
    let good = 0;
    let sent = 0;
    const start = Date.now();
    while (Date.now() - start < 2000) {
      for (let i = 0; i < 20; i++, sent++) sock.send(bad, ts.port, '127.0.0.1');
      if (sent % 400 === 0 && (await udpExchange('127.0.0.1', ts.port, query('www.example.test', 'A', 98), 1000)) !== null) good++;
      await pause(10);
    }
    t.ok(good >= 3, `good queries answered during the flood (${good})`);
    await pause(1500);
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').slice(linesBefore).filter((l) => l.includes('"traffic":"malformed"'));
    const counted = lines.reduce((n, l) => n + (JSON.parse(l) as { count: number }).count, 0);
    t.comment(`${sent} malformed sent in ${Date.now() - start} ms: ${lines.length} log lines counting ${counted}`);
    t.ok(lines.length >= 1 && lines.length <= 5, `${lines.length} lines for the flood`);
    t.ok(counted >= sent * 0.9 && counted <= sent, 'the lines count what they stand for');
    t.match(lines[0], /"example":"127\.0\.0\.1"/, 'with an example source');
  });

  t.test('still answering good queries', async (t) => {
    for (const port of [nsd.port, ts.port]) {
      const r = await udpExchange('127.0.0.1', port, query('www.example.test', 'A', 99), 2000);
      t.ok(r, `port ${port} answers`);
      t.equal(dnsPacket.decode(r!).answers?.length, 1);
      const tcp = await tcpOnce(port, query('www.example.test', 'A', 100));
      t.ok(Buffer.isBuffer(tcp) && dnsPacket.decode(tcp).answers?.length === 1);
    }
  });
});
