// Test support for xfr/: zones from text, a fake clock, fake requesters, and records out of messages.
import { type TsigKeyring, TsigStreamSigner, verifyRequest } from '../../../src/tsig/index.js';
import {
  decodeMessage, FLAG, MessageWriter, type Name, nameToText, parseName, RCODE, rdataToText, type ResourceRecord, typeToText,
} from '../../../src/wire/index.js';
import { buildZone, type ZoneContents } from '../../../src/zone/index.js';
import { MemoryZoneSource, parseZone } from '../../../src/zonefile/index.js';
import {
  axfrMessages, type Clock, type Endpoint, ixfrClientSerial, ixfrMessages, type Journal, type Requester, TYPE_AXFR, xfrRequestOf,
} from '../../../src/xfr/index.js';

export const ORIGIN = parseName('example.com.', null);

export function n(text: string): Name {
  return parseName(text, null);
}

/** A zone snapshot from zone file text (origin example.com. unless given); throws on any error. */
export function zoneOf(text: string, origin: Name = ORIGIN): ZoneContents {
  const problems: string[] = [];
  const source = new MemoryZoneSource({ 'z.zone': text });
  const records = parseZone({ file: 'z.zone', origin, source, onProblem: (p) => problems.push(p.message) });
  const zone = buildZone(origin, records, (p) => {
    if (p.severity === 'error') problems.push(p.message);
  });
  if (!zone || problems.length > 0) throw new Error(`zone does not build: ${problems.join('; ')}`);
  return zone;
}

export const SOA_LINE = (serial: number): string => `@ 3600 IN SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`;

/** A small zone with the given serial and extra lines. */
export function zoneText(serial: number, lines: readonly string[]): string {
  return ['$ORIGIN example.com.', SOA_LINE(serial), '@ 3600 IN NS ns1', 'ns1 3600 IN A 192.0.2.1', ...lines].join('\n') + '\n';
}

/** One record as comparable text: lower-cased owner, TTL, class, type, rdata. */
export function rrText(rr: ResourceRecord): string {
  return `${nameToText(rr.owner).toLowerCase()} ${rr.ttl} ${rr.class} ${typeToText(rr.type)} ${rdataToText(rr.type, rr.rdata).toLowerCase()}`;
}

export function sortedTexts(rrs: Iterable<ResourceRecord>): string[] {
  return [...rrs].map(rrText).sort();
}

/** The answer records of a stream of messages, in order. */
export function answersOf(msgs: readonly Uint8Array[]): ResourceRecord[] {
  return msgs.flatMap((m) => decodeMessage(m).answers);
}

/** A clock whose time moves only when a test says so; timers fire in time order. */
export class FakeClock implements Clock {
  t = 1_700_000_000_000;
  private seq = 0;
  private timers: { at: number; id: number; fn: () => void }[] = [];

  now(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): number {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, id, fn });
    return id;
  }

  clearTimer(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** The time of the next timer, or undefined. */
  get nextAt(): number | undefined {
    return this.timers.reduce<number | undefined>((m, x) => (m === undefined || x.at < m ? x.at : m), undefined);
  }

  /** Moves time on by `ms`, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

export interface Sent {
  readonly to: Endpoint;
  readonly message: Uint8Array;
  readonly transport: 'udp' | 'tcp';
}

/** What a fake server does with one request: yield messages (a stream), or throw. */
export type FakeHandler = (request: Uint8Array, transport: 'udp' | 'tcp', to: Endpoint) => AsyncIterable<Uint8Array>;

/** A requester that records what was sent and answers through `handler`; counts closed streams. */
export class FakeRequester implements Requester {
  readonly sent: Sent[] = [];
  closed = 0;

  constructor(public handler: FakeHandler) {}

  exchange(to: Endpoint, message: Uint8Array, transport: 'udp' | 'tcp'): AsyncIterable<Uint8Array> {
    this.sent.push({ to, message, transport });
    const inner = this.handler(message, transport, to);
    const self = this;
    return {
      [Symbol.asyncIterator]() {
        const it = inner[Symbol.asyncIterator]();
        return {
          next: () => it.next(),
          return: async () => {
            self.closed++;
            void it.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
}

/** A stream of the given messages. */
export async function* replay(msgs: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const m of msgs) yield m;
}

/** A stream that never produces anything (a stalled peer). */
export function stall(): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      return { next: () => new Promise<IteratorResult<Uint8Array>>(() => undefined) };
    },
  };
}

/** Patches the ID of a message (to answer a request whose ID we only learn when it is sent). */
export function withId(msg: Uint8Array, id: number): Uint8Array {
  const out = msg.slice();
  out[0] = id >>> 8;
  out[1] = id & 0xff;
  return out;
}

export function idOf(msg: Uint8Array): number {
  return (msg[0] << 8) | msg[1];
}

export interface PrimaryBehaviour {
  zone: ZoneContents;
  journal?: Journal | null;
  keyring?: TsigKeyring;
  clock: FakeClock;
  /** Answer IXFR with this rcode instead. */
  ixfrRcode?: number;
}

export function errorAnswer(req: Uint8Array, rcode: number): Uint8Array {
  const m = decodeMessage(req);
  const w = new MessageWriter(512);
  w.setId(m.header.id);
  w.setFlags(FLAG.QR | rcode);
  w.addQuestion(m.questions[0].qname, m.questions[0].qtype, 1);
  return w.finish().slice();
}

/** A primary as a FakeHandler: verifies TSIG when it has keys and answers AXFR/IXFR from its zone and journal. */
export function primary(b: PrimaryBehaviour): FakeHandler {
  const now = (): number => Math.floor(b.clock.now() / 1000);
  return async function* (req, transport) {
    const m = decodeMessage(req);
    let signer: TsigStreamSigner | undefined;
    if (b.keyring) {
      const v = verifyRequest(req, b.keyring, now);
      if (!v || !v.ok) {
        yield errorAnswer(req, RCODE.NOTAUTH);
        return;
      }
      signer = new TsigStreamSigner(v, now);
    }
    const request = xfrRequestOf(m);
    if (!request) return;
    if (request.qtype === TYPE_AXFR) {
      yield* axfrMessages(b.zone, request, { signer, maxMessageSize: 2048 });
    } else if (b.ixfrRcode !== undefined) {
      yield errorAnswer(req, b.ixfrRcode);
    } else {
      const serial = ixfrClientSerial(m) ?? 0;
      yield* ixfrMessages(b.zone, b.journal ?? null, serial, request, { signer, transport, maxMessageSize: transport === 'udp' ? 512 : 2048 });
    }
  };
}
