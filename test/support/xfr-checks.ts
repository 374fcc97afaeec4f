// Looking at a server from outside during transfer tests: SOA serial and rcode, AXFR contents and refusals, with dig and raw TCP.
import { execFile } from 'node:child_process';
import dnsPacket from 'dns-packet';
import { tcpExchange } from './net.js';
import type { TsigSecret } from './xfr-peers.js';

function run(cmd: string, args: string[], timeoutMs = 30000): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 1 << 30 }, (_e, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

/** The status and SOA serial of an SOA query over UDP (serial null when there is no SOA answer). */
export async function soaOf(port: number, zone: string): Promise<{ status: string; serial: number | null }> {
  const out = await run('dig', [`@127.0.0.1`, '-p', String(port), zone, 'SOA', '+norec', '+time=1', '+tries=2', '+noall', '+comments', '+answer']);
  const status = /status: ([A-Z]+)/.exec(out)?.[1] ?? 'NOANSWER';
  const soa = out.split('\n').find((l) => /\sIN\s+SOA\s/.test(l));
  const serial = soa ? Number(soa.trim().split(/\s+/)[6]) : null;
  return { status, serial };
}

/** Polls until `check` is true, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the server answers the zone's SOA with `serial`. */
export function waitForSerial(port: number, zone: string, serial: number, timeoutMs = 20000): Promise<void> {
  return waitFor(`serial ${serial} of ${zone} on port ${port}`, async () => (await soaOf(port, zone)).serial === serial, timeoutMs);
}

/**
 * The zone as an AXFR over TCP gives it (dig, signed with `key` when given): one normalised line per
 * record (owner lower-cased, fields single-spaced), sorted, the closing SOA and TSIG left out. Null
 * when the transfer failed.
 */
export async function axfrRecords(port: number, zone: string, key?: TsigSecret): Promise<string[] | null> {
  const args = [`@127.0.0.1`, '-p', String(port), zone, 'AXFR', '+nocmd', '+nostats', '+noall', '+answer', '+time=10', '+tries=1'];
  if (key) args.push('-y', `hmac-sha256:${key.name}:${key.secret}`);
  const out = await run('dig', args, 120000);
  if (/^; Transfer failed|^;; (communications error|connection timed out|Connection to .* failed)|^dig: /m.test(out)) return null;
  const lines = out.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith(';'));
  const records = lines.map(normalise).filter((l) => !/ TSIG /.test(l));
  const soaAt = records.findIndex((l) => / IN SOA /.test(l));
  if (soaAt < 0 || records.length < 2) return null;
  records.pop(); // the closing SOA
  return records.sort();
}

function normalise(line: string): string {
  const f = line.split(/\s+/);
  f[0] = f[0].toLowerCase();
  return f.join(' ');
}

/** The rcode of an unsigned AXFR request over TCP, read from the first answer message (raw, no dig). */
export async function unsignedAxfrRcode(port: number, zone: string): Promise<string> {
  const q = dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: zone, type: 'AXFR' }] });
  const replies = await tcpExchange('127.0.0.1', port, [q], 1, 5000);
  if (replies.length === 0) return 'NOANSWER';
  return (dnsPacket.decode(replies[0]) as { rcode?: string }).rcode ?? 'NOERROR';
}

/** Lines of a tsdns JSON log that match every field of `fields`. */
export function tsdnsLogLines(log: string, fields: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (Object.entries(fields).every(([k, v]) => (v instanceof RegExp ? typeof o[k] === 'string' && v.test(o[k] as string) : o[k] === v))) out.push(o);
    } catch {
      // not a log line
    }
  }
  return out;
}
