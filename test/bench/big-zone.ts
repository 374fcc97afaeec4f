// The big zone: time from process start to the first answer, memory after the load, AXFR out, a secondary's pull.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/net.js';
import { answerOrExit, killGroup, launch, LOAD_CORE, nsdArgv, tsdnsArgv, writeConf } from './bench-servers.js';
import { memory, pssKb } from './procfs.js';
import { BIG_ZONE } from './zone-gen.js';

export interface LoadFigures {
  readonly server: string;
  /** Seconds from spawn to the first authoritative SOA answer; NaN when it never came. */
  readonly loadSeconds: number;
  /** VmRSS summed over the process tree, KiB, a second after the first answer. */
  readonly rssKb: number;
  /** Proportional set size over the tree (NSD's forked processes share the zone), KiB. */
  readonly pssKb: number;
  /** Peak VmHWM summed over the tree, KiB. */
  readonly hwmKb: number;
  /** Seconds for kdig to take the whole zone by AXFR, or a reason why it could not. */
  readonly axfr: AxfrFigure;
  readonly error?: string;
}

export type AxfrFigure = { readonly ok: true; readonly seconds: number; readonly kdigMs: number; readonly records: number; readonly messages: number } | { readonly ok: false; readonly reason: string };

/** The kdig command line for the report (stdout piped to tail so the harness reads only the statistics). */
export function kdigCommand(port: number, zone: string): string {
  return `taskset -c ${LOAD_CORE} kdig -p ${port} @127.0.0.1 ${zone} AXFR +stats | tail -n 4`;
}

/** Times one `kdig AXFR` on core 1; "REFUSED" and friends come back as the reason. */
export async function timeAxfr(port: number, zone: string, timeoutS: number): Promise<AxfrFigure> {
  const start = process.hrtime.bigint();
  // Detached, so a stuck transfer is ended with its whole group (the shell, kdig and tail).
  const child = spawn('sh', ['-c', kdigCommand(port, zone)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const kill = setTimeout(() => killGroup(child), timeoutS * 1000);
  await new Promise<void>((r) => child.once('exit', () => r()));
  clearTimeout(kill);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const got = /Received \d+ B \((\d+) messages, (\d+) records\)/.exec(out);
  const err = /ERROR: (.*)/.exec(out);
  if (got === null || err !== null || Number(got[2]) === 0) return { ok: false, reason: err?.[1] ?? (out.trim().split('\n').pop() || 'no answer') };
  const kdigMs = Number(/in ([0-9.]+) ms/.exec(out)?.[1] ?? NaN);
  return { ok: true, seconds, kdigMs, records: Number(got[2]), messages: Number(got[1]) };
}

async function settle(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Starts `server` on the big zone, times its first answer, reads its memory, times an AXFR out of it, stops it. */
export async function loadAndTransfer(server: 'NSD' | 'tsdns', zoneFile: string, tmp: string, deadlineS: number, zone = BIG_ZONE): Promise<LoadFigures> {
  const dir = fs.mkdtempSync(path.join(tmp, `${server}-big-`));
  const port = await freePort();
  const conf = writeConf(dir, port, [{ name: zone, file: zoneFile }]);
  const s = launch(server, port, server === 'NSD' ? nsdArgv(conf, port) : tsdnsArgv(conf, port));
  try {
    const readyAt = await answerOrExit(s, zone, deadlineS * 1000);
    const loadSeconds = Number(readyAt - s.startedAt) / 1e9;
    await settle(1000);
    const mem = memory(s.pid);
    const pss = pssKb(s.pid);
    const axfr = await timeAxfr(port, zone, deadlineS);
    return { server, loadSeconds, rssKb: mem.rssKb, pssKb: pss, hwmKb: memory(s.pid).hwmKb, axfr };
  } catch (e) {
    const none: AxfrFigure = { ok: false, reason: 'server did not load' };
    return { server, loadSeconds: NaN, rssKb: memory(s.pid).rssKb, pssKb: NaN, hwmKb: memory(s.pid).hwmKb, axfr: none, error: `${(e as Error).message}\n${s.output().slice(-2000)}` };
  } finally {
    await s.stop();
  }
}

export interface SecondaryFigures {
  /** Seconds from the secondary's start to its first answer out of the pulled zone, NaN when none came. */
  readonly seconds: number;
  readonly hwmKb: number;
  readonly note: string;
}

/**
 * A tsdns secondary of the big zone pulling it from NSD: time from start to the first answer it serves,
 * and its peak memory (the issue asks for no more than one extra copy of the zone during the pull).
 */
export async function secondaryPull(zoneFile: string, tmp: string, deadlineS: number, zone = BIG_ZONE): Promise<SecondaryFigures> {
  const pdir = fs.mkdtempSync(path.join(tmp, 'primary-'));
  const sdir = fs.mkdtempSync(path.join(tmp, 'secondary-'));
  const pport = await freePort();
  const pconf = writeConf(pdir, pport, [{ name: zone, file: zoneFile }]);
  const primary = launch('NSD', pport, nsdArgv(pconf, pport));
  try {
    await answerOrExit(primary, zone, deadlineS * 1000);
    const sport = await freePort();
    const extra = [`    request-xfr: 127.0.0.1@${pport} NOKEY`, '    allow-notify: 127.0.0.1 NOKEY'];
    const sconf = writeConf(sdir, sport, [{ name: zone, file: path.join(sdir, 'big.secondary.zone'), extra }]);
    const secondary = launch('tsdns', sport, tsdnsArgv(sconf, sport));
    try {
      const readyAt = await answerOrExit(secondary, zone, deadlineS * 1000);
      return { seconds: Number(readyAt - secondary.startedAt) / 1e9, hwmKb: memory(secondary.pid).hwmKb, note: '' };
    } catch {
      const why = lastLogMessage(path.join(sdir, 'nsd.log')) ?? lastLine(secondary.output());
      return { seconds: NaN, hwmKb: memory(secondary.pid).hwmKb, note: `no answer within ${deadlineS} s; its log ends: ${why}` };
    } finally {
      await secondary.stop();
    }
  } finally {
    await primary.stop();
  }
}

/** The `msg` of the last line of a pino log file, if there is one. */
function lastLogMessage(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const last = fs.readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '';
  try {
    return String((JSON.parse(last) as { msg?: unknown }).msg ?? last).slice(0, 300);
  } catch {
    return last.slice(0, 300) || undefined;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l !== '');
  return (lines.at(-1) ?? 'no output').slice(0, 300);
}
