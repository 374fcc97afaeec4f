// The pipeline with keys and zones to transfer: TSIG on queries, provide-xfr, AXFR streams, IXFR over UDP, NOTIFY, expired zones.
import t from 'tap';
import type { AclEntry, AclKey } from '../../../src/config/index.js';
import { compileAcl } from '../../../src/acl/index.js';
import { DEFAULT_PROCESS_OPTIONS, type ProcessEvent, QueryProcessor, type ServedZones, type XfrZone } from '../../../src/process/index.js';
import { answerQuestion } from '../../../src/query/index.js';
import { signRequest, TsigKeyring, TsigResponseVerifier } from '../../../src/tsig/index.js';
import { decodeMessage, FLAG, MessageWriter, OPCODE, RCODE, SECTION, TYPE, type ResourceRecord } from '../../../src/wire/index.js';
import { computeDiff, Journal } from '../../../src/xfr/index.js';
import { ZoneDb, type ZoneContents } from '../../../src/zone/index.js';
import { key, OTHER_SECRET } from '../tsig/support.js';
import { n, rrText, sortedTexts, zoneOf, zoneText } from '../xfr/support.js';

const NOW = 1700000000;
const KEY = key();
const WRONG = key('hmac-sha256', 'tsig-key.example.', OTHER_SECRET);
const CLIENT = { address: '192.0.2.7', port: 5353 };

function entry(address: string, k: AclKey): AclEntry {
  return { file: 'nsd.conf', line: 1, spec: address, family: 4, address, range: { type: 'single' }, port: null, key: k, axfrOnly: false, udp: false, tlsAuth: null };
}

const BIG = Array.from({ length: 8000 }, (_, i) => `h${i} 3600 IN A 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);

interface Setup {
  processor: QueryProcessor<ZoneDb>;
  events: ProcessEvent[];
  notified: { serial: number | null; address: string }[];
  zone: ZoneContents;
  expired: Set<string>;
}

function setup(lines: readonly string[] = BIG, journal: Journal | null = null, zone = zoneOf(zoneText(5, lines))): Setup {
  const db = new ZoneDb();
  db.set(zone);
  const expired = new Set<string>();
  const s: Setup = { processor: undefined as never, events: [], notified: [], zone, expired };
  const xfrZone: XfrZone = {
    provideXfr: compileAcl([entry('192.0.2.7', { type: 'key', name: KEY.name.toString() }), entry('192.0.2.8', { type: 'nokey' }), entry('192.0.2.9', { type: 'blocked' })]),
    allowNotify: compileAcl([entry('192.0.2.7', { type: 'key', name: KEY.name.toString() })]),
    snapshot: () => zone,
    expired: () => expired.has(zone.origin.key),
    journal: () => journal,
    notified: (serial, address) => s.notified.push({ serial, address }),
  };
  const served = (): ServedZones<ZoneDb> => ({
    db, configured: new Set([zone.origin.key]), unloaded: new Set(expired), expired,
  });
  s.processor = new QueryProcessor<ZoneDb>({
    options: DEFAULT_PROCESS_OPTIONS, zones: served, engine: answerQuestion, now: () => NOW * 1000,
    keyring: new TsigKeyring([KEY]), xfr: { zone: (k) => (k === zone.origin.key ? xfrZone : undefined) }, onEvent: (e) => s.events.push(e),
  });
  return s;
}

function request(qname: string, qtype: number, opts: { soa?: ResourceRecord; opcode?: number; answer?: ResourceRecord } = {}): Uint8Array {
  const w = new MessageWriter(4096);
  w.setId(0x2222);
  w.setFlags((opts.opcode ?? OPCODE.QUERY) << 11);
  w.addQuestion(n(qname), qtype, 1);
  if (opts.answer) w.addRecord(opts.answer, SECTION.ANSWER);
  if (opts.soa) w.addRecord(opts.soa, SECTION.AUTHORITY);
  return w.finish().slice();
}

function signed(msg: Uint8Array, k = KEY, at = NOW) {
  return signRequest(msg, k, () => at);
}

function soaRecord(zone: ZoneContents, serial: number): ResourceRecord {
  const rdata = zone.soa.rdataAt(0).slice();
  new DataView(rdata.buffer).setUint32(rdata.length - 20, serial);
  return { owner: zone.origin, type: TYPE.SOA, class: 1, ttl: 3600, rdata };
}

t.test('a signed query with a known key: the answer is signed over the request MAC', async (t) => {
  const s = setup([]);
  const req = signed(request('example.com.', TYPE.SOA));
  const out = s.processor.handle(req.message, { transport: 'udp', family: 4, ...CLIENT })!;
  const v = new TsigResponseVerifier(req, () => NOW);
  t.same(v.verify(out), { ok: true, signed: true });
  t.equal(decodeMessage(out).answers.length, 1);
});

t.test('TSIG failures: BADSIG unsigned, BADTIME signed, both NOTAUTH', async (t) => {
  const s = setup([]);
  const bad = s.processor.handle(signed(request('example.com.', TYPE.SOA), WRONG).message, { transport: 'udp', family: 4, ...CLIENT })!;
  const m = decodeMessage(bad);
  t.equal(m.header.rcode, RCODE.NOTAUTH);
  const tsig = m.additionals.find((r) => r.type === TYPE.TSIG)!;
  t.ok(tsig, 'a TSIG record with the error');
  t.match(s.events, [{ type: 'tsig-failed', client: '192.0.2.7@5353', error: 16 }]);
  const late = signed(request('example.com.', TYPE.SOA), KEY, NOW - 1000);
  const out = s.processor.handle(late.message, { transport: 'udp', family: 4, ...CLIENT })!;
  t.equal(decodeMessage(out).header.rcode, RCODE.NOTAUTH);
  const check = new TsigResponseVerifier(late, () => NOW).verify(out);
  t.match(check, { ok: false, code: 'BADTIME', fromServer: true, serverTime: NOW }, 'BADTIME signed, with our time');
});

t.test('AXFR over TCP signed with the provide-xfr key: every message signed, the whole zone', async (t) => {
  const s = setup();
  const req = signed(request('EXAMPLE.com.', TYPE.AXFR));
  const out = s.processor.handleTcp(req.message, { transport: 'tcp', family: 4, ...CLIENT });
  t.notOk(out instanceof Uint8Array, 'a stream');
  const msgs = [...(out as Iterator<Uint8Array> & Iterable<Uint8Array>)];
  t.ok(msgs.length > 1, `${msgs.length} messages`);
  const v = new TsigResponseVerifier(req, () => NOW);
  for (const m of msgs) t.same(v.verify(m), { ok: true, signed: true });
  t.same(v.finish(), { ok: true, signed: true });
  const answers = msgs.flatMap((m) => decodeMessage(m).answers);
  t.equal(rrText(answers[0]), rrText(answers[answers.length - 1]), 'SOA first and last');
  t.same(sortedTexts(answers.slice(0, -1)), sortedTexts(s.zone.records()));
  t.equal(decodeMessage(msgs[0]).questions[0].qname.toString(), 'EXAMPLE.com.', 'the question as asked');
  t.match(s.events, [{ type: 'xfr-out', kind: 'axfr', serial: 5, complete: true, messages: msgs.length, key: 'tsig-key.example.' }]);
  t.throws(() => s.processor.handle(req.message, { transport: 'tcp', family: 4, ...CLIENT }), { code: 'MULTI_MESSAGE' });
});

t.test('provide-xfr refusals: REFUSED with EDE 18, logged with the reason', async (t) => {
  const s = setup([]);
  const ask = (address: string, msg: Uint8Array) => s.processor.handleTcp(msg, { transport: 'tcp', family: 4, address, port: 1 });
  const rcode = (r: unknown) => decodeMessage(r as Uint8Array).header.rcode;
  t.equal(rcode(ask('192.0.2.7', request('example.com.', TYPE.AXFR))), RCODE.REFUSED, 'unsigned where a key is required');
  t.equal(rcode(ask('192.0.2.9', request('example.com.', TYPE.AXFR))), RCODE.REFUSED, 'BLOCKED');
  t.equal(rcode(ask('198.51.100.1', request('example.com.', TYPE.AXFR))), RCODE.REFUSED, 'no line matches');
  t.equal(rcode(ask('192.0.2.8', signed(request('example.com.', TYPE.AXFR)).message)), RCODE.REFUSED, 'signed where NOKEY');
  t.equal(rcode(ask('192.0.2.7', request('example.org.', TYPE.AXFR))), RCODE.NOTAUTH, 'not our zone');
  t.notOk(ask('192.0.2.8', request('example.com.', TYPE.AXFR)) instanceof Uint8Array, 'NOKEY admits an unsigned request');
  t.match(s.events.map((e) => e.type === 'refused' && e.reason), ['key-required', 'blocked', 'no-match', 'wrong-key']);
  const udp = s.processor.handle(request('example.com.', TYPE.AXFR), { transport: 'udp', family: 4, address: '192.0.2.8', port: 1 })!;
  t.equal(decodeMessage(udp).header.rcode, RCODE.NOTIMP, 'AXFR over UDP');
});

t.test('IXFR over UDP: the SOA when current, the difference when it fits, TC otherwise; FORMERR without SOA', async (t) => {
  const old = zoneOf(zoneText(4, BIG));
  const s0 = setup();
  const journal = new Journal(s0.zone.origin);
  journal.add(computeDiff(old, s0.zone));
  const s = setup(BIG, journal, s0.zone);
  const ctx = { transport: 'udp', family: 4, address: '192.0.2.8', port: 1 } as const;
  const current = decodeMessage(s.processor.handle(request('example.com.', TYPE.IXFR, { soa: soaRecord(s.zone, 5) }), ctx)!);
  t.same(current.answers.map((r) => r.type), [TYPE.SOA], 'current: the single SOA');
  const small = zoneOf(zoneText(5, [...BIG.slice(0, 10), 'new 3600 IN A 10.9.9.9']));
  const j2 = new Journal(small.origin);
  j2.add(computeDiff(zoneOf(zoneText(4, BIG.slice(0, 10))), small));
  const s2 = setup([], j2, small);
  const inc = decodeMessage(s2.processor.handle(request('example.com.', TYPE.IXFR, { soa: soaRecord(small, 4) }), ctx)!);
  t.same(inc.answers.map((r) => r.type), [TYPE.SOA, TYPE.SOA, TYPE.SOA, TYPE.A, TYPE.SOA], 'SOA, old SOA, (nothing removed), new SOA, the added record, SOA');
  const big = decodeMessage(s.processor.handle(request('example.com.', TYPE.IXFR, { soa: soaRecord(s.zone, 3) }), ctx)!);
  t.ok(big.header.tc, 'no chain from 3 and the whole zone does not fit: TC');
  const formerr = decodeMessage(s.processor.handle(request('example.com.', TYPE.IXFR), ctx)!);
  t.equal(formerr.header.rcode, RCODE.FORMERR);
});

t.test('NOTIFY: admitted with the key, answered and signed, the zone told; refused otherwise', async (t) => {
  const s = setup([]);
  const req = signed(request('example.com.', TYPE.SOA, { opcode: OPCODE.NOTIFY, answer: soaRecord(s.zone, 9) }));
  const out = s.processor.handle(req.message, { transport: 'udp', family: 4, ...CLIENT })!;
  const m = decodeMessage(out);
  t.same([m.header.qr, m.header.aa, m.header.opcode, m.header.rcode, m.questions.length], [true, true, OPCODE.NOTIFY, 0, 1]);
  t.same(new TsigResponseVerifier(req, () => NOW).verify(out), { ok: true, signed: true });
  t.same(s.notified, [{ serial: 9, address: '192.0.2.7' }]);
  const unsigned = s.processor.handle(request('example.com.', TYPE.SOA, { opcode: OPCODE.NOTIFY }), { transport: 'udp', family: 4, ...CLIENT })!;
  t.equal(decodeMessage(unsigned).header.rcode, RCODE.REFUSED, 'unsigned: REFUSED');
  const bad = s.processor.handle(signed(request('example.com.', TYPE.SOA, { opcode: OPCODE.NOTIFY }), WRONG).message, { transport: 'udp', family: 4, ...CLIENT })!;
  t.equal(decodeMessage(bad).header.rcode, RCODE.NOTAUTH, 'wrong key: NOTAUTH');
  t.equal(s.notified.length, 1, 'refused NOTIFYs tell the zone nothing');
  t.equal(FLAG.QR, 0x8000);
});

t.test('an expired secondary zone: SERVFAIL for queries and transfers', async (t) => {
  const s = setup([]);
  s.expired.add(s.zone.origin.key);
  const q = decodeMessage(s.processor.handle(request('example.com.', TYPE.SOA), { transport: 'udp', family: 4, ...CLIENT })!);
  t.equal(q.header.rcode, RCODE.SERVFAIL);
  t.equal(q.edns, null);
  const x = s.processor.handleTcp(request('example.com.', TYPE.AXFR), { transport: 'tcp', family: 4, address: '192.0.2.8', port: 1 });
  t.equal(decodeMessage(x as Uint8Array).header.rcode, RCODE.SERVFAIL);
});
