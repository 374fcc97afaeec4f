// `npm run soak -- --minutes N`: the daemon under query load and bad traffic for N minutes, its RSS sampled; is memory flat?
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { nameToText, parseName, typeToText } from '../../src/wire/index.js';
import { freePort, waitForDns } from '../support/net.js';
import { memory } from '../bench/procfs.js';
import { startBadTraffic } from './bad-traffic.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE = 'usage: npm run soak -- [--minutes N (5)] [--sample S (5)] [--qps Q (3000)] [--tolerance PCT (10)] [--out FILE]';

interface Options {
  minutes: number;
  sampleS: number;
  qps: number;
  tolerancePct: number;
  out: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { minutes: 5, sampleS: 5, qps: 3000, tolerancePct: 10, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const v = argv[i + 1];
    if (argv[i] === '--minutes') o.minutes = Number(v);
    else if (argv[i] === '--sample') o.sampleS = Number(v);
    else if (argv[i] === '--qps') o.qps = Number(v);
    else if (argv[i] === '--tolerance') o.tolerancePct = Number(v);
    else if (argv[i] === '--out') o.out = v;
    else throw new Error(USAGE);
  }
  if (!(o.minutes >= 1 && o.minutes <= 24 * 60 && o.sampleS >= 1 && o.qps > 0)) throw new Error(USAGE);
  return o;
}

/** dnsperf's query file: every owner and type of the bundled zones, plus as many names that do not exist. */
function queryFile(dir: string): string {
  const lines: string[] = [];
  for (const zone of ['example.com', '8.b.d.0.1.0.0.2.ip6.arpa']) {
    const text = fs.readFileSync(path.join(REPO, 'zones', `${zone}.zone`), 'latin1');
    const origin = parseName(`${zone}.`, null);
    for (const { record } of parseZone({ file: 'z', origin, source: new MemoryZoneSource({ z: text }), onProblem: () => undefined })) {
      lines.push(`${nameToText(record.owner)} ${typeToText(record.type)}`);
      lines.push(`nx${lines.length}.${zone}. A`);
    }
  }
  const file = path.join(dir, 'queries.txt');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function startDaemon(dir: string, port: number): ChildProcess {
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, [
    'server:', '    ip-address: 127.0.0.1', `    port: ${port}`, `    zonesdir: "${path.join(REPO, 'zones')}"`, '    pidfile: ""', '    username: ""',
    `    xfrdfile: "${dir}/xfrd.state"`, `    zonelistfile: "${dir}/zone.list"`, '    tcp-timeout: 3', '    tcp-count: 100',
    // RRL off: from one address NSD's default 200 q/s would drop most of the load, and answered q/s should count it.
    '    rrl-ratelimit: 0',
    'pattern:', '    name: "bundled"', '    zonefile: "%s.zone"',
    'zone:', '    name: "example.com"', '    include-pattern: "bundled"',
    'zone:', '    name: "8.b.d.0.1.0.0.2.ip6.arpa"', '    include-pattern: "bundled"', '',
  ].join('\n'));
  const log = fs.openSync(path.join(dir, 'tsdns.log'), 'w');
  return spawn(process.execPath, [path.join(REPO, 'dist/src/cli/tsdns.js'), '-c', conf], { stdio: ['ignore', log, log] });
}

/** One minute of dnsperf at a fixed rate: the answered queries per second. */
function dnsperfMinute(port: number, file: string, qps: number, seconds: number): { proc: ChildProcess; done: Promise<number> } {
  const proc = spawn('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', file, '-l', String(seconds), '-Q', String(qps), '-t', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  const done = new Promise<number>((resolve) => proc.once('exit', () => resolve(Number(/Queries per second:\s+([0-9.]+)/.exec(out)?.[1] ?? NaN))));
  return { proc, done };
}

const alive = (p: ChildProcess): boolean => p.exitCode === null && p.signalCode === null;

interface Row {
  minute: number;
  rssMaxMiB: number;
  rssLastMiB: number;
  qps: number;
}

const mib = (kb: number): number => Math.round((kb / 1024) * 10) / 10;

/** Flat: after the first minute (warm-up), the last third's peak RSS is within tolerance of the first third's. */
function verdict(rows: readonly Row[], tolerancePct: number): { flat: boolean; text: string } {
  const steady = rows.length >= 4 ? rows.slice(1) : rows;
  const third = Math.max(1, Math.floor(steady.length / 3));
  const first = Math.max(...steady.slice(0, third).map((r) => r.rssMaxMiB));
  const last = Math.max(...steady.slice(-third).map((r) => r.rssMaxMiB));
  const growth = ((last - first) / first) * 100;
  const flat = growth <= tolerancePct;
  return { flat, text: `peak RSS first third ${first} MiB, last third ${last} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%): ${flat ? 'flat' : 'GROWING'} (tolerance ${tolerancePct}%)` };
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-soak-'));
  const port = await freePort();
  const daemon = startDaemon(dir, port);
  let perf: ChildProcess | null = null;
  let bad: ReturnType<typeof startBadTraffic> | null = null;
  const cleanup = (): void => {
    bad?.stop();
    perf?.kill('SIGKILL');
    if (alive(daemon)) daemon.kill('SIGTERM');
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    await waitForDns('127.0.0.1', port, dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'example.com', type: 'SOA' }] }));
    const file = queryFile(dir);
    bad = startBadTraffic(port);
    const rows: Row[] = [];
    console.log(`soak: tsdns pid ${daemon.pid} on 127.0.0.1@${port}, ${o.minutes} min, dnsperf at ${o.qps} q/s, RSS every ${o.sampleS} s, logs in ${dir}`);
    for (let minute = 1; minute <= o.minutes; minute++) {
      const run = dnsperfMinute(port, file, o.qps, 60);
      perf = run.proc;
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(memory(daemon.pid as number).rssKb), o.sampleS * 1000);
      const qps = await run.done;
      clearInterval(sampler);
      samples.push(memory(daemon.pid as number).rssKb);
      if (!alive(daemon)) throw new Error(`the daemon exited (${daemon.exitCode ?? daemon.signalCode}) in minute ${minute}`);
      const row = { minute, rssMaxMiB: mib(Math.max(...samples)), rssLastMiB: mib(samples[samples.length - 1]), qps: Math.round(qps) };
      rows.push(row);
      console.log(`minute ${minute}: RSS max ${row.rssMaxMiB} MiB, last ${row.rssLastMiB} MiB, ${row.qps} answered q/s, bad traffic so far ${JSON.stringify(bad.counts)}`);
    }
    const v = verdict(rows, o.tolerancePct);
    const table = ['| minute | RSS max (MiB) | RSS at end (MiB) | answered q/s |', '|---|---|---|---|', ...rows.map((r) => `| ${r.minute} | ${r.rssMaxMiB} | ${r.rssLastMiB} | ${r.qps} |`)];
    const report = [...table, '', `bad traffic sent: ${JSON.stringify(bad.counts)}`, v.text, ''].join('\n');
    console.log(`\n${report}`);
    if (o.out) fs.writeFileSync(o.out, report);
    if (v.flat) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`the daemon's log is kept in ${dir}`);
    return v.flat ? 0 : 1;
  } finally {
    cleanup();
    await new Promise((r) => (alive(daemon) ? daemon.once('exit', r) : r(null)));
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`soak failed: ${e.message}`);
    process.exit(2);
  },
);
