// decode(encode(msg)) == msg over generated messages, and interop with dns-packet in both directions.
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import t from 'tap';
import {
  decodeMessage,
  encodeMessage,
  Name,
  nameFromLabels,
  type Edns,
  type MessageInput,
  type ResourceRecord,
} from '../../../src/wire/index.js';
import { cat, n, nw, rr, T } from './message-fixtures.js';

// Plain objects (fast-check's records default to a null prototype, which deepStrictEqual tells apart).
const NP = { noNullPrototype: true } as const;

// Each label has one fixed spelling, so two names equal ignoring case are equal octet for octet and
// compression (which keeps the case written first) cannot change what decodes.
const LABELS = ['a', 'B', 'cc', 'Example', 'COM', 'org', 'xn--bcher-kva', 'a.b', '\u0000\u00ff', 'WWW', '*', 'z'.repeat(63)];
const labelArb = fc.constantFrom(...LABELS.map((l) => Uint8Array.from(l, (c) => c.charCodeAt(0))));
const nameArb: fc.Arbitrary<Name> = fc
  .array(labelArb, { maxLength: 4 })
  .filter((ls) => ls.reduce((a, l) => a + l.length + 1, 1) <= 255)
  .map((ls) => nameFromLabels(ls));

const charString = fc.uint8Array({ maxLength: 40 }).map((b) => cat([b.length], b));
const rdataArb: fc.Arbitrary<{ type: number; rdata: Uint8Array }> = fc.oneof(
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((rdata) => ({ type: T.A, rdata })),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((rdata) => ({ type: T.AAAA, rdata })),
  nameArb.map((x) => ({ type: T.NS, rdata: x.wire })),
  nameArb.map((x) => ({ type: T.CNAME, rdata: x.wire })),
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), nameArb).map(([p, x]) => ({ type: T.MX, rdata: cat([p >> 8, p & 0xff], x.wire) })),
  fc.array(charString, { minLength: 1, maxLength: 3 }).map((ss) => ({ type: T.TXT, rdata: cat(...ss) })),
  fc.tuple(nameArb, nameArb, fc.uint8Array({ minLength: 20, maxLength: 20 })).map(([m, r, f]) => ({ type: T.SOA, rdata: cat(m.wire, r.wire, f) })),
  fc.tuple(fc.integer({ min: 0xff00, max: 0xfffe }), fc.uint8Array({ maxLength: 30 })).map(([type, rdata]) => ({ type, rdata })),
);
const recordArb: fc.Arbitrary<ResourceRecord> = fc
  .tuple(nameArb, rdataArb, fc.constantFrom(1, 3, 255), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([owner, { type, rdata }, klass, ttl]) => ({ owner, type, class: klass, ttl, rdata }));

const ednsArb: fc.Arbitrary<Edns | null> = fc.option(
  fc.record({
    udpSize: fc.integer({ min: 0, max: 0xffff }),
    extendedRcode: fc.integer({ min: 0, max: 255 }),
    version: fc.integer({ min: 0, max: 255 }),
    dnssecOk: fc.boolean(),
    z: fc.integer({ min: 0, max: 0x7fff }),
    options: fc.array(fc.record({ code: fc.integer({ min: 0, max: 0xffff }), data: fc.uint8Array({ maxLength: 20 }) }, NP), { maxLength: 3 }),
  }, NP),
);

const messageArb: fc.Arbitrary<MessageInput> = fc.record({
  header: fc.record({
    id: fc.integer({ min: 0, max: 0xffff }),
    qr: fc.boolean(),
    opcode: fc.integer({ min: 0, max: 15 }),
    aa: fc.boolean(),
    tc: fc.boolean(),
    rd: fc.boolean(),
    ra: fc.boolean(),
    z: fc.boolean(),
    ad: fc.boolean(),
    cd: fc.boolean(),
    rcode: fc.integer({ min: 0, max: 15 }),
  }, NP),
  questions: fc.array(fc.record({ qname: nameArb, qtype: fc.integer({ min: 0, max: 0xffff }), qclass: fc.integer({ min: 0, max: 0xffff }) }, NP), { maxLength: 2 }),
  answers: fc.array(recordArb, { maxLength: 6 }),
  authorities: fc.array(recordArb, { maxLength: 4 }),
  additionals: fc.array(recordArb, { maxLength: 4 }),
  edns: ednsArb,
}, NP);

t.test('decode(encode(msg)) == msg', async (t) => {
  // node:assert throws, so fast-check can shrink a failing message to a small one.
  fc.assert(
    fc.property(messageArb, (m) => {
      const d = decodeMessage(encodeMessage(m));
      assert.deepStrictEqual(d.header, {
        ...m.header,
        qdcount: m.questions.length,
        ancount: m.answers.length,
        nscount: m.authorities.length,
        arcount: m.additionals.length + (m.edns ? 1 : 0),
      });
      assert.deepStrictEqual(d.questions, m.questions);
      assert.deepStrictEqual(d.answers, m.answers);
      assert.deepStrictEqual(d.authorities, m.authorities);
      assert.deepStrictEqual(d.additionals, m.additionals);
      assert.deepStrictEqual(d.edns, m.edns);
      assert.equal(d.ednsProblem, null);
      assert.equal(d.trailingBytes, 0);
    }),
    { numRuns: 500 },
  );
  t.pass('500 generated messages round-trip');
});

t.test('encode(decode(wire)) == wire for our own encodings', async (t) => {
  fc.assert(
    fc.property(messageArb, (m) => {
      const wire = encodeMessage(m);
      assert.deepStrictEqual(encodeMessage(decodeMessage(wire)), wire);
    }),
    { numRuns: 200 },
  );
  t.pass('re-encoding is stable');
});

// dns-packet's presentation of the records we use in the interop tests.
const sample: ResourceRecord[] = [
  rr('example.com.', T.SOA, cat(nw('ns1.example.com.'), nw('hostmaster.example.com.'), [0, 0, 0, 7, 0, 0, 0x0e, 0x10, 0, 0, 7, 8, 0, 9, 0x3a, 0x80, 0, 0, 0x0e, 0x10])),
  rr('example.com.', T.NS, nw('ns1.example.com.')),
  rr('example.com.', T.MX, cat([0, 10], nw('mail.example.com.'))),
  rr('www.example.com.', T.CNAME, nw('example.com.')),
  rr('example.com.', T.A, new Uint8Array([192, 0, 2, 1])),
  rr('example.com.', T.AAAA, cat([0x20, 0x01, 0x0d, 0xb8], new Uint8Array(11), [1])),
  rr('example.com.', T.TXT, cat([5], new TextEncoder().encode('hello'), [0])),
  rr('ptr.example.com.', T.PTR, nw('host.example.org.')),
];
const expected = [
  { name: 'example.com', type: 'SOA', data: { mname: 'ns1.example.com', rname: 'hostmaster.example.com', serial: 7, refresh: 3600, retry: 1800, expire: 604800, minimum: 3600 } },
  { name: 'example.com', type: 'NS', data: 'ns1.example.com' },
  { name: 'example.com', type: 'MX', data: { preference: 10, exchange: 'mail.example.com' } },
  { name: 'www.example.com', type: 'CNAME', data: 'example.com' },
  { name: 'example.com', type: 'A', data: '192.0.2.1' },
  { name: 'example.com', type: 'AAAA', data: '2001:db8::1' },
  { name: 'example.com', type: 'TXT' },
  { name: 'ptr.example.com', type: 'PTR', data: 'host.example.org' },
];

t.test('our encoding decoded by dns-packet', async (t) => {
  const wire = encodeMessage({
    header: { id: 7, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0 },
    questions: [{ qname: n('example.com.'), qtype: 255, qclass: 1 }],
    answers: sample,
    authorities: [],
    additionals: [],
    edns: { udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: true, z: 0, options: [{ code: 3, data: new Uint8Array([0x61]) }] },
  });
  const p = dnsPacket.decode(Buffer.from(wire));
  t.match(p, { id: 7, type: 'response', flag_aa: true });
  t.equal(p.answers!.length, sample.length);
  for (let i = 0; i < sample.length; i++) t.match(p.answers![i], { ...expected[i], ttl: 3600, class: 'IN' }, expected[i].type);
  const txt = p.answers![6] as unknown as { data: Buffer[] };
  t.same(txt.data.map((b) => b.toString()), ['hello', '']);
  const opt = p.additionals![0] as unknown as { type: string; udpPayloadSize: number; flag_do: boolean; options: { code: number }[] };
  t.match(opt, { type: 'OPT', udpPayloadSize: 1232, flag_do: true });
  t.equal(opt.options[0].code, 3);
});

t.test("dns-packet's encoding decoded by us", async (t) => {
  const buf = dnsPacket.encode({
    id: 9,
    type: 'response',
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [{ name: 'example.com', type: 'ANY' as dnsPacket.RecordType, class: 'IN' }],
    answers: expected.map((e, i) =>
      e.type === 'TXT'
        ? { name: e.name, type: 'TXT', ttl: 3600, class: 'IN', data: ['hello', ''] }
        : ({ ...e, ttl: 3600, class: 'IN', data: (expected[i] as { data: unknown }).data } as dnsPacket.Answer),
    ),
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK, options: [{ code: 10, data: Buffer.from('0102030405060708', 'hex') }] } as unknown as dnsPacket.Answer],
  });
  const m = decodeMessage(new Uint8Array(buf));
  t.equal(m.header.id, 9);
  t.match(m.header, { qr: true, aa: true });
  t.equal(m.questions[0].qname.toString(), 'example.com.');
  t.equal(m.questions[0].qtype, 255);
  t.same(m.answers, sample);
  t.match(m.edns, { udpSize: 4096, dnssecOk: true, version: 0 });
  t.same(m.edns!.options, [{ code: 10, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }]);
  t.equal(m.trailingBytes, 0);
});

t.test('generated responses decode the same with dns-packet (pointers land on the right names)', async (t) => {
  const host = fc.constantFrom('a', 'Www', 'mail', 'NS1', 'example', 'COM', 'org', 'sub-zone');
  const hostName = fc.array(host, { minLength: 1, maxLength: 4 }).map((ls) => n(ls.join('.') + '.'));
  const rec = fc.tuple(hostName, fc.constantFrom(T.NS, T.CNAME, T.MX, T.A), hostName).map(([owner, type, target]) => ({
    owner,
    type,
    class: 1,
    ttl: 60,
    rdata: type === T.A ? new Uint8Array([10, 0, 0, 1]) : type === T.MX ? cat([0, 5], target.wire) : target.wire,
  }));
  const text = (x: Name): string => x.toString().slice(0, -1).toLowerCase();
  fc.assert(
    fc.property(hostName, fc.array(rec, { maxLength: 12 }), (qname, answers) => {
      const wire = encodeMessage({
        header: { id: 1, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0 },
        questions: [{ qname, qtype: 1, qclass: 1 }],
        answers,
        authorities: [],
        additionals: [],
      });
      const p = dnsPacket.decode(Buffer.from(wire));
      assert.equal(p.questions![0].name.toLowerCase(), text(qname));
      assert.equal(p.answers!.length, answers.length);
      answers.forEach((a, i) => {
        const got = p.answers![i] as { name: string; data: unknown };
        assert.equal(got.name.toLowerCase(), text(a.owner));
        if (a.type === T.NS || a.type === T.CNAME) assert.equal(String(got.data).toLowerCase(), text(new Name(a.rdata)));
        if (a.type === T.MX) assert.equal((got.data as { exchange: string }).exchange.toLowerCase(), text(new Name(a.rdata.slice(2))));
      });
    }),
    { numRuns: 300 },
  );
  t.pass('dns-packet agrees on every name');
});
