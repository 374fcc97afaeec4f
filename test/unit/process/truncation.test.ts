// Size limits and truncation as NSD 4.6.1 does them (checked against it with dig), plus RFC 9471 glue.
import t from 'tap';
import { encodeAnswer, Part, type EncodeItem } from '../../../src/process/index.js';
import { MessageWriter } from '../../../src/wire/index.js';
import { decode as decodePacket, harness, header, name, plan, query, rrset, TCP4, UDP4, UDP6 } from './support.js';

// dns-packet's types omit the fields it decodes (flag_tc, data, ttl): read them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const decode = (b: Uint8Array): any => decodePacket(b);

const txts = (n: number) => Array.from({ length: n }, (_, i) => `"${String(i).padStart(2, '0').repeat(50)}"`);
const BIG_TXT = rrset('big.example.com.', 'TXT', 3600, ...txts(40));
const APEX_NS = rrset('example.com.', 'NS', 3600, 'ns1.example.com.', 'ns2.example.com.');
const GLUE = Array.from({ length: 30 }, (_, i) => rrset(`ns${i}.deleg.example.com.`, 'A', 3600, `192.0.2.${i + 100}`));
const GLUE6 = Array.from({ length: 30 }, (_, i) => rrset(`ns${i}.deleg.example.com.`, 'AAAA', 3600, `2001:db8::${i + 100}`));
const DELEG_NS = rrset('deleg.example.com.', 'NS', 3600, ...Array.from({ length: 30 }, (_, i) => `ns${i}.deleg.example.com.`));

function setup() {
  const h = harness();
  const zone = h.db.add('example.com.');
  h.plans.set('big.example.com.', () => plan({ answer: [BIG_TXT], authority: [APEX_NS], zones: [zone] }));
  h.plans.set('deleg.example.com.', () => plan({ aa: false, authority: [DELEG_NS], additional: [...GLUE, ...GLUE6], zones: [zone] }));
  h.plans.set('glue.example.com.', () => plan({ aa: false, authority: [DELEG_NS], additional: [...GLUE, ...GLUE6], requiredAdditional: 60, zones: [zone] }));
  h.plans.set('many.example.com.', () => plan({ answer: [rrset('many.example.com.', 'A', 3600, ...Array.from({ length: 12 }, (_, i) => `10.0.0.${i}`))], authority: [APEX_NS], zones: [zone] }));
  return h;
}

t.test('an answer RRset that does not fit: TC and nothing else (NSD)', async (t) => {
  const h = setup();
  const udp = h.processor.handle(query('big.example.com', 'TXT'), UDP4)!;
  t.same(header(udp), { id: 0x4242, flags: 0x8600, rcode: 0, qd: 1, an: 0, ns: 0, ar: 0 });
  t.equal(udp.length, 33, 'header and question only, as NSD sent');
  const edns = h.processor.handle(query('big.example.com', 'TXT', { edns: { size: 4096 } }), UDP4)!;
  t.same([header(edns).flags, header(edns).an, header(edns).ar, edns.length], [0x8600, 0, 1, 44]);
  const tcp = h.processor.handle(query('big.example.com', 'TXT', { edns: {} }), TCP4)!;
  t.same([header(tcp).flags, header(tcp).an, header(tcp).ns], [0x8400, 40, 2]);
});

t.test('a referral whose NS RRset does not fit 512: TC; with EDNS the glue that fits, no TC (NSD 4.6.1)', async (t) => {
  const h = setup();
  const small = h.processor.handle(query('deleg.example.com', 'A'), UDP4)!;
  t.same([header(small).flags, header(small).ns, header(small).ar], [0x8200, 0, 0]);
  const big = h.processor.handle(query('deleg.example.com', 'A', { edns: {} }), UDP4)!;
  const hd = header(big);
  t.same([hd.flags, hd.ns], [0x8000, 30]);
  t.ok(hd.ar > 30 && hd.ar < 61, `some glue: ${hd.ar - 1}`);
  t.ok(big.length <= 1232);
  const types = decode(big).additionals.map((a: { type: string }) => a.type);
  t.same(types.slice(0, 30), Array(30).fill('A'), 'the A group first');
  t.same(types[types.length - 1], 'OPT');
});

t.test('required glue (RFC 9471 3.1) that does not fit sets TC, keeping what fits', async (t) => {
  const h = setup();
  const out = h.processor.handle(query('glue.example.com', 'A', { edns: {} }), UDP4)!;
  t.equal(header(out).flags & 0x0200, 0x0200);
  t.equal(header(out).ns, 30);
  const tcp = h.processor.handle(query('glue.example.com', 'A', { edns: {} }), TCP4)!;
  t.same([header(tcp).flags & 0x0200, header(tcp).ar], [0, 61]);
});

t.test('IPv6 clients: optional data stops at 1220 octets, IPv4 at 1232', async (t) => {
  const h = setup();
  const v6 = h.processor.handle(query('deleg.example.com', 'A', { edns: {} }), UDP6)!;
  t.ok(v6.length - 11 <= 1220);
});

t.test('the optional authority NS is dropped silently; records of the answer keep zone order', async (t) => {
  const w = new MessageWriter(512);
  const item = (part: Part, rr = APEX_NS): EncodeItem => ({ part, ...rr });
  const many = rrset('many.example.com.', 'A', 3600, ...Array.from({ length: 28 }, (_, i) => `10.0.0.${i}`));
  const base = { qname: name('many.example.com.'), qtype: 1, qclass: 1, flags: 0x8400, opt: null, limit: 512, minimalSize: 1232, rotate: 0 };
  const out = decode(encodeAnswer(w, { ...base, items: [item(Part.ANSWER, many), item(Part.OPTIONAL_AUTHORITY)] }));
  t.same([out.answers!.length, out.authorities!.length, out.flag_tc], [28, 0, false]);
  t.same(out.answers.map((a: { data: string }) => a.data), Array.from({ length: 28 }, (_, i) => `10.0.0.${i}`));
  const required = decode(encodeAnswer(w, { ...base, items: [item(Part.ANSWER, many), item(Part.AUTHORITY)] }));
  t.same([required.answers!.length, required.authorities!.length, required.flag_tc], [28, 0, true], 'required authority: TC');
});

t.test('round-robin rotates the answer records; per-record TTLs are kept', async (t) => {
  const w = new MessageWriter(512);
  const a = rrset('rr.example.com.', 'A', 300, '10.0.0.1', '10.0.0.2', '10.0.0.3');
  const base = { qname: name('rr.example.com.'), qtype: 1, qclass: 1, flags: 0x8400, opt: null, limit: 512, minimalSize: 0 };
  const order = (rotate: number) => decode(encodeAnswer(w, { ...base, rotate, items: [{ part: Part.ANSWER, ...a }] })).answers.map((r: { data: string }) => r.data);
  t.same(order(0), ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  t.same(order(1), ['10.0.0.2', '10.0.0.3', '10.0.0.1']);
  t.same(order(5), ['10.0.0.3', '10.0.0.1', '10.0.0.2']);
  const ttls = decode(encodeAnswer(w, { ...base, rotate: 0, items: [{ part: Part.ANSWER, ...a, ttls: [1, 2, 3] }] })).answers.map((r: { ttl: number }) => r.ttl);
  t.same(ttls, [1, 2, 3]);
  const h = harness({ roundRobin: true });
  h.plans.set('rr.example.com.', () => plan({ answer: [a] }));
  const first = decode(h.processor.handle(query('rr.example.com', 'A'), UDP4)!).answers![0].data;
  const second = decode(h.processor.handle(query('rr.example.com', 'A'), UDP4)!).answers![0].data;
  t.not(first, second, 'consecutive answers start elsewhere');
});

t.test('client sizes: below 512 means 512, above ours means ours', async (t) => {
  const h = setup();
  t.equal(h.processor.handle(query('many.example.com', 'A', { edns: { size: 100 } }), UDP4)!.length <= 512, true);
  const big = harness({ ipv4EdnsSize: 4096 });
  big.plans.set('big.example.com.', () => plan({ answer: [BIG_TXT] }));
  t.equal(header(big.processor.handle(query('big.example.com', 'TXT', { edns: { size: 4096 } }), UDP4)!).flags & 0x0200, 0x0200);
  const fits = big.processor.handle(query('big.example.com', 'TXT', { edns: { size: 65000 } }), UDP4);
  t.equal(header(fits!).flags & 0x0200, 0x0200, 'ours (4096) is the limit');
});
