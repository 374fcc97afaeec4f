// Test support for process/: a fake zone set and answer engine, plan RRsets from text, queries via dns-packet.
import dnsPacket from 'dns-packet';
import {
  DEFAULT_PROCESS_OPTIONS, QueryProcessor, type AnswerPlanLike, type EngineQuestion, type PlannedRRsetLike,
  type ProcessOptions, type ServedZones, type ZoneContentsLike, type ZoneDbLike,
} from '../../../src/process/index.js';
import { parseName, rdataFromText, TYPE, type Name } from '../../../src/wire/index.js';

export function name(text: string): Name {
  return parseName(text, null);
}

/** An RRset from presentation text: rrset('example.com.', 'A', 300, '192.0.2.1', '192.0.2.2'). */
export function rrset(owner: string, type: keyof typeof TYPE, ttl: number, ...rdatas: string[]): PlannedRRsetLike {
  const code = TYPE[type];
  const origin = name(owner);
  const tokens = (s: string) => s.split(' ').map((text) => ({ text, quoted: false }));
  return { owner: origin, type: code, class: 1, ttl, rdatas: rdatas.map((r) => rdataFromText(code, tokens(r), origin)) };
}

export class FakeDb implements ZoneDbLike {
  readonly zones = new Map<string, ZoneContentsLike>();
  add(origin: string): ZoneContentsLike {
    const z = { origin: name(origin) };
    this.zones.set(z.origin.key, z);
    return z;
  }
  get(origin: Name): ZoneContentsLike | undefined {
    return this.zones.get(origin.key);
  }
}

export type Plans = Map<string, (q: EngineQuestion) => AnswerPlanLike>;

export function plan(p: Partial<AnswerPlanLike>): AnswerPlanLike {
  return { rcode: 0, aa: true, answer: [], authority: [], additional: [], requiredAdditional: 0, zones: [], ...p };
}

export interface Harness {
  readonly processor: QueryProcessor<FakeDb>;
  readonly db: FakeDb;
  served: ServedZones<FakeDb>;
  readonly plans: Plans;
  calls: number;
  clock: number;
}

/** A processor over a fake db; `plans` maps a lower-case qname to the plan the fake engine returns. */
export function harness(options: Partial<ProcessOptions> = {}, cacheEntries?: number): Harness {
  const db = new FakeDb();
  const plans: Plans = new Map();
  const h: Harness = {
    db,
    plans,
    calls: 0,
    clock: 1_000_000,
    served: { db, configured: new Set(), unloaded: new Set() },
    processor: undefined as unknown as QueryProcessor<FakeDb>,
  };
  const processor = new QueryProcessor<FakeDb>({
    options: { ...DEFAULT_PROCESS_OPTIONS, ...options },
    zones: () => h.served,
    engine: (_db, q) => {
      h.calls++;
      const f = plans.get(q.qname.toString().toLowerCase());
      return f ? f(q) : plan({ rcode: 5, aa: false });
    },
    cacheEntries,
    now: () => h.clock,
  });
  (h as { processor: QueryProcessor<FakeDb> }).processor = processor;
  return h;
}

export interface QueryInit {
  id?: number;
  flags?: number;
  qclass?: string;
  edns?: { size?: number; do?: boolean; version?: number; nsid?: boolean };
}

export function query(qname: string, qtype: string, init: QueryInit = {}): Buffer {
  const additionals: dnsPacket.Answer[] = [];
  if (init.edns) {
    const e = init.edns;
    additionals.push({
      type: 'OPT', name: '.', udpPayloadSize: e.size ?? 1232, flags: e.do ? dnsPacket.DNSSEC_OK : 0,
      ednsVersion: e.version ?? 0, options: e.nsid ? [{ code: 3, data: Buffer.alloc(0) }] : [],
    } as unknown as dnsPacket.Answer);
  }
  return dnsPacket.encode({
    type: 'query', id: init.id ?? 0x4242, flags: init.flags ?? 0,
    questions: [{ name: qname, type: qtype as 'A', class: (init.qclass ?? 'IN') as 'IN' }], additionals,
  });
}

export const UDP4 = { transport: 'udp', family: 4 } as const;
export const UDP6 = { transport: 'udp', family: 6 } as const;
export const TCP4 = { transport: 'tcp', family: 4 } as const;

/** The header fields of a response, read directly (dns-packet hides some). */
export function header(buf: Uint8Array): { id: number; flags: number; rcode: number; qd: number; an: number; ns: number; ar: number } {
  const u = (p: number) => (buf[p] << 8) | buf[p + 1];
  return { id: u(0), flags: u(2), rcode: buf[3] & 0xf, qd: u(4), an: u(6), ns: u(8), ar: u(10) };
}

export function decode(buf: Uint8Array): dnsPacket.Packet {
  return dnsPacket.decode(Buffer.from(buf));
}

/** The OPT record of a response, as dns-packet decodes it, or undefined. */
export function optOf(buf: Uint8Array): { udpPayloadSize: number; extendedRcode: number; flags: number; options: { code: number; data?: Buffer }[] } | undefined {
  return decode(buf).additionals?.find((a) => a.type === 'OPT') as never;
}
