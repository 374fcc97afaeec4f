// The control channel as NSD opens it (remote.c): unix sockets in plain text, or TCP with mutual TLS; one command per connection.
import fs from 'node:fs';
import net from 'node:net';
import type tls from 'node:tls';
import type { RemoteControlConfig } from '../config/index.js';
import type { ControlApi } from './api.js';
import { runCommand } from './commands.js';
import { ControlError } from './errors.js';
import { MAX_LINE, parseRequestText } from './protocol.js';

/** NSD's REMOTE_CONTROL_TCP_TIMEOUT: a connection that sends nothing for two minutes is closed. */
const IDLE_MS = 120_000;
/** NSD's max_active: more concurrent control connections are dropped. */
const MAX_ACTIVE = 10;

export interface ControlEndpoint {
  /** A unix socket path, or an address with its port. */
  readonly path: string | null;
  readonly address: string | null;
  readonly port: number;
}

export interface ControlServerInit {
  readonly config: RemoteControlConfig;
  readonly api: ControlApi;
  /** Whether IPv4 / IPv6 defaults are wanted (do-ip4, do-ip6) when no control-interface is given. */
  readonly doIp4?: boolean;
  readonly doIp6?: boolean;
  /** Every command is logged (NSD: "control cmd: ..." at verbosity 0). */
  readonly onCommand?: (line: string) => void;
  readonly onError?: (message: string) => void;
}

/** Where to listen: the control-interface lines, else 127.0.0.1 and ::1 on control-port (NSD's defaults). */
export function controlEndpoints(c: RemoteControlConfig, doIp4 = true, doIp6 = true): ControlEndpoint[] {
  if (c.controlInterfaces.length === 0) {
    const out: ControlEndpoint[] = [];
    if (doIp6) out.push({ path: null, address: '::1', port: c.controlPort });
    if (doIp4) out.push({ path: null, address: '127.0.0.1', port: c.controlPort });
    return out;
  }
  return c.controlInterfaces.map((i) => ({
    path: i.socketPath,
    address: i.socketPath !== null ? null : (i.address ?? i.interfaceName),
    port: i.port ?? c.controlPort,
  }));
}

/**
 * Serves nsd-control. As NSD: when the first control-interface is a unix socket, every interface speaks
 * plain text (access is by file permission); otherwise every interface speaks TLS with the server key and
 * certificate, and only clients with a certificate signed by the server certificate (nsd-control-setup's
 * nsd_control.pem) are served.
 */
export class ControlServer {
  private servers: net.Server[] = [];
  private readonly open = new Set<net.Socket>();
  private readonly sockets: string[] = [];

  constructor(private readonly init: ControlServerInit) {}

  /** The endpoints listened on (TCP ports resolved). */
  readonly bound: ControlEndpoint[] = [];

  async start(): Promise<void> {
    const endpoints = controlEndpoints(this.init.config, this.init.doIp4, this.init.doIp6);
    const plain = endpoints.length > 0 && endpoints[0].path !== null;
    const tlsOptions = plain ? null : this.tlsOptions();
    // node:tls is loaded only for a TLS control port: a few MB of RSS a server without one does not need.
    const tlsModule = tlsOptions === null ? null : (await import('node:tls')).default;
    try {
      for (const ep of endpoints) await this.listen(ep, tlsOptions, tlsModule);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  /** Stops listening; a reply being written (the "ok" of `stop` itself) gets a moment to go out. */
  async stop(): Promise<void> {
    const deadline = Date.now() + 1000;
    while (this.open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const s of this.open) s.destroy();
    const closing = this.servers.map((s) => new Promise<void>((r) => s.close(() => r())));
    this.servers = [];
    await Promise.all(closing);
    for (const p of this.sockets.splice(0)) {
      try {
        fs.unlinkSync(p);
      } catch {
        // already gone
      }
    }
  }

  private tlsOptions(): tls.TlsOptions {
    const c = this.init.config;
    const read = (file: string, what: string): Buffer => {
      try {
        return fs.readFileSync(file);
      } catch (e) {
        throw new ControlError('CONTROL_TLS', `cannot read the ${what} ${file}: ${(e as Error).message} (nsd-control-setup makes the key and certificate files)`);
      }
    };
    const cert = read(c.serverCertFile, 'server certificate');
    return { key: read(c.serverKeyFile, 'server key'), cert, ca: cert, requestCert: true, rejectUnauthorized: true };
  }

  private listen(ep: ControlEndpoint, tlsOptions: tls.TlsOptions | null, tlsModule: typeof tls | null): Promise<void> {
    const onConn = (s: net.Socket): void => this.accept(s);
    const server = tlsOptions === null || tlsModule === null ? net.createServer(onConn) : tlsModule.createServer(tlsOptions, onConn);
    // A client that fails the TLS handshake (no or a wrong certificate) is only logged.
    server.on('tlsClientError', (e: Error) => this.init.onError?.(`control connection refused: ${e.message}`));
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      const fail = (e: Error): void => reject(new ControlError('CONTROL_LISTEN', `cannot open control interface ${ep.path ?? `${ep.address}@${ep.port}`}: ${e.message}`));
      server.once('error', fail);
      const done = (): void => {
        server.off('error', fail);
        if (ep.path !== null) {
          this.sockets.push(ep.path);
          try {
            fs.chmodSync(ep.path, 0o660); // NSD: owner and group may use it
          } catch {
            // NSD carries on too
          }
          this.bound.push(ep);
        } else {
          this.bound.push({ ...ep, port: (server.address() as net.AddressInfo).port });
        }
        resolve();
      };
      if (ep.path !== null) {
        removeStaleSocket(ep.path);
        server.listen({ path: ep.path }, done);
      } else {
        server.listen({ host: ep.address ?? '127.0.0.1', port: ep.port, ipv6Only: (ep.address ?? '').includes(':') }, done);
      }
    });
  }

  private accept(socket: net.Socket): void {
    if (this.open.size >= MAX_ACTIVE) {
      this.init.onError?.('drop incoming remote control: too many connections');
      socket.destroy();
      return;
    }
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    let text = '';
    let handled = false;
    const tryRun = (ended: boolean): void => {
      if (handled) return;
      const p = parseRequestText(text, ended);
      if (p.state === 'more') {
        if (text.length > MAX_LINE * 1024) socket.destroy();
        return;
      }
      handled = true;
      if (p.state === 'bad') {
        if (p.reason === 'version mismatch') socket.end('error version mismatch\n');
        else socket.destroy();
        return;
      }
      this.init.onCommand?.(p.line.trim());
      void runCommand(this.init.api, { line: p.line, input: p.input }).then((out) => socket.end(out));
    };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      tryRun(false);
    });
    socket.on('end', () => tryRun(true));
  }
}

/** A socket file left by an earlier run is removed first (NSD unlinks it too); anything else is left alone. */
function removeStaleSocket(path: string): void {
  try {
    if (fs.statSync(path).isSocket()) fs.unlinkSync(path);
  } catch {
    // not there
  }
}
