// RRSIGs in the encoder (process/encode-answer.ts): each goes right after its RRset, and the two fit or go
// together, as NSD's packet_encode_rrset does; what does not fit sets TC in answer and authority only.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { encodeAnswer, Part, type EncodeItem } from '../../../src/process/index.js';
import { decisionFromPlan } from '../../../src/process/plan-items.js';
import { answerQuestion } from '../../../src/query/index.js';
import { decodeMessage, MessageWriter, parseName, TYPE, typeToText } from '../../../src/wire/index.js';
import { ZoneDb } from '../../../src/zone/index.js';
import { FIXTURE_DIR } from '../../query/dnssec-golden.js';
import { DEFAULT_OPTIONS, zoneFromText } from '../../query/helpers.js';

const owner = parseName('www.example.', null);
const signer = parseName('example.', null);

/** An RRSIG rdata (RFC 4034 3.1) with an n-octet signature. */
function sig(n: number): Uint8Array {
  const rd = new Uint8Array(18 + signer.wire.length + n).fill(7);
  rd.set(signer.wire, 18);
  return rd;
}

/** An SOA rdata (RFC 1035 3.3.13): two names and five numbers. */
function soa(): Uint8Array {
  const rd = new Uint8Array(2 * owner.wire.length + 20);
  rd.set(owner.wire, 0);
  rd.set(owner.wire, owner.wire.length);
  return rd;
}

function item(part: Part, type: number, rdatas: Uint8Array[], sigs: Uint8Array[]): EncodeItem {
  return { part, owner, type, class: 1, ttl: 300, rdatas, rrsigs: { owner, type: TYPE.RRSIG, class: 1, ttl: 300, rdatas: sigs } };
}

function encode(items: EncodeItem[], limit = 512): ReturnType<typeof decodeMessage> {
  const w = new MessageWriter(65535);
  const bytes = encodeAnswer(w, { qname: owner, qtype: TYPE.A, qclass: 1, flags: 0x8400, opt: null, limit, minimalSize: 0, rotate: 0, items });
  return decodeMessage(bytes.slice());
}

const types = (rs: readonly { type: number }[]) => rs.map((r) => typeToText(r.type));

t.test('an RRset and its RRSIGs are written together, RRSIGs right after it', async (t) => {
  const m = encode([item(Part.ANSWER, TYPE.A, [new Uint8Array([192, 0, 2, 1])], [sig(100)]), item(Part.AUTHORITY, TYPE.NS, [owner.wire], [sig(100)])]);
  t.same(types(m.answers), ['A', 'RRSIG']);
  t.same(types(m.authorities), ['NS', 'RRSIG']);
  t.notOk(m.header.tc);
});

t.test('RRSIGs that do not fit take their answer RRset with them and set TC (NSD)', async (t) => {
  const m = encode([item(Part.ANSWER, TYPE.A, [new Uint8Array([192, 0, 2, 1])], [sig(300), sig(300)])]);
  t.same(types(m.answers), [], 'neither the A nor a part of its RRSIGs');
  t.ok(m.header.tc);
});

t.test('in the authority section: what fitted before stays, TC set', async (t) => {
  const m = encode([item(Part.AUTHORITY, TYPE.NSEC, [owner.wire], [sig(150)]), item(Part.AUTHORITY, TYPE.SOA, [soa()], [sig(300)])]);
  t.same(types(m.authorities), ['NSEC', 'RRSIG']);
  t.ok(m.header.tc);
});

t.test('additional data that does not fit with its RRSIGs is left out without TC', async (t) => {
  const m = encode([item(Part.ANSWER, TYPE.A, [new Uint8Array([192, 0, 2, 1])], [sig(100)]), item(Part.ADDITIONAL, TYPE.A, [new Uint8Array([192, 0, 2, 2])], [sig(400)])]);
  t.same(types(m.answers), ['A', 'RRSIG']);
  t.same(types(m.additionals), []);
  t.notOk(m.header.tc);
});

t.test('from the engine to the wire: the plan carries RRSIGs only with DO=1', async (t) => {
  const db = new ZoneDb();
  db.set(zoneFromText('example.', fs.readFileSync(path.join(FIXTURE_DIR, 'example.nsec'), 'latin1')));
  for (const dnssecOk of [true, false]) {
    const plan = answerQuestion(db, { qname: owner, qtype: TYPE.A, qclass: 1, dnssecOk }, DEFAULT_OPTIONS);
    const m = encode(decisionFromPlan(plan).items as EncodeItem[], 4096);
    t.same(types(m.answers), dnssecOk ? ['A', 'RRSIG'] : ['A'], `DO=${Number(dnssecOk)} answer`);
    t.same(types(m.authorities), dnssecOk ? ['NS', 'NS', 'RRSIG'] : ['NS', 'NS'], `DO=${Number(dnssecOk)} authority`);
  }
});
