// Starting the measured servers (NSD, tsdns, the floor) pinned to one core, and knowing when they answer.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { NSD_NO_CONTROL, nsdRuntimeOptions, REPO, TSDNS_BIN } from '../support/servers.js';

export const SERVER_CORE = '0';
export const LOAD_CORE = '1';
export const NSD_BIN = '/usr/sbin/nsd';
export const FLOOR_BIN = path.join(REPO, 'dist/test/bench/floor-server.js');

export interface BenchZone {
  readonly name: string;
  readonly file: string;
  /** More lines for the zone clause (a secondary's request-xfr); none means a primary that allows AXFR. */
  readonly extra?: readonly string[];
}

/**
 * One nsd.conf both NSD and tsdns read: loopback only, one server process, NSD's default RRL off (it would
 * throttle the load), no control port, AXFR allowed to loopback for the transfer timing.
 */
export function writeConf(dir: string, port: number, zones: readonly BenchZone[], serverCount = 1): string {
  const lines = [
    'server:',
    '    ip-address: 127.0.0.1',
    `    port: ${port}`,
    `    server-count: ${serverCount}`,
    '    verbosity: 0',
    '    rrl-ratelimit: 0',
    '    minimal-responses: no',
    nsdRuntimeOptions(dir),
    NSD_NO_CONTROL,
  ];
  for (const z of zones) {
    lines.push('zone:', `    name: "${z.name}"`, `    zonefile: "${z.file}"`, ...(z.extra ?? ['    provide-xfr: 127.0.0.1 NOKEY']));
  }
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, lines.join('\n') + '\n');
  return conf;
}

export interface Launched {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** process.hrtime.bigint() just before the spawn. */
  readonly startedAt: bigint;
  output(): string;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

/** Every server still running, so an interrupted bench can stop them all (each by its own pid). */
const live = new Set<ChildProcess>();

/**
 * SIGKILL to the process group of a child the bench started detached (its own group, led by its pid), so
 * NSD's forked server and xfrd processes go too.
 */
export function killGroup(p: ChildProcess): void {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    p.kill('SIGKILL');
  }
}

/** Kills whatever servers are still running: the bench's last resort on an error or a signal. */
export function killLive(): void {
  for (const p of live) killGroup(p);
  live.clear();
}

/** Spawns `argv` under `taskset -c <core>`; taskset execs the command, so the pid is the server's own. */
export function launch(name: string, port: number, argv: readonly string[], cwd = REPO, core = SERVER_CORE): Launched {
  const startedAt = process.hrtime.bigint();
  // Detached: the server leads its own process group, which killGroup can end whole.
  const proc: ChildProcess = spawn('taskset', ['-c', core, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stdout?.on('data', (d) => (out = (out + d).slice(-20000)));
  proc.stderr?.on('data', (d) => (out = (out + d).slice(-20000)));
  live.add(proc);
  const exited = new Promise<void>((r) => proc.once('exit', () => (live.delete(proc), r())));
  return {
    name,
    pid: proc.pid as number,
    port,
    startedAt,
    output: () => out,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => killGroup(proc), 10000);
      await exited;
      clearTimeout(t);
    },
  };
}

export function nsdArgv(conf: string, port: number): string[] {
  return [NSD_BIN, '-d', '-c', conf, '-p', String(port)];
}

export function tsdnsArgv(conf: string, port: number, nodeFlags: readonly string[] = []): string[] {
  return [process.execPath, ...nodeFlags, TSDNS_BIN, '-c', conf, '-p', String(port)];
}

/** The floor; `syncLookup` runs the variant whose socket resolves the reply address synchronously. */
export function floorArgv(answersFile: string, port: number, syncLookup = false): string[] {
  return [process.execPath, FLOOR_BIN, answersFile, String(port), ...(syncLookup ? ['sync-lookup'] : [])];
}

/** True for an authoritative NOERROR reply that carries an answer: the zone is loaded and served. */
function servesZone(msg: Buffer): boolean {
  return msg.length >= 12 && (msg[3] & 0x0f) === 0 && (msg[2] & 0x04) !== 0 && msg.readUInt16BE(6) > 0;
}

/**
 * Resolves with the hrtime at which the first SOA answer for `zone` arrived, probing every 20 ms; rejects at
 * the deadline. Fine-grained so a load time is not rounded up to a slow poll.
 */
export function firstAnswer(port: number, zone: string, deadlineMs: number): Promise<bigint> {
  const probe = dnsPacket.encode({ type: 'query', id: 4242, questions: [{ name: zone, type: 'SOA' }] });
  const sock = dgram.createSocket('udp4');
  return new Promise<bigint>((resolve, reject) => {
    const timer = setInterval(() => sock.send(probe, port, '127.0.0.1'), 20);
    const deadline = setTimeout(() => finish(new Error(`no SOA answer for ${zone} on port ${port} within ${deadlineMs} ms`)), deadlineMs);
    function finish(result: bigint | Error): void {
      clearInterval(timer);
      clearTimeout(deadline);
      sock.close();
      if (typeof result === 'bigint') resolve(result);
      else reject(result);
    }
    sock.on('message', (msg) => {
      if (servesZone(msg)) finish(process.hrtime.bigint());
    });
    sock.on('error', () => undefined);
    sock.bind(0, '127.0.0.1', () => sock.send(probe, port, '127.0.0.1'));
  });
}

/** The first answer's hrtime, or a rejection as soon as the server exits: a crash need not wait out the deadline. */
export function answerOrExit(s: Launched, zone: string, deadlineMs: number): Promise<bigint> {
  const died = s.exited.then(() => Promise.reject(new Error(`${s.name} exited before answering`)));
  return Promise.race([firstAnswer(s.port, zone, deadlineMs), died]);
}

/** Launches and waits until the server answers for `zone`; stops it and throws with its output if it never does. */
export async function launchReady(name: string, port: number, argv: readonly string[], zone: string, deadlineMs = 60000, core = SERVER_CORE): Promise<Launched & { readyAt: bigint }> {
  const s = launch(name, port, argv, REPO, core);
  try {
    const readyAt = await answerOrExit(s, zone, deadlineMs);
    return { ...s, readyAt };
  } catch (e) {
    await s.stop();
    throw new Error(`${name} did not start: ${(e as Error).message}\n${s.output()}`);
  }
}
