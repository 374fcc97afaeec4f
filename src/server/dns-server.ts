// All listeners of the daemon: UDP and TCP on every address, one shared TCP connection cap, orderly shutdown.
import type { RequestHandler, TrafficSink } from '../process/index.js';
import { TcpConnections, type TcpLimits } from './tcp-connections.js';
import { TcpListener } from './tcp-listener.js';
import { ServerError } from './errors.js';
import { type UdpForward, UdpListener } from './udp-listener.js';

/** How often port 0 asks again when TCP cannot have the port UDP got. */
const PORT_ZERO_ATTEMPTS = 5;

/** One address to serve on, both UDP and TCP. */
export interface ListenSpec {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
}

export interface DnsServerInit {
  readonly listen: readonly ListenSpec[];
  readonly handler: RequestHandler;
  readonly tcp: TcpLimits;
  readonly receiveBufferSize?: number;
  readonly sendBufferSize?: number;
  readonly onError?: (e: unknown) => void;
  /** Connections closed by the TCP limits and failed sends, for the counters and the rate-limited log. */
  readonly traffic?: TrafficSink;
  /** cluster: the primary serves TCP only, its workers UDP only (service/cluster-*.ts); default both. */
  readonly transports?: Transports;
  /** cluster: UDP sockets bound through node:cluster's shared handle (see UdpListener). */
  readonly udpShared?: boolean;
  /** cluster: UDP requests a worker hands on to the primary. */
  readonly udpForward?: UdpForward;
}

export type Transports = 'both' | 'udp' | 'tcp';

/** A bound address as the system reports it (the port is resolved when 0 was asked for). */
export interface BoundAddress extends ListenSpec {}

/** Opens and closes the listeners; the request handler does all the DNS work. */
export class DnsServer {
  private readonly init: DnsServerInit;
  private readonly connections: TcpConnections;
  /** Index-aligned with `bound`; null where this server does not run that transport. */
  private udp: (UdpListener | null)[] = [];
  private tcp: (TcpListener | null)[] = [];
  private bound: BoundAddress[] = [];

  constructor(init: DnsServerInit) {
    this.init = init;
    this.connections = new TcpConnections(init.tcp, init.traffic);
  }

  get addresses(): readonly BoundAddress[] {
    return this.bound;
  }

  get openTcpConnections(): number {
    return this.connections.open.size;
  }

  /**
   * Binds UDP then TCP on each address, in order; a port of 0 becomes the one the UDP socket got, so
   * both transports share it. On any failure everything opened so far is closed and the ServerError
   * is thrown.
   */
  async start(): Promise<void> {
    try {
      for (const spec of this.init.listen) await this.bindOne(spec);
    } catch (e) {
      await this.closeListeners();
      throw e;
    }
  }

  /**
   * UDP then TCP on one address. Port 0 (tests) takes the port the system gave the UDP socket for TCP
   * too, and a TCP client's outgoing socket may already hold that port: then both are given up and
   * another port is asked for, a few times.
   */
  private async bindOne(spec: ListenSpec): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const from = this.bound.length;
      try {
        await this.bindPair(spec);
        return;
      } catch (e) {
        const taken = e instanceof ServerError && e.sysCode === 'EADDRINUSE';
        if (spec.port !== 0 || !taken || attempt >= PORT_ZERO_ATTEMPTS) throw e;
        const opened = [...this.udp.splice(from), ...this.tcp.splice(from)];
        await Promise.all(opened.map((l) => l?.close()));
      }
    }
  }

  /** UDP then TCP on one address (the TCP listener takes the port the UDP socket got). */
  private async bindPair(spec: ListenSpec): Promise<void> {
    const i = this.init;
    const which = i.transports ?? 'both';
    let port = spec.port;
    let u: UdpListener | null = null;
    if (which !== 'tcp') {
      u = new UdpListener({
        ...spec, handler: i.handler, receiveBufferSize: i.receiveBufferSize, sendBufferSize: i.sendBufferSize, onError: i.onError, traffic: i.traffic,
        shared: i.udpShared, forward: i.udpForward,
      });
      this.udp.push(u);
      port = await u.bind();
    }
    let t: TcpListener | null = null;
    if (which !== 'udp') {
      t = new TcpListener({ ...spec, port, handler: i.handler, connections: this.connections, onError: i.onError, traffic: i.traffic });
      this.tcp.push(t);
      port = await t.listen();
    }
    // Both arrays stay aligned with `bound` (closeSome removes by index).
    if (u === null) this.udp.push(null);
    if (t === null) this.tcp.push(null);
    this.bound.push({ ...spec, port });
  }

  // ---- ops: reconfig changes the listening addresses without a restart ----

  /** Binds more addresses; when one fails, those this call opened are closed again and the error is thrown. */
  async listenMore(specs: readonly ListenSpec[]): Promise<void> {
    const from = this.bound.length;
    try {
      for (const spec of specs) await this.bindOne(spec);
    } catch (e) {
      const opened = [...this.udp.splice(from), ...this.tcp.splice(from)];
      this.bound.splice(from);
      await Promise.all(opened.map((l) => l?.close()));
      throw e;
    }
  }

  /** Stops listening on these bound addresses; their open TCP connections finish as usual. */
  async closeSome(addresses: readonly BoundAddress[]): Promise<void> {
    const gone = new Set(addresses.map((a) => `${a.address}@${a.port}`));
    const closing: Promise<void>[] = [];
    for (let i = this.bound.length - 1; i >= 0; i--) {
      if (!gone.has(`${this.bound[i].address}@${this.bound[i].port}`)) continue;
      const u = this.udp[i];
      if (u !== null) closing.push(u.close());
      void this.tcp[i]?.close(); // resolves when its last connection ends: not waited for
      this.udp.splice(i, 1);
      this.tcp.splice(i, 1);
      this.bound.splice(i, 1);
    }
    await Promise.all(closing);
  }
  // ---- end ops ----

  /**
   * Stops taking requests: listeners close, open TCP connections are half-closed after the answers
   * already written (in-flight answers are delivered), and any still open after `drainMs` are cut.
   */
  async stop(drainMs = 3000): Promise<void> {
    // net.Server.close() resolves only when its connections are gone, so end those before waiting.
    const closing = this.closeListeners();
    this.connections.endAll();
    const deadline = Date.now() + drainMs;
    while (this.connections.open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.connections.destroyAll();
    await closing;
  }

  private async closeListeners(): Promise<void> {
    const all = [...this.udp.map((u) => u?.close()), ...this.tcp.map((t) => t?.close())];
    this.udp = [];
    this.tcp = [];
    await Promise.all(all);
  }
}
