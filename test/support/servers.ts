// Starting and stopping the real servers a system test compares: NSD from Debian and the tsdns daemon.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { waitForDns } from './net.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TSDNS_BIN = path.join(REPO, 'dist/src/cli/tsdns.js');

export interface RunningServer {
  readonly port: number;
  readonly proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function probeFor(zone: string): Uint8Array {
  return dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: zone, type: 'SOA' }] });
}

function track(proc: ChildProcess, port: number): RunningServer {
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    port,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** NSD's own runtime files, kept in the test's temp dir so NSD needs no system paths. */
export function nsdRuntimeOptions(dir: string): string {
  return [
    `    database: ""`,
    `    pidfile: "${dir}/nsd.pid"`,
    `    xfrdfile: "${dir}/xfrd.state"`,
    `    zonelistfile: "${dir}/zone.list"`,
    `    xfrdir: "${dir}"`,
    `    username: ""`,
    `    chroot: ""`,
    `    logfile: "${dir}/nsd.log"`,
  ].join('\n');
}

/**
 * A remote-control clause that keeps NSD off its control port: Debian's NSD defaults to control-enable: yes,
 * and two test instances would fight over port 8952.
 */
export const NSD_NO_CONTROL = 'remote-control:\n    control-enable: no\n';

/** Runs `nsd -d -c conf -p port` and waits until it answers an SOA query for `probeZone`. */
export async function startNsd(conf: string, port: number, probeZone: string): Promise<RunningServer> {
  const proc = spawn('/usr/sbin/nsd', ['-d', '-c', conf, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const s = track(proc, port);
  await waitOrStop(s, probeZone);
  return s;
}

/** Runs the tsdns daemon on `conf` with `-p port` and waits until it answers an SOA query for `probeZone`. */
export async function startTsdns(conf: string, port: number, probeZone: string, extra: string[] = []): Promise<RunningServer> {
  const proc = spawn(process.execPath, [TSDNS_BIN, '-c', conf, '-p', String(port), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const s = track(proc, port);
  await waitOrStop(s, probeZone);
  return s;
}

async function waitOrStop(s: RunningServer, probeZone: string): Promise<void> {
  try {
    await waitForDns('127.0.0.1', s.port, probeFor(probeZone));
  } catch (e) {
    await s.stop();
    throw new Error(`${(e as Error).message}; server output:\n${s.output()}`);
  }
}
