// DNS over TCP: length framing, pipelined queries answered in order, idle timeout, connection and query caps.
import net from 'node:net';
import { Traffic, type RequestContext, type RequestHandler, type TcpResponse, type TrafficSink } from '../process/index.js';
import { ServerError } from './errors.js';
import type { TcpConnections, TcpLimits } from './tcp-connections.js';
import { frame, TcpFramer } from './tcp-framer.js';

/** NSD closes a TCP connection whose message is shorter than a header plus the root question (17 octets). */
const MIN_TCP_MESSAGE = 12 + 1 + 4;
/** harden2: NSD handle_tcp_accept: with more than half of tcp-count open, a new connection gets 200 ms, not tcp-timeout. */
const BUSY_TIMEOUT_MS = 200;

export interface TcpListenerInit {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
  readonly handler: RequestHandler;
  readonly connections: TcpConnections;
  /** A handler that throws is a bug: the connection is closed and the error reported here. */
  readonly onError?: (e: unknown) => void;
  /** Connections closed for tcp-timeout or a bad length prefix (counted and logged by the service). */
  readonly traffic?: TrafficSink;
}

/** One listening TCP socket. */
export class TcpListener {
  private readonly server: net.Server;
  private readonly init: TcpListenerInit;

  constructor(init: TcpListenerInit) {
    this.init = init;
    // Nothing is read from a connection until it has a slot (see TcpConnections): TcpSession.start resumes it.
    this.server = net.createServer({ noDelay: true, pauseOnConnect: true }, (s) => this.accept(s));
  }

  listen(): Promise<number> {
    const { address, port, family } = this.init;
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        reject(new ServerError('BIND', `cannot listen on TCP ${address}@${port}: ${e.message}`, e.code));
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
    this.init.connections.admit(socket, this.startSession);
  }

  /** A connection that got its slot (at once, or after waiting for one). */
  private readonly startSession = (socket: net.Socket): void => {
    const conns = this.init.connections;
    // harden2: under load (idle connections piling up) new ones get NSD's short timeout.
    const busy = conns.open.size > conns.limits.maxConnections / 2;
    const limits = busy && conns.limits.idleTimeoutMs > BUSY_TIMEOUT_MS ? { ...conns.limits, idleTimeoutMs: BUSY_TIMEOUT_MS } : conns.limits;
    new TcpSession(socket, this.init, limits).start();
  };
}

/**
 * One connection: reads frames and answers each in order as soon as it is complete. A transfer's
 * messages are pulled one at a time and written while the socket takes them; when it buffers, the
 * session waits for 'drain' before making the next one (back-pressure: a slow reader slows the
 * transfer, memory stays at about one message). Requests that arrive meanwhile wait their turn.
 */
class TcpSession {
  private readonly framer = new TcpFramer();
  private readonly ctx: RequestContext;
  private answered = 0;
  private closing = false;
  /** The transfer being written, if any. */
  private stream: Iterator<Uint8Array> | null = null;
  /** Waiting for 'drain' before writing more. */
  private waiting = false;
  /** The client half-closed: close once everything it asked is answered. */
  private peerEnded = false;
  /**
   * harden2: a message must arrive whole within tcp-timeout of its first octet. The socket's idle
   * timeout alone restarts with every octet, so a client sending one octet a second (slowloris)
   * would hold its slot for ever.
   */
  private partialTimer: NodeJS.Timeout | null = null;
  /** harden2: a whole message was taken since the deadline was set (a steady pipeliner is not cut off). */
  private progressed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly init: TcpListenerInit,
    private readonly limits: TcpLimits,
  ) {
    this.ctx = { transport: 'tcp', family: init.family, address: socket.remoteAddress, port: socket.remotePort };
  }

  start(): void {
    const s = this.socket;
    if (this.limits.idleTimeoutMs > 0) {
      s.setTimeout(this.limits.idleTimeoutMs);
      s.on('timeout', () => this.timedOut());
    }
    s.on('data', (chunk: Buffer) => this.onData(chunk));
    // The client half-closed: answer what it sent, then close our side (NSD answers, then closes).
    s.on('end', () => {
      this.peerEnded = true;
      this.pump();
    });
    s.on('drain', () => {
      this.waiting = false;
      if (!this.closing && this.stream === null) s.resume();
      this.pump();
    });
    s.on('close', () => this.abandon());
    s.resume(); // accepted paused (pauseOnConnect): reading starts with the session
  }

  /** tcp-timeout: idle too long, or a message not whole in time. */
  private timedOut(): void {
    if (this.socket.destroyed) return;
    this.init.traffic?.note(Traffic.TCP_TIMEOUT, this.ctx.address);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.framer.push(chunk);
    this.pump();
    this.watchPartial(); // harden2
  }

  /** harden2: starts the whole-message deadline when a message is partly received, stops it when none is. */
  private watchPartial(): void {
    const partial = !this.closing && this.framer.pending > 0 && this.limits.idleTimeoutMs > 0;
    if (this.progressed && this.partialTimer !== null) {
      clearTimeout(this.partialTimer);
      this.partialTimer = null;
    }
    this.progressed = false;
    if (partial && this.partialTimer === null) {
      this.partialTimer = setTimeout(() => this.timedOut(), this.limits.idleTimeoutMs);
      this.partialTimer.unref();
    } else if (!partial && this.partialTimer !== null) {
      clearTimeout(this.partialTimer);
      this.partialTimer = null;
    }
  }

  /** Does all the work that can be done now: the open transfer first, then the requests received. */
  private pump(): void {
    while (!this.closing && !this.waiting) {
      if (this.stream !== null) {
        this.streamStep();
        continue;
      }
      const msg = this.framer.next();
      if (msg === null) break;
      this.progressed = true; // harden2
      if (!this.answer(msg)) return;
    }
    // The loop stopped with every complete request answered: after the client's half-close, close too.
    if (this.peerEnded && !this.closing && !this.waiting && this.stream === null) this.finish();
  }

  /** Answers one message; false when the connection is being closed. */
  private answer(msg: Uint8Array): boolean {
    if (msg.length < MIN_TCP_MESSAGE) {
      this.init.traffic?.note(Traffic.TCP_BAD_LENGTH, this.ctx.address); // NSD: "packet too small, dropping tcp connection"
      return this.finish();
    }
    let out: TcpResponse;
    try {
      const h = this.init.handler;
      out = h.handleTcp ? h.handleTcp(msg, this.ctx) : h.handle(msg, this.ctx);
    } catch (e) {
      this.init.onError?.(e);
      out = null;
    }
    if (out === null) return this.finish(); // NSD drops the whole connection with a discarded query
    if (!(out instanceof Uint8Array)) {
      // A transfer: reads stop until it is written, so its messages and later answers stay in order.
      this.stream = out;
      this.socket.pause();
      return true;
    }
    this.write(out);
    return this.counted();
  }

  /** Writes the next message of the open transfer, or ends it. */
  private streamStep(): void {
    const stream = this.stream as Iterator<Uint8Array>;
    let r: IteratorResult<Uint8Array>;
    try {
      r = stream.next();
    } catch (e) {
      // A message that cannot be made (a bug, or a record too large for a message): the client would
      // only see a broken transfer, so the connection goes, as NSD closes it on a failed transfer.
      this.init.onError?.(e);
      this.stream = null;
      this.socket.destroy();
      this.closing = true;
      return;
    }
    if (r.done) {
      this.stream = null;
      if (!this.waiting) this.socket.resume();
      this.counted();
      return;
    }
    this.write(r.value);
  }

  private write(msg: Uint8Array): void {
    // Backpressure: when the socket buffers, nothing more is read or made until it drains.
    if (!this.socket.write(frame(msg))) {
      this.waiting = true;
      this.socket.pause();
    }
  }

  /** Counts an answer against tcp-query-count; false when that closes the connection. */
  private counted(): boolean {
    this.answered++;
    if (this.limits.maxQueries > 0 && this.answered >= this.limits.maxQueries) return this.finish();
    return true;
  }

  /** The connection is gone: a transfer in progress is dropped (its generator is closed). */
  private abandon(): void {
    this.closing = true;
    this.watchPartial(); // harden2: clears the deadline
    const s = this.stream;
    this.stream = null;
    try {
      s?.return?.();
    } catch {
      // nothing left to release
    }
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
