// A validating resolver (unbound, from Debian) on loopback with a stub-zone to tsdns and the zone's trust anchor:
// every answer from the signed zones must validate (AD), positive and negative, and a spoiled signature must not.
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeMessage, encodeMessage, parseName, RCODE, typeFromText } from '../../src/wire/index.js';
import { breakSignature, childZone, makeKeys, parentZone, signZone, VARIANTS, type SignVariant, type ZoneKeys } from '../support/dnssec-zones.js';
import { freePort, udpExchange, waitForDns } from '../support/net.js';
import { nsdRuntimeOptions, startTsdns, tempDir, type RunningServer } from '../support/servers.js';
import { requireTool } from '../support/tools.js';

const UNBOUND = ['/usr/sbin/unbound', '/usr/bin/unbound'].find((p) => fs.existsSync(p));
const NSD = '/usr/sbin/nsd';
/** Child zones' name server: NSD on a loopback address of its own, port 53 (delegations cannot name a port). */
const CHILD_ADDR = `127.53.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** What the resolver must say: secure (AD), insecure (answer without AD), or bogus (SERVFAIL). */
type Verdict = 'secure' | 'insecure' | 'bogus';

interface Case {
  readonly what: string;
  readonly qname: string;
  readonly qtype: string;
  readonly rcode: number;
  /** Secure, except where an opt-out NSEC3 covers the next closer name: insecure then (RFC 5155 6, 9.2). */
  readonly verdict: Verdict;
  readonly optOutInsecure?: boolean;
  /** Needs the child name server (a followed referral). */
  readonly child?: boolean;
}

const OK = RCODE.NOERROR;
const NX = RCODE.NXDOMAIN;
const CASES: readonly Case[] = [
  { what: 'positive answer', qname: 'www.example.', qtype: 'A', rcode: OK, verdict: 'secure' },
  { what: 'DNSKEY at the apex', qname: 'example.', qtype: 'DNSKEY', rcode: OK, verdict: 'secure' },
  { what: 'MX with additional data', qname: 'mail.example.', qtype: 'MX', rcode: OK, verdict: 'secure' },
  { what: 'CNAME', qname: 'alias.example.', qtype: 'A', rcode: OK, verdict: 'secure' },
  { what: 'NODATA', qname: 'www.example.', qtype: 'MX', rcode: OK, verdict: 'secure' },
  { what: 'NXDOMAIN', qname: 'nothere.example.', qtype: 'A', rcode: NX, verdict: 'secure', optOutInsecure: true },
  { what: 'NXDOMAIN below an empty non-terminal', qname: 'x.b.ent.example.', qtype: 'A', rcode: NX, verdict: 'secure', optOutInsecure: true },
  { what: 'CNAME to NXDOMAIN', qname: 'nxalias.example.', qtype: 'A', rcode: NX, verdict: 'secure', optOutInsecure: true },
  { what: 'wildcard', qname: 'x.wild.example.', qtype: 'A', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'wildcard, two labels deep', qname: 'a.b.wild.example.', qtype: 'TXT', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'wildcard NODATA', qname: 'x.wild.example.', qtype: 'MX', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'CNAME to a wildcard', qname: 'wcalias.example.', qtype: 'A', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'DNAME to a wildcard', qname: 'x.dn.example.', qtype: 'A', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'empty non-terminal', qname: 'b.ent.example.', qtype: 'A', rcode: OK, verdict: 'secure' },
  { what: 'large answer (TC, then TCP)', qname: 'big.example.', qtype: 'TXT', rcode: OK, verdict: 'secure' },
  { what: 'DS query at the parent', qname: 'signed.example.', qtype: 'DS', rcode: OK, verdict: 'secure' },
  { what: 'DS query at the parent, child served too', qname: 'secure.example.', qtype: 'DS', rcode: OK, verdict: 'secure' },
  { what: 'no DS at an insecure delegation', qname: 'insecure.example.', qtype: 'DS', rcode: OK, verdict: 'secure', optOutInsecure: true },
  { what: 'child zone on the same server', qname: 'www.secure.example.', qtype: 'A', rcode: OK, verdict: 'secure' },
  { what: 'NXDOMAIN in the child on the same server', qname: 'nothere.secure.example.', qtype: 'A', rcode: NX, verdict: 'secure' },
  { what: 'signed delegation with DS (referral)', qname: 'www.signed.example.', qtype: 'A', rcode: OK, verdict: 'secure', child: true },
  { what: 'insecure delegation (referral)', qname: 'www.insecure.example.', qtype: 'A', rcode: OK, verdict: 'insecure', child: true },
  { what: 'insecure delegation below empty non-terminals', qname: 'www.deep.x.y.example.', qtype: 'A', rcode: OK, verdict: 'insecure', child: true },
  { what: 'spoiled signature', qname: 'broken.example.', qtype: 'A', rcode: RCODE.SERVFAIL, verdict: 'bogus' },
];

function query(id: number, qname: string, qtype: string): Uint8Array {
  const header = { id, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: false, ad: false, cd: false, rcode: 0 };
  const edns = { udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: true, z: 0, options: [] };
  const questions = [{ qname: parseName(qname, null), qtype: typeFromText(qtype) ?? 0, qclass: 1 }];
  return encodeMessage({ header, questions, answers: [], authorities: [], additionals: [], edns });
}

interface Daemon {
  stop(): Promise<void>;
  output(): string;
}

/** Runs a daemon in the foreground and waits until it answers `probe` at addr:port. */
async function startDaemon(cmd: string, args: string[], addr: string, port: number, probe: Uint8Array, log: string): Promise<Daemon> {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const d: Daemon = {
    output: () => out + (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitForDns(addr, port, probe, 10000);
  } catch (e) {
    await d.stop();
    throw new Error(`${cmd} did not start: ${(e as Error).message}\n${d.output()}`);
  }
  return d;
}

/** NSD serving the child zones on CHILD_ADDR:53; undefined (with the reason) when it cannot bind there. */
async function startChild(dir: string, zones: Record<string, string>): Promise<Daemon | string> {
  const run = path.join(dir, 'child');
  fs.mkdirSync(run);
  const conf = path.join(run, 'nsd.conf');
  const zoneText = Object.entries(zones).map(([n, f]) => `zone:\n    name: "${n}"\n    zonefile: "${f}"\n`).join('\n');
  fs.writeFileSync(conf, `server:\n    ip-address: ${CHILD_ADDR}\n    port: 53\n    rrl-ratelimit: 0\n${nsdRuntimeOptions(run)}\n\n${zoneText}`);
  try {
    return await startDaemon(NSD, ['-d', '-c', conf], CHILD_ADDR, 53, query(1, 'signed.example.', 'SOA'), path.join(run, 'nsd.log'));
  } catch (e) {
    return (e as Error).message;
  }
}

function unboundConf(dir: string, port: number, tsdnsPort: number, anchor: string): string {
  const conf = path.join(dir, 'unbound.conf');
  fs.writeFileSync(conf, [
    'server:',
    '  interface: 127.0.0.1',
    `  port: ${port}`,
    '  do-ip6: no',
    // Loopback only: the stub and the child server are on 127/8, and queries leave from 127.0.0.1.
    '  outgoing-interface: 127.0.0.1',
    '  do-not-query-localhost: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${dir}/unbound.pid"`,
    `  logfile: "${dir}/unbound.log"`,
    '  use-syslog: no',
    '  verbosity: 1',
    '  val-log-level: 2',
    '  num-threads: 1',
    '  outgoing-range: 64',
    '  num-queries-per-thread: 32',
    '  so-reuseport: no',
    '  module-config: "validator iterator"',
    `  trust-anchor: "${anchor}"`,
    '  trust-anchor-signaling: no',
    '  aggressive-nsec: no',
    '  qname-minimisation: no',
    '  access-control: 127.0.0.0/8 allow',
    'remote-control:',
    '  control-enable: no',
    'stub-zone:',
    '  name: "example."',
    `  stub-addr: 127.0.0.1@${tsdnsPort}`,
    '',
  ].join('\n'));
  const check = spawnSync('unbound-checkconf', [conf], { encoding: 'utf8', timeout: 10000 });
  if (check.status !== 0) throw new Error(`unbound-checkconf: ${check.stdout}${check.stderr}`);
  return conf;
}

async function resolve(port: number, c: Case, id: number): Promise<{ rcode: number; ad: boolean } | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await udpExchange('127.0.0.1', port, query(id, c.qname, c.qtype), 4000);
    if (r) {
      const h = decodeMessage(r).header;
      return { rcode: h.rcode, ad: h.ad };
    }
  }
  return null;
}

interface Keys {
  readonly parent: ZoneKeys;
  readonly ds: string[];
  readonly children: Record<string, string>;
  readonly secureFile: string;
}

function makeAll(dir: string): Keys {
  const parent = makeKeys(dir, 'example.');
  const secureKeys = makeKeys(dir, 'secure.example.');
  const signedKeys = makeKeys(dir, 'signed.example.');
  const secureFile = signZone(dir, 'secure.example.', childZone('secure.example.', '192.0.2.50'), 'secure.example.signed', secureKeys, { signer: 'ldns' });
  const signedFile = signZone(dir, 'signed.example.', childZone('signed.example.', CHILD_ADDR), 'signed.example.signed', signedKeys, { signer: 'bind' });
  const children: Record<string, string> = { 'signed.example': signedFile };
  for (const z of ['insecure.example.', 'deep.x.y.example.']) {
    const f = path.join(dir, `${z}zone`);
    fs.writeFileSync(f, childZone(z, CHILD_ADDR));
    children[z.slice(0, -1)] = f;
  }
  return { parent, ds: [secureKeys.ds, signedKeys.ds], children, secureFile };
}

function expected(c: Case, v: SignVariant): Verdict {
  return c.optOutInsecure === true && v.nsec3?.optOut === true ? 'insecure' : c.verdict;
}

async function checkVariant(t: Test, dir: string, k: Keys, v: SignVariant, child: boolean): Promise<void> {
  const run = path.join(dir, v.name);
  fs.mkdirSync(run);
  const file = signZone(dir, 'example.', parentZone(CHILD_ADDR, k.ds), `example.${v.name}`, k.parent, v);
  breakSignature(file, 'broken.example.', 'A');
  const conf = path.join(run, 'tsdns.conf');
  const zones = [['example', file], ['secure.example', k.secureFile]].map(([n, f]) => `zone:\n    name: "${n}"\n    zonefile: "${f}"\n`).join('\n');
  fs.writeFileSync(conf, `server:\n    ip-address: 127.0.0.1\n    pidfile: "${run}/tsdns.pid"\n    username: ""\n\n${zones}`);
  const tsdns: RunningServer = await startTsdns(conf, await freePort(), 'example');
  t.teardown(() => tsdns.stop());
  const port = await freePort();
  const uconf = unboundConf(run, port, tsdns.port, k.parent.ds);
  const unbound = await startDaemon(UNBOUND ?? 'unbound', ['-d', '-c', uconf], '127.0.0.1', port, query(1, 'example.', 'SOA'), path.join(run, 'unbound.log'));
  t.teardown(() => unbound.stop());
  let id = 100;
  for (const c of CASES) {
    if (c.child === true && !child) continue;
    const want = expected(c, v);
    const got = await resolve(port, c, id++);
    const verdict: Verdict | 'no answer' = got === null ? 'no answer' : got.rcode === RCODE.SERVFAIL ? 'bogus' : got.ad ? 'secure' : 'insecure';
    const ok = verdict === want && (got?.rcode ?? -1) === c.rcode;
    t.ok(ok, `${c.what}: ${c.qname} ${c.qtype} is ${want}, rcode ${c.rcode}`, ok ? {} : { got, verdict, log: unbound.output().split('\n').slice(-15).join('\n') });
  }
}

t.test('unbound validates what tsdns serves from signed zones', async (t) => {
  if (!requireTool(t, UNBOUND, 'unbound', 'unbound') || !requireTool(t, fs.existsSync(NSD), 'nsd (the child zones\' server)', 'nsd')) return;
  const dir = tempDir('tsdns-dnssec-validate-');
  const k = makeAll(dir);
  const child = await startChild(dir, k.children);
  if (typeof child === 'string') t.comment(`referral cases skipped: no child name server on ${CHILD_ADDR}:53: ${child}`);
  else t.teardown(() => child.stop());
  for (const v of VARIANTS) await t.test(v.name, (t) => checkVariant(t, dir, k, v, typeof child !== 'string'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
});
