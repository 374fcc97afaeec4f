// IXFR out: current, one behind, several behind (sequence or condensed), unknown serial, no history, UDP fit and TC.
import t from 'tap';
import { decodeMessage, FLAG, type Message, MessageWriter, SECTION } from '../../../src/wire/index.js';
import {
  applyDiffs, computeDiff, condenseDiffs, type Diff, ixfrClientSerial, ixfrMessages, Journal, planIxfr, soaSerial,
  TYPE_IXFR, xfrRequestOf,
} from '../../../src/xfr/index.js';
import { answersOf, ORIGIN, rrText, sortedTexts, zoneOf, zoneText } from './support.js';

const request = { id: 7, qname: ORIGIN, qtype: TYPE_IXFR, qclass: 1 };

const v1 = zoneOf(zoneText(1, ['a 300 IN A 192.0.2.1', 'b 300 IN A 192.0.2.2']));
const v2 = zoneOf(zoneText(2, ['a 300 IN A 192.0.2.1', 'b 300 IN A 192.0.2.22']));
const v3 = zoneOf(zoneText(3, ['a 300 IN A 192.0.2.1', 'b 300 IN A 192.0.2.22', 'c 300 IN A 192.0.2.3']));
const v4 = zoneOf(zoneText(4, ['a 300 IN A 192.0.2.1', 'b 300 IN A 192.0.2.2', 'c 300 IN A 192.0.2.3']));
const diffs = [computeDiff(v1, v2), computeDiff(v2, v3), computeDiff(v3, v4)];
const journal = new Journal(ORIGIN, undefined, diffs);

const serials = (rrs: readonly ReturnType<typeof answersOf>[number][]): (number | string)[] => rrs.map((r) => (r.type === 6 ? soaSerial(r.rdata) : rrText(r)));

t.test('plans', async (t) => {
  t.same(planIxfr(v4, journal, 4), { kind: 'current' });
  t.same(planIxfr(v4, journal, 5), { kind: 'current' }, 'a newer client serial gets the SOA too');
  t.same(planIxfr(v4, journal, 3), { kind: 'incremental', diffs: [diffs[2]] });
  t.same(planIxfr(v4, journal, 1), { kind: 'incremental', diffs });
  t.same(planIxfr(v4, journal, 4294967000), { kind: 'full', reason: 'serial-unknown' });
  t.same(planIxfr(v4, null, 1), { kind: 'full', reason: 'no-history' });
  t.same(planIxfr(v4, new Journal(ORIGIN), 1), { kind: 'full', reason: 'no-history' });
  const v5 = zoneOf(zoneText(5, []));
  t.same(planIxfr(v5, journal, 1), { kind: 'full', reason: 'chain-incomplete' }, 'kept history that does not reach the served serial');
});

t.test('current: the single SOA', async (t) => {
  const msgs = [...ixfrMessages(v4, journal, 4, request)];
  t.equal(msgs.length, 1);
  const m = decodeMessage(msgs[0]);
  t.equal(m.questions[0].qtype, TYPE_IXFR);
  t.same(serials(m.answers), [4]);
  t.ok(m.header.aa);
});

t.test('one behind', async (t) => {
  const rrs = answersOf([...ixfrMessages(v4, journal, 3, request)]);
  t.same(serials(rrs), [4, 3, 'b.example.com. 300 1 A 192.0.2.22', 4, 'b.example.com. 300 1 A 192.0.2.2', 4]);
});

t.test('several behind: the sequence, or condensed', async (t) => {
  const rrs = answersOf([...ixfrMessages(v4, journal, 1, request)]);
  t.same(serials(rrs), [
    4,
    1, 'b.example.com. 300 1 A 192.0.2.2', 2, 'b.example.com. 300 1 A 192.0.2.22',
    2, 3, 'c.example.com. 300 1 A 192.0.2.3',
    3, 'b.example.com. 300 1 A 192.0.2.22', 4, 'b.example.com. 300 1 A 192.0.2.2',
    4,
  ]);
  const condensed = answersOf([...ixfrMessages(v4, journal, 1, request, { condense: true })]);
  t.same(serials(condensed), [4, 1, 4, 'c.example.com. 300 1 A 192.0.2.3', 4], 'b changed back: only c remains');
  const applied = applyDiffs(v1, [condenseDiffs(diffs)]);
  t.ok(applied.ok && sortedTexts(applied.zone.records()).join() === sortedTexts(v4.records()).join(), 'the condensed form applies to the same zone');
});

t.test('unknown serial: an AXFR-style answer', async (t) => {
  const rrs = answersOf([...ixfrMessages(v4, journal, 4294967000, request)]);
  t.equal(rrs[0].type, 6);
  t.equal(rrText(rrs[rrs.length - 1]), rrText(rrs[0]));
  t.same(sortedTexts(rrs.slice(0, -1)), sortedTexts(v4.records()));
  t.not(rrs[1].type, 6, 'the second record is not an SOA: the client knows it is a full answer');
});

t.test('many messages when large', async (t) => {
  const lines = Array.from({ length: 400 }, (_, i) => `n${i} 300 IN TXT "record number ${i} with some padding text"`);
  const big1 = zoneOf(zoneText(10, []));
  const big2 = zoneOf(zoneText(11, lines));
  const j = new Journal(ORIGIN, undefined, [computeDiff(big1, big2)]);
  const msgs = [...ixfrMessages(big2, j, 10, request, { maxMessageSize: 2048 })];
  t.ok(msgs.length > 5);
  t.ok(msgs.every((m) => m.length <= 2048));
  const decoded = msgs.map(decodeMessage);
  t.equal(decoded[0].questions.length, 1);
  t.ok(decoded.slice(1).every((m: Message) => m.questions.length === 0));
  t.equal(answersOf(msgs).length, 400 + 4);
});

t.test('UDP: the whole answer when it fits, else the SOA with TC (RFC 1995 2, as NSD)', async (t) => {
  const fits = [...ixfrMessages(v4, journal, 3, request, { transport: 'udp', maxMessageSize: 512 })];
  t.equal(fits.length, 1);
  t.notOk(decodeMessage(fits[0]).header.tc);
  t.equal(decodeMessage(fits[0]).answers.length, 6);
  const full = [...ixfrMessages(v4, journal, 4294967000, request, { transport: 'udp', maxMessageSize: 100 })];
  t.equal(full.length, 1);
  const m = decodeMessage(full[0]);
  t.ok(m.header.tc, 'TC set');
  t.same(serials(m.answers), [4], 'the current SOA only');
  t.ok(full[0].length <= 100);
  const current = decodeMessage([...ixfrMessages(v4, journal, 4, request, { transport: 'udp', maxMessageSize: 512 })][0]);
  t.notOk(current.header.tc);
  t.same(serials(current.answers), [4]);
});

t.test('reading IXFR requests', async (t) => {
  const soa = answersOf([...ixfrMessages(v2, null, 2, request)])[0];
  const mw = new MessageWriter(512);
  mw.setId(5);
  mw.setFlags(FLAG.RD | FLAG.CD);
  mw.addQuestion(ORIGIN, TYPE_IXFR, 1);
  mw.addRecord(soa, SECTION.AUTHORITY);
  const req = decodeMessage(mw.finish().slice());
  t.equal(ixfrClientSerial(req), 2);
  t.same(xfrRequestOf(req), { id: 5, qname: ORIGIN, qtype: TYPE_IXFR, qclass: 1, flags: FLAG.RD | FLAG.CD });
  const answer = decodeMessage([...ixfrMessages(v2, null, 2, xfrRequestOf(req) as NonNullable<ReturnType<typeof xfrRequestOf>>)][0]);
  t.ok(answer.header.rd && answer.header.cd && answer.header.id === 5, 'ID, RD and CD copied into the answer');
  const noSoa = new MessageWriter(512);
  noSoa.addQuestion(ORIGIN, TYPE_IXFR, 1);
  t.equal(ixfrClientSerial(decodeMessage(noSoa.finish().slice())), null, 'no SOA in the authority section');
});

t.test('the journal hands out copies', async (t) => {
  const j = new Journal(ORIGIN, undefined, diffs.slice(0, 2));
  const chain = j.chainFrom(1) as Diff[];
  j.add(diffs[2]);
  t.equal(chain.length, 2, 'a chain taken before an addition stays as it was');
});
