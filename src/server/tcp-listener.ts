// DNS over TCP: length framing, pipelined queries answered in order, idle timeout, connection and query caps.
import net from 'node:net';
import type { RequestHandler } from '../process/index.js';
import { ServerError } from './errors.js';
import { frame, TcpFramer } from './tcp-framer.js';

/** NSD closes a TCP connection whose message is shorter than a header plus the root question (17 octets). */
const MIN_TCP_MESSAGE = 12 + 1 + 4;

export interface TcpLimits {
  /** tcp-count: connections open at once over all TCP listeners; more are closed at once. */
  readonly maxConnections: number;
  /** tcp-timeout, in milliseconds: a connection idle this long is closed. */
  readonly idleTimeoutMs: number;
  /** tcp-query-count: close after this many answers (0: no limit). */
  readonly maxQueries: number;
}

/** The connections of all TCP listeners, shared so tcp-count is one global cap as in NSD. */
export class TcpConnections {
  readonly open = new Set<net.Socket>();

  constructor(readonly limits: TcpLimits) {}

  /** Half-closes every connection after what was already written (shutdown): answers in flight are sent. */
  endAll(): void {
    for (const s of this.open) s.end();
  }

  destroyAll(): void {
    for (const s of this.open) s.destroy();
  }
}

export interface TcpListenerInit {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
  readonly handler: RequestHandler;
  readonly connections: TcpConnections;
  /** A handler that throws is a bug: the connection is closed and the error reported here. */
  readonly onError?: (e: unknown) => void;
}

/** One listening TCP socket. */
export class TcpListener {
  private readonly server: net.Server;
  private readonly init: TcpListenerInit;

  constructor(init: TcpListenerInit) {
    this.init = init;
    this.server = net.createServer({ noDelay: true }, (s) => this.accept(s));
  }

  listen(): Promise<number> {
    const { address, port, family } = this.init;
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        reject(new ServerError('BIND', `cannot listen on TCP ${address}@${port}: ${e.message}`));
      };
      this.server.once('error', onError);
      // An IPv6 socket takes only IPv6 so the IPv4 listener on the same port can exist (NSD sets IPV6_V6ONLY).
      this.server.listen({ host: address, port, ipv6Only: family === 6, backlog: 256 }, () => {
        this.server.off('error', onError);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting; open connections are left to TcpConnections. */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const conns = this.init.connections;
    if (conns.open.size >= conns.limits.maxConnections) {
      socket.destroy();
      return;
    }
    conns.open.add(socket);
    socket.once('close', () => conns.open.delete(socket));
    socket.on('error', () => socket.destroy());
    new TcpSession(socket, this.init, conns.limits).start();
  }
}

/** One connection: reads frames, answers each in order as soon as it is complete. */
class TcpSession {
  private readonly framer = new TcpFramer();
  private answered = 0;
  private closing = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly init: TcpListenerInit,
    private readonly limits: TcpLimits,
  ) {}

  start(): void {
    const s = this.socket;
    if (this.limits.idleTimeoutMs > 0) {
      s.setTimeout(this.limits.idleTimeoutMs);
      s.on('timeout', () => s.destroy());
    }
    s.on('data', (chunk: Buffer) => this.onData(chunk));
    // The client half-closed: answer what it sent, then close our side (NSD answers, then closes).
    s.on('end', () => this.finish());
    s.on('drain', () => {
      if (!this.closing) s.resume();
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.framer.push(chunk);
    for (let msg = this.framer.next(); msg !== null; msg = this.framer.next()) {
      if (!this.answer(msg)) return;
    }
  }

  /** Answers one message; false when the connection is being closed. */
  private answer(msg: Uint8Array): boolean {
    if (msg.length < MIN_TCP_MESSAGE) return this.finish();
    let out: Uint8Array | null;
    try {
      out = this.init.handler.handle(msg, { transport: 'tcp', family: this.init.family });
    } catch (e) {
      this.init.onError?.(e);
      out = null;
    }
    if (out === null) return this.finish(); // NSD drops the whole connection with a discarded query
    const flushed = this.socket.write(frame(out));
    this.answered++;
    if (this.limits.maxQueries > 0 && this.answered >= this.limits.maxQueries) return this.finish();
    // Backpressure: a client that sends but does not read gets no more reads until it does.
    if (!flushed) this.socket.pause();
    return true;
  }

  /** Sends what was written, then closes; nothing more is read. */
  private finish(): false {
    if (!this.closing) {
      this.closing = true;
      this.socket.end();
    }
    return false;
  }
}
