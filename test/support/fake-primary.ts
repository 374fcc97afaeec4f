// A scripted primary for transfer tests: answers AXFR/IXFR over TCP on loopback as the test tells it, well or badly.
import net from 'node:net';
import { createTsigKey, type TsigKey, TsigKeyring, TsigStreamSigner, verifyRequest } from '../../src/tsig/index.js';
import { decodeMessage, type Message, type Name, nameToText, parseName, type ResourceRecord } from '../../src/wire/index.js';
import { axfrRecords, ixfrClientSerial, packRecords, type XfrRequest, xfrRequestOf } from '../../src/xfr/index.js';
import { buildZone, type ZoneContents } from '../../src/zone/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';

/** One transfer request as the fake primary received it. */
export interface Ask {
  readonly zone: string;
  readonly qtype: number;
  /** The secondary's serial (IXFR), or null. */
  readonly clientSerial: number | null;
  readonly request: XfrRequest;
  /** Signs the response messages when the request carried a valid TSIG of a known key. */
  readonly signer: TsigStreamSigner | null;
}

/** What a behaviour can do on the connection. */
export interface Wire {
  /** Sends one DNS message with its 2-octet length (RFC 1035 4.2.2). */
  send(msg: Uint8Array): void;
  /** Sends octets as they are, no framing. */
  raw(bytes: Uint8Array): void;
  /** Closes the connection (FIN). */
  end(): void;
}

export type Behaviour = (ask: Ask, wire: Wire) => void;

/** Zone text of `origin` at `serial`: 40 A records, so a transfer packed at 512 octets takes several messages. */
export function zoneTextOf(origin: string, serial: number, extra: readonly string[] = []): string {
  const hosts = Array.from({ length: 40 }, (_, i) => `h${i} A 10.0.0.${i}`);
  return [`$ORIGIN ${origin}.`, '$TTL 300', `@ SOA ns1 hm ${serial} 3600 3600 86400 300`, '@ NS ns1', 'ns1 A 192.0.2.1', `www TXT "v${serial}"`, ...hosts, ...extra, ''].join('\n');
}

export function zoneOf(origin: string, text: string): ZoneContents {
  const name = parseName(`${origin}.`, null);
  const problems: string[] = [];
  const records = parseZone({ file: 'z', origin: name, source: new MemoryZoneSource({ z: text }), onProblem: (p) => problems.push(p.message) });
  const zone = buildZone(name, records, (p) => (p.severity === 'error' ? problems.push(p.message) : undefined));
  if (!zone || problems.length > 0) throw new Error(`test zone does not build: ${problems.join('; ')}`);
  return zone;
}

/** Packs records into transfer messages of at most 512 octets, signed when the ask was. */
export function messagesOf(ask: Ask, records: Iterable<ResourceRecord>): Uint8Array[] {
  return [...packRecords(records, ask.request, { maxMessageSize: 512, signer: ask.signer ?? undefined })];
}

/** The AXFR (or AXFR-style IXFR answer, RFC 1995 4) of a zone. */
export function fullAnswer(ask: Ask, zone: ZoneContents): Uint8Array[] {
  return messagesOf(ask, axfrRecords(zone));
}

export const seconds = (): number => Math.floor(Date.now() / 1000);

/** The fake primary: a TCP listener; each request goes to `behaviour`, which the test swaps between scenarios. */
export class FakePrimary {
  behaviour: Behaviour = () => undefined;
  /** Every request received, in order. */
  readonly asks: Ask[] = [];
  /** What a behaviour threw (a bug in the test itself). */
  readonly errors: Error[] = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly keyring: TsigKeyring;

  constructor(keys: readonly TsigKey[] = []) {
    this.keyring = new TsigKeyring([...keys]);
    this.server = net.createServer((s) => this.connection(s));
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops listening and drops every open connection (a stalled one too). */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private connection(sock: net.Socket): void {
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => undefined);
    let acc = Buffer.alloc(0);
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        const msg = new Uint8Array(acc.subarray(2, 2 + acc.readUInt16BE(0)));
        acc = acc.subarray(2 + msg.length);
        this.request(msg, sock);
      }
    });
  }

  private request(bytes: Uint8Array, sock: net.Socket): void {
    let m: Message;
    try {
      m = decodeMessage(bytes);
    } catch {
      sock.destroy();
      return;
    }
    const request = xfrRequestOf(m);
    if (!request) return void sock.destroy();
    const v = m.tsigOffset >= 0 ? verifyRequest(bytes, this.keyring, seconds) : null;
    const signer = v?.ok ? new TsigStreamSigner(v, seconds) : null;
    const ask: Ask = { zone: nameText(request.qname), qtype: request.qtype, clientSerial: ixfrClientSerial(m), request, signer };
    this.asks.push(ask);
    const wire: Wire = {
      send: (msg) => {
        const framed = Buffer.alloc(2 + msg.length);
        framed.writeUInt16BE(msg.length, 0);
        framed.set(msg, 2);
        if (!sock.destroyed) sock.write(framed);
      },
      raw: (b) => (sock.destroyed ? undefined : void sock.write(b)),
      end: () => sock.end(),
    };
    try {
      this.behaviour(ask, wire);
    } catch (e) {
      // A broken scenario must fail its test, not kill the test process from a socket callback.
      this.errors.push(e as Error);
      sock.destroy();
    }
  }
}

function nameText(n: Name): string {
  return nameToText(n).toLowerCase().replace(/\.$/, '');
}

export { createTsigKey };
