// The client side of the control channel (nsd-control.c contact_server, go_cmd): connect, send, print the reply.
import fs from 'node:fs';
import net from 'node:net';
import type { RemoteControlConfig } from '../config/index.js';
import { ControlError } from './errors.js';
import { requestText } from './protocol.js';

/** Where the client connects: a unix socket path, or an address and port (with TLS). */
export type ControlTarget = { readonly path: string } | { readonly host: string; readonly port: number };

/** nsd-control's choice: -s server[@port], else the first control-interface, else 127.0.0.1 (::1 without IPv4). */
export function controlTarget(c: RemoteControlConfig, server: string | null, doIp4 = true): ControlTarget {
  let spec = server;
  if (spec === null) {
    const first = c.controlInterfaces[0];
    if (first?.socketPath) return { path: first.socketPath };
    spec = first ? (first.address ?? first.interfaceName ?? '127.0.0.1') + (first.port !== null ? `@${first.port}` : '') : doIp4 ? '127.0.0.1' : '::1';
  }
  if (spec.startsWith('/')) return { path: spec };
  const at = spec.lastIndexOf('@');
  const host = at >= 0 ? spec.slice(0, at) : spec;
  const port = at >= 0 ? Number(spec.slice(at + 1)) : c.controlPort;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ControlError('CONTROL_ARGS', `bad port in server address '${spec}'`);
  return { host, port };
}

/** The connected socket and the event that says it is ready for the request. */
interface Opened {
  readonly sock: net.Socket;
  readonly ready: 'connect' | 'secureConnect';
}

async function connect(target: ControlTarget, c: RemoteControlConfig): Promise<Opened> {
  if ('path' in target) return { sock: net.connect({ path: target.path }), ready: 'connect' };
  const read = (f: string): Buffer => {
    try {
      return fs.readFileSync(f);
    } catch (e) {
      throw new ControlError('CONTROL_TLS', `cannot read ${f}: ${(e as Error).message}`);
    }
  };
  const options = { host: target.host, port: target.port, ca: read(c.serverCertFile), key: read(c.controlKeyFile), cert: read(c.controlCertFile) };
  // Loaded here, not at the top: the daemon imports this module's siblings, and node:tls costs it RSS.
  const tls = (await import('node:tls')).default;
  // NSD's control certificates name no host: the server is checked against its certificate only.
  return { sock: tls.connect({ ...options, checkServerIdentity: () => undefined }), ready: 'secureConnect' };
}

/** Why a connection failed: "refused" (nothing listens: NSD's "is stopped") or another error. */
export class ControlConnectError extends ControlError {
  constructor(readonly refused: boolean, message: string) {
    super(refused ? 'CONTROL_REFUSED' : 'CONTROL_CONNECT', message);
  }
}

/** Sends one command and resolves with the whole reply text. */
export async function sendCommand(target: ControlTarget, c: RemoteControlConfig, words: readonly string[], input: readonly string[] | null, timeoutMs = 130_000): Promise<string> {
  const { sock, ready } = await connect(target, c);
  return new Promise((resolve, reject) => {
    let reply = '';
    let connected = false;
    const where = 'path' in target ? target.path : `${target.host}@${target.port}`;
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error('timed out')));
    sock.setEncoding('latin1');
    sock.once(ready, () => {
      connected = true;
      sock.write(requestText(words, input));
    });
    sock.on('data', (d: string) => (reply += d));
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (connected && reply !== '') return;
      const refused = e.code === 'ECONNREFUSED' || e.code === 'ENOENT';
      reject(new ControlConnectError(refused, `connect (${where}): ${e.message}`));
    });
    sock.on('close', () => {
      if (connected) resolve(reply);
    });
  });
}

/** nsd-control exits 1 when the reply's first line starts with "error"; tsdns-control also when any line does. */
export function replyFailed(reply: string): boolean {
  return reply.split('\n').some((l) => l.startsWith('error'));
}
