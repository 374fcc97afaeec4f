// DNS over UDP: one datagram in, at most one datagram back to the sender.
import dgram from 'node:dgram';
import dns from 'node:dns';
import type { RequestHandler } from '../process/index.js';
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
    // A send to a vanished client (ICMP unreachable) surfaces here; it concerns that client only.
    this.socket.on('error', () => undefined);
  }

  bind(): Promise<number> {
    const { address, port } = this.init;
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(new ServerError('BIND', `cannot bind UDP ${address}@${port}: ${e.message}`));
      this.socket.once('error', onError);
      this.socket.bind({ address, port, exclusive: true }, () => {
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
