// Outbound DNS for transfers and NOTIFY: one request, its answers as an async stream, over UDP or TCP (xfr/ Requester).
import dgram from 'node:dgram';
import net from 'node:net';
import { frame, TcpFramer } from './tcp-framer.js';

/** Where a request goes. */
export interface Destination {
  readonly address: string;
  readonly port: number;
}

/**
 * The answers to one request as they arrive. next() waits for the next one; the stream ends when the
 * peer closes (TCP) or after the one answer (UDP); return() closes the socket at once, even while a
 * next() is waiting (that one then resolves as done), which a plain async generator cannot do.
 */
class AnswerStream implements AsyncIterableIterator<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private waiter: { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: unknown) => void } | null = null;
  private ended = false;
  private failure: unknown = null;

  constructor(private readonly close: () => void) {}

  /** An answer arrived. */
  push(msg: Uint8Array): void {
    if (this.ended) return;
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      w.resolve({ value: msg, done: false });
    } else {
      this.queue.push(msg);
    }
  }

  /** No more answers: `error` when the connection failed. */
  end(error: unknown = null): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== null && this.queue.length === 0) this.failure = error;
    const w = this.waiter;
    this.waiter = null;
    if (w && this.failure !== null) w.reject(this.failure);
    else w?.resolve({ value: undefined, done: true });
    this.close();
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const msg = this.queue.shift();
    if (msg !== undefined) return Promise.resolve({ value: msg, done: false });
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }
}

function idOf(msg: Uint8Array): number {
  return (msg[0] << 8) | msg[1];
}

/**
 * Sends requests over node:dgram and node:net (xfr/'s Requester). Over UDP only a datagram from the
 * peer's address and port with the request's ID and QR set is taken as the answer (RFC 5452 9.1). Over TCP every framed message is an answer until the peer closes (RFC 1035
 * 4.2.2). Time limits are the caller's (xfr/ applies them through its clock).
 */
export class NetRequester {
  exchange(to: Destination, message: Uint8Array, transport: 'udp' | 'tcp'): AsyncIterable<Uint8Array> {
    return transport === 'udp' ? udpExchange(to, message) : tcpExchange(to, message);
  }
}

function udpExchange(to: Destination, message: Uint8Array): AnswerStream {
  const sock = dgram.createSocket(net.isIPv6(to.address) ? 'udp6' : 'udp4');
  let closed = false;
  const stream = new AnswerStream(() => {
    if (closed) return;
    closed = true;
    sock.close();
  });
  const id = idOf(message);
  const peer = plainAddress(to.address);
  sock.on('message', (msg, rinfo) => {
    if (rinfo.port !== to.port || plainAddress(rinfo.address) !== peer) return;
    if (msg.length < 12 || idOf(msg) !== id || (msg[2] & 0x80) === 0) return;
    stream.push(msg);
    stream.end();
  });
  sock.on('error', (e) => stream.end(e));
  // Not connected: an ICMP "port unreachable" then surfaces as no answer (the caller's timeout and
  // retries apply, as with NSD's unconnected sockets), not as an error that would end every retry at once.
  sock.send(message, to.port, to.address, (e) => e && stream.end(e));
  return stream;
}

/** An address as compared for replies: lower case, an IPv4-mapped IPv6 address as plain IPv4. */
function plainAddress(a: string): string {
  return a.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
}

function tcpExchange(to: Destination, message: Uint8Array): AnswerStream {
  const sock = net.connect({ host: to.address, port: to.port, noDelay: true });
  const stream = new AnswerStream(() => sock.destroy());
  const framer = new TcpFramer();
  sock.on('connect', () => sock.write(frame(message)));
  sock.on('data', (chunk: Buffer) => {
    framer.push(chunk);
    // A copy: the framer hands out views of the received chunks.
    for (let m = framer.next(); m !== null; m = framer.next()) stream.push(Uint8Array.prototype.slice.call(m));
  });
  sock.on('error', (e) => stream.end(e));
  sock.on('close', () => stream.end());
  return stream;
}
