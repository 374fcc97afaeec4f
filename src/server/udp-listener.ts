// DNS over UDP: one datagram in, at most one datagram back to the sender.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { Traffic, type RequestContext, type RequestHandler, type TrafficSink } from '../process/index.js';
import { ServerError } from './errors.js';

export interface UdpListenerInit {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
  readonly handler: RequestHandler;
  /** SO_RCVBUF / SO_SNDBUF in octets (nsd.conf receive-buffer-size, send-buffer-size); 0 keeps the system's. */
  readonly receiveBufferSize?: number;
  readonly sendBufferSize?: number;
  /** A handler that throws is a bug: the request is dropped and the error reported here. */
  readonly onError?: (e: unknown) => void;
  /** Answers the system would not send (NSD's num.txerr). */
  readonly traffic?: TrafficSink;
  /**
   * cluster: bind through node:cluster's shared handle (a worker's bind goes to the primary, and every
   * worker reads the one socket) instead of an exclusive socket of this process.
   */
  readonly shared?: boolean;
  /** cluster: requests this process must not answer itself are handed on here and answered later. */
  readonly forward?: UdpForward;
}

/** cluster: where a worker sends what needs the primary's state (NOTIFY, transfers, TSIG). */
export interface UdpForward {
  /** True when this request is to be answered elsewhere: a few header reads, no allocation. */
  wants(request: Uint8Array): boolean;
  /** Hands the request on; `reply` sends the answer when (and if) it comes. */
  send(request: Uint8Array, ctx: RequestContext, reply: (response: Uint8Array) => void): void;
}

/** One bound UDP socket. */
export class UdpListener {
  private readonly socket: dgram.Socket;
  private readonly init: UdpListenerInit;
  private closed = false;
  private bound = false;

  constructor(init: UdpListenerInit) {
    this.init = init;
    // An IPv6 socket takes only IPv6 so the IPv4 socket on the same port can exist (NSD sets IPV6_V6ONLY).
    this.socket = dgram.createSocket({ type: init.family === 6 ? 'udp6' : 'udp4', ipv6Only: init.family === 6, lookup: this.lookup });
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    // A send that failed (no callback is given, so dgram reports it here) concerns that client only:
    // counted, and logged at a rate limit, as NSD's "sendto failed" (num.txerr).
    this.socket.on('error', (e: Error & { address?: string }) => {
      if (this.bound) this.init.traffic?.note(Traffic.SEND_FAILED, e.address);
    });
  }

  bind(): Promise<number> {
    const { address, port } = this.init;
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(new ServerError('BIND', `cannot bind UDP ${address}@${port}: ${e.message}`));
      this.socket.once('error', onError);
      this.socket.bind({ address, port, exclusive: this.init.shared !== true }, () => {
        this.bound = true;
        this.socket.off('error', onError);
        this.applyBufferSizes();
        resolve(this.socket.address().port);
      });
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  /**
   * dgram resolves the destination of every send() on an unconnected socket through this; the default,
   * dns.lookup, costs an isIP regex and a process.nextTick hop per datagram even for an IP literal
   * (about 1 us a query, issue 7). Once bound, the socket only answers the address a datagram came
   * from (rinfo.address: a literal, with its %scope for IPv6 link-local), so it is handed back as is.
   * Binding still goes through dns.lookup.
   */
  private readonly lookup = (host: string, options: number | dns.LookupOneOptions, cb: (err: Error | null, address: string, family: number) => void): void => {
    if (this.bound) cb(null, host, this.init.family);
    else if (typeof options === 'number') dns.lookup(host, options, cb); // what Node 20's dgram passes
    else dns.lookup(host, options, cb);
  };

  private applyBufferSizes(): void {
    try {
      if (this.init.receiveBufferSize) this.socket.setRecvBufferSize(this.init.receiveBufferSize);
      if (this.init.sendBufferSize) this.socket.setSendBufferSize(this.init.sendBufferSize);
    } catch {
      // The system caps these (net.core.rmem_max); NSD also carries on with what it gets.
    }
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (this.closed) return;
    const fwd = this.init.forward;
    if (fwd !== undefined && fwd.wants(msg)) {
      const ctx: RequestContext = { transport: 'udp', family: this.init.family, address: rinfo.address, port: rinfo.port };
      fwd.send(msg, ctx, (out) => {
        if (!this.closed) this.socket.send(out, rinfo.port, rinfo.address);
      });
      return;
    }
    let out: Uint8Array | null;
    try {
      out = this.init.handler.handle(msg, { transport: 'udp', family: this.init.family, address: rinfo.address, port: rinfo.port });
    } catch (e) {
      this.init.onError?.(e);
      return;
    }
    if (out !== null) this.socket.send(out, rinfo.port, rinfo.address);
  }
}
