// Re-checks the query table against a real nsd: serves fixtures.ts on loopback and asks every case.
// Not a tap test (it needs nsd, and tap runs every file of a directory it is given, so it does nothing
// without --run): `npx tsc -p . && node dist/test/query/nsd-verify.js --run [port]` (ports port..port+4).
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryOptions } from '../../src/query/index.js';
import { classToText, decodeMessage, encodeMessage, nameToText, rdataToText, typeToText, type ResourceRecord } from '../../src/wire/index.js';
import { CASES, ZONES, type QueryCase } from './cases.js';
import { DEFAULT_OPTIONS, normalise, questionOf, rcodeName } from './helpers.js';

const args = process.argv.slice(2).filter((a) => a !== '--run');
const BASE_PORT = Number(args[0] ?? 5471);
const TIMEOUT_MS = 3000;
const EDE_OPTION = 15; // RFC 8914 2

function config(dir: string, port: number, o: QueryOptions): string {
  const zones = Object.keys(ZONES).map((origin, i) => `zone:\n  name: "${origin}"\n  zonefile: "${join(dir, `z${i}.zone`)}"\n`);
  return [
    'server:',
    '  ip-address: 127.0.0.1',
    `  port: ${port}`,
    ...['zonelistfile: zone.list', 'xfrdfile: xfrd.state', 'pidfile: nsd.pid', 'logfile: nsd.log'].map((l) => `  ${l.replace(': ', `: "${dir}/`)}"`),
    '  database: ""',
    '  username: ""',
    '  server-count: 1',
    `  identity: "${o.identity ?? 'myid'}"`,
    `  version: "${o.version ?? 'myver'}"`,
    `  hide-identity: ${o.identity === undefined ? 'yes' : 'no'}`,
    `  hide-version: ${o.version === undefined ? 'yes' : 'no'}`,
    `  refuse-any: ${o.refuseAny ? 'yes' : 'no'}`,
    `  minimal-responses: ${o.minimalResponses ? 'yes' : 'no'}`,
    'remote-control:',
    '  control-enable: no',
    ...zones,
  ].join('\n');
}

function queryBytes(c: QueryCase): Uint8Array {
  const q = questionOf(c);
  const header = { id: 4242, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0 };
  // EDNS always, so nsd sends its Extended DNS Errors (RFC 8914).
  const edns = { udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: c.dnssecOk ?? false, z: 0, options: [] };
  return encodeMessage({ header, questions: [{ qname: q.qname, qtype: q.qtype, qclass: q.qclass }], answers: [], authorities: [], additionals: [], edns });
}

function askTcp(port: number, msg: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => (sock.destroy(), reject(new Error('tcp timeout'))), TIMEOUT_MS);
    sock.on('connect', () => sock.write(Buffer.concat([Buffer.from([msg.length >> 8, msg.length & 255]), msg])));
    sock.on('data', (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(new Uint8Array(all.subarray(2, 2 + all.readUInt16BE(0))));
      }
    });
    sock.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
}

function askUdp(port: number, msg: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => (sock.close(), reject(new Error('udp timeout'))), TIMEOUT_MS);
    sock.on('message', (m) => (clearTimeout(timer), sock.close(), resolve(new Uint8Array(m))));
    sock.send(msg, port, '127.0.0.1');
  });
}

function lines(rrs: readonly ResourceRecord[]): string[] {
  return normalise(rrs.map((r) => `${nameToText(r.owner)} ${r.ttl} ${classToText(r.class)} ${typeToText(r.type)} ${rdataToText(r.type, r.rdata)}`));
}

async function startNsd(dir: string, port: number, o: QueryOptions): Promise<ChildProcess> {
  const conf = join(dir, `nsd-${port}.conf`);
  writeFileSync(conf, config(dir, port, o));
  const child = spawn('nsd', ['-d', '-c', conf], { stdio: 'ignore' });
  const probe = queryBytes({ name: 'probe', nsd: '', qname: 'example.', qtype: 'SOA', rcode: '', aa: true, answer: [], authority: [], additional: [] });
  for (let i = 0; i < 50; i++) {
    try {
      await askTcp(port, probe);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`nsd did not start on port ${port} (see ${dir}/nsd.log)`);
}

async function verifyGroup(dir: string, port: number, o: QueryOptions, cases: readonly QueryCase[]): Promise<number> {
  const nsd = await startNsd(dir, port, o);
  let bad = 0;
  try {
    for (const c of cases) {
      const reply = decodeMessage(await (c.udp ? askUdp : askTcp)(port, queryBytes(c)));
      const ede = reply.edns?.options.find((o) => o.code === EDE_OPTION);
      const got = {
        rcode: rcodeName(reply.header.rcode),
        aa: reply.header.aa,
        answer: lines(reply.answers),
        authority: lines(reply.authorities),
        additional: lines(reply.additionals),
        ede: ede === undefined ? null : (ede.data[0] << 8) | ede.data[1],
      };
      const want = { rcode: c.rcode, aa: c.aa, answer: normalise(c.answer), authority: normalise(c.authority), additional: normalise(c.additional), ede: c.ede ?? null };
      if (JSON.stringify(got) === JSON.stringify(want)) continue;
      bad++;
      console.log(`DIFFERS: ${c.name}: ${c.qname} ${c.qclass ?? 'IN'} ${c.qtype}\n  nsd:   ${JSON.stringify(got)}\n  table: ${JSON.stringify(want)}`);
    }
  } finally {
    nsd.kill();
  }
  return bad;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsdns-query-verify-'));
  Object.values(ZONES).forEach((text, i) => writeFileSync(join(dir, `z${i}.zone`), text, 'latin1'));
  const groups = new Map<string, { o: QueryOptions; cases: QueryCase[] }>();
  for (const c of CASES) {
    if (c.zones !== undefined && c.zones !== ZONES) throw new Error(`case ${c.name}: only the main zone set is served`);
    const o = { ...DEFAULT_OPTIONS, ...c.opts };
    const key = JSON.stringify([o.minimalResponses, o.refuseAny, o.identity ?? null, o.version ?? null]);
    const g = groups.get(key) ?? { o, cases: [] };
    g.cases.push(c);
    groups.set(key, g);
  }
  let bad = 0;
  let port = BASE_PORT;
  for (const g of groups.values()) bad += await verifyGroup(dir, port++, g.o, g.cases);
  rmSync(dir, { recursive: true, force: true });
  console.log(`${CASES.length - bad} of ${CASES.length} cases match nsd`);
  process.exitCode = bad === 0 ? 0 : 1;
}

if (process.argv.includes('--run')) await main();
