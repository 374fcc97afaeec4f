// The TCP connection cap shared by every TCP listener (tcp-count), and what happens past it (tcp-reject-overflow).
import type net from 'node:net';
import { Traffic, type TrafficSink } from '../process/index.js';

/**
 * Connections waiting for a slot at most (tcp-reject-overflow: no). NSD leaves them in the kernel's
 * accept queue, which listen(2) bounds with its backlog (NSD's TCP_BACKLOG, 256); ours is the same size.
 */
export const WAIT_MAX = 256;

export interface TcpLimits {
  /** tcp-count: connections open at once over all TCP listeners. */
  readonly maxConnections: number;
  /** tcp-timeout, in milliseconds: a connection idle this long is closed. */
  readonly idleTimeoutMs: number;
  /** tcp-query-count: close after this many answers (0: no limit). */
  readonly maxQueries: number;
  /** tcp-reject-overflow: past tcp-count, close new connections at once rather than let them wait. */
  readonly rejectOverflow?: boolean;
}

interface Waiting {
  readonly socket: net.Socket;
  readonly start: (socket: net.Socket) => void;
}

/**
 * The connections of all TCP listeners, so tcp-count is one global cap as in NSD. Past the cap NSD
 * (server.c handle_tcp_accept) either stops accepting until a connection closes, so new ones wait in
 * the kernel's queue (the default), or with tcp-reject-overflow accepts and closes them at once.
 * Node.js cannot stop accepting on a listening socket without closing it, so a connection past the
 * cap is accepted and held unread (the listeners accept with pauseOnConnect): nothing of it is read
 * until it gets a slot, which is what the client of a kernel queue sees too.
 */
export class TcpConnections {
  readonly open = new Set<net.Socket>();
  private readonly waiting: Waiting[] = [];
  private stopping = false;

  constructor(
    readonly limits: TcpLimits,
    private readonly traffic?: TrafficSink,
  ) {}

  /** Connections accepted and waiting for a slot. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** A new connection: `start` is called now if a slot is free, later when one frees, or never (it is closed). */
  admit(socket: net.Socket, start: (socket: net.Socket) => void): void {
    socket.on('error', () => socket.destroy());
    if (this.open.size < this.limits.maxConnections && this.waiting.length === 0) {
      this.begin(socket, start);
      return;
    }
    if (this.stopping || this.limits.rejectOverflow === true || this.waiting.length >= WAIT_MAX) {
      this.traffic?.note(Traffic.TCP_REJECTED, socket.remoteAddress);
      socket.destroy();
      return;
    }
    this.waiting.push({ socket, start });
  }

  private begin(socket: net.Socket, start: (socket: net.Socket) => void): void {
    this.open.add(socket);
    socket.once('close', () => {
      this.open.delete(socket);
      this.startWaiting();
    });
    start(socket);
  }

  /** A slot freed: the connections that waited longest get it, in order (one the client gave up on is skipped). */
  private startWaiting(): void {
    while (!this.stopping && this.open.size < this.limits.maxConnections && this.waiting.length > 0) {
      const w = this.waiting.shift() as Waiting;
      if (!w.socket.destroyed) this.begin(w.socket, w.start);
    }
  }

  /** Half-closes every connection after what was already written (shutdown); those still waiting are closed unserved. */
  endAll(): void {
    this.stopping = true;
    for (const w of this.waiting.splice(0)) w.socket.destroy();
    for (const s of this.open) s.end();
  }

  destroyAll(): void {
    this.stopping = true;
    for (const w of this.waiting.splice(0)) w.socket.destroy();
    for (const s of this.open) s.destroy();
  }
}
