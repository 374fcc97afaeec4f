// Helpers for the operations tests: tsdns-control runs, HTTP GETs, a tsdns config with control and health.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { REPO } from './servers.js';

export const CONTROL_BIN = path.join(REPO, 'dist/src/cli/tsdns-control.js');

export interface CtlResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs tsdns-control (or any control client binary) with the config, optional stdin; never rejects. */
export function ctl(conf: string, words: string[], stdin?: string, bin: string[] = [process.execPath, CONTROL_BIN]): Promise<CtlResult> {
  return new Promise((resolve) => {
    const child = spawn(bin[0], [...bin.slice(1), '-c', conf, ...words], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, err });
    });
    // A client that exits before reading stdin (an error reply) must not fail the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}

export function httpGet(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

/** Writes a file atomically (temp file and rename), so a reload never reads half of it. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export function zoneText(origin: string, serial: number, extra: string[] = []): string {
  return [`$ORIGIN ${origin}.`, '$TTL 300', `@ SOA ns1 hostmaster ${serial} 3600 600 86400 300`, '@ NS ns1', 'ns1 A 192.0.2.1', ...extra, ''].join('\n');
}

export function dig(port: number, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('dig', [`@127.0.0.1`, '-p', String(port), '+time=2', '+tries=1', ...args], { timeout: 10000 }, (_e, stdout) => resolve(stdout));
  });
}
