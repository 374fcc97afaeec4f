// dnsperf from Debian as the load: installing it when missing, one bounded run, and its figures parsed.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { killGroup, LOAD_CORE } from './bench-servers.js';

export const DNSPERF = 'dnsperf';

function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure dnsperf (and taskset, kdig) are there, installing dnsperf from Debian when it is not. */
export function ensureTools(): void {
  if (!have(DNSPERF)) {
    process.stdout.write('bench: dnsperf is missing; installing it with apt-get (Debian package dnsperf)\n');
    try {
      execFileSync('sh', ['-c', 'apt-get install -y dnsperf || (apt-get update && apt-get install -y dnsperf)'], { stdio: 'inherit', timeout: 300000 });
    } catch {
      throw new Error('bench: could not install dnsperf; run `apt-get install -y dnsperf` as root and try again');
    }
  }
  for (const tool of ['taskset', 'kdig', '/usr/sbin/nsd']) {
    if (!have(tool)) throw new Error(`bench: ${tool} is missing (Debian: util-linux, knot-dnsutils, nsd)`);
  }
}

export function dnsperfVersion(): string {
  try {
    const out = execFileSync(DNSPERF, ['-h'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /Version (\S+)/.exec(out)?.[1] ?? 'unknown';
  } catch (e) {
    const text = String((e as { stdout?: string }).stdout ?? '') + String((e as { stderr?: string }).stderr ?? '');
    return /Version (\S+)/.exec(text)?.[1] ?? 'unknown';
  }
}

export interface PerfRun {
  readonly port: number;
  readonly dataFile: string;
  readonly seconds: number;
  readonly mode: 'udp' | 'tcp';
  /** Where the per-query verbose lines go (a file, so writing them costs dnsperf little). */
  readonly verboseFile: string;
}

/** The exact command line, for the report. */
export function dnsperfArgv(run: PerfRun): string[] {
  const argv = ['taskset', '-c', LOAD_CORE, DNSPERF, '-s', '127.0.0.1', '-p', String(run.port), '-d', run.dataFile, '-l', String(run.seconds)];
  // 100 queries in flight over UDP (dnsperf's default); over TCP 10 connections, each pipelining 10.
  if (run.mode === 'tcp') argv.push('-m', 'tcp', '-c', '10', '-q', '100');
  else argv.push('-q', '100');
  argv.push('-v');
  return argv;
}

export interface PerfResult {
  readonly sent: number;
  readonly completed: number;
  readonly lost: number;
  readonly qps: number;
  readonly runTime: number;
  readonly rcodes: string;
  /** Latency percentiles in milliseconds, from the per-query lines. */
  readonly p50: number;
  readonly p99: number;
  /** CPU seconds dnsperf used (user + system), from the shell's `times`: near the run time means it was the limit. */
  readonly loadCpu: number;
}

/** Runs dnsperf to completion (bounded by its -l plus a margin) and parses its statistics and latencies. */
export async function runDnsperf(run: PerfRun): Promise<PerfResult> {
  // The shell's `times` after dnsperf exits prints its children's CPU time: dnsperf's own cost.
  const script = `${dnsperfArgv(run).map((a) => `'${a}'`).join(' ')} && times`;
  const out = fs.openSync(run.verboseFile, 'w');
  // Detached, so a stuck run is ended with its whole group (the shell and dnsperf under it).
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', out, 'pipe'], detached: true });
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  const kill = setTimeout(() => killGroup(child), (run.seconds + 30) * 1000);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(kill);
  fs.closeSync(out);
  if (code !== 0) throw new Error(`dnsperf exited with ${code}: ${err}`);
  const result = await parseVerbose(run.verboseFile);
  fs.rmSync(run.verboseFile, { force: true });
  return result;
}

function stat(text: string, label: string): number {
  const m = new RegExp(`${label}:\\s+([0-9.]+)`).exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Reads dnsperf -v output: "> RCODE name type latency" lines, then the statistics block. */
async function parseVerbose(file: string): Promise<PerfResult> {
  const latencies: number[] = [];
  let tail = '';
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.startsWith('> ')) {
      const last = line.lastIndexOf(' ');
      const code = line.slice(2, line.indexOf(' ', 2));
      // T is a timeout and I an interruption at the end of the run: neither has a latency.
      if (code !== 'T' && code !== 'I') latencies.push(Number(line.slice(last + 1)));
    } else {
      tail += line + '\n';
    }
  }
  // A typed array sorts numerically and fast: a 10 s run gives about a million latencies.
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 1000);
  return {
    sent: stat(tail, 'Queries sent'),
    completed: stat(tail, 'Queries completed'),
    lost: stat(tail, 'Queries lost'),
    qps: stat(tail, 'Queries per second'),
    runTime: stat(tail, 'Run time \\(s\\)'),
    rcodes: /Response codes:\s+(.*)/.exec(tail)?.[1] ?? '',
    p50: pct(0.5),
    p99: pct(0.99),
    loadCpu: childTimes(tail),
  };
}

/** The second line of `times` ("0m1.230s 0m2.340s"): user and system time of the shell's children. */
function childTimes(tail: string): number {
  const lines = [...tail.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)];
  const m = lines.at(-1);
  return m === undefined ? NaN : Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
}
