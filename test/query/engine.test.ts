// Unit tests of the answer engine's parts: the plan builder, DNAME substitution, plan shape and purity.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { answerQuestion, optionalAuthorityFrom, type PlannedRRset, type QueryQuestion } from '../../src/query/index.js';
import { substitute } from '../../src/query/dname.js';
import { MAX_RRSETS, Part, PlanBuilder } from '../../src/query/plan-builder.js';
import { MAX_NAME, nameFromLabels, nameToText, parseName, RCODE } from '../../src/wire/index.js';
import { ZONES } from './cases.js';
import { dbFromText, DEFAULT_OPTIONS, planText } from './helpers.js';

const db = dbFromText(ZONES);
const example = db.get(parseName('example.', null));
const other = db.get(parseName('other.', null));
const sub = db.get(parseName('sub.example.', null));

function rr(owner: string, type: number, rdatas: number[][] = [[1, 2, 3, 4]]): PlannedRRset {
  return { owner: parseName(owner, null), type, class: 1, ttl: 60, rdatas: rdatas.map((r) => Uint8Array.from(r)) };
}

function ask(qname: string, qtype: number, qclass = 1, opts = DEFAULT_OPTIONS): ReturnType<typeof answerQuestion> {
  const q: QueryQuestion = { qname: parseName(qname, null), qtype, qclass, dnssecOk: false };
  return answerQuestion(db, q, opts);
}

t.test('PlanBuilder puts an RRset in once, in its lowest section', async (t) => {
  const b = new PlanBuilder();
  const a = rr('a.example.', 1);
  t.ok(b.add(Part.ADDITIONAL_A, a));
  t.notOk(b.add(Part.ADDITIONAL_A, a), 'same section again: a duplicate');
  t.ok(b.add(Part.ANSWER, a), 'a lower section moves it');
  t.notOk(b.add(Part.AUTHORITY, a), 'a higher section is a duplicate');
  const p = b.finish();
  t.equal(p.answer.length, 1);
  t.equal(p.additional.length, 0);
});

t.test('PlanBuilder tells owners of one source apart (wildcard synthesis)', async (t) => {
  const b = new PlanBuilder();
  const source = {};
  t.ok(b.add(Part.ANSWER, rr('x.example.', 5), source));
  t.ok(b.add(Part.ANSWER, rr('y.example.', 5), source));
  t.notOk(b.add(Part.ANSWER, rr('X.EXAMPLE.', 5), source), 'owners compare ignoring case');
});

t.test('PlanBuilder orders required glue first, then A before AAAA', async (t) => {
  const b = new PlanBuilder();
  b.add(Part.ADDITIONAL_AAAA, rr('o6.example.', 28));
  b.add(Part.ADDITIONAL_A, rr('o4.example.', 1));
  b.add(Part.ADDITIONAL_AAAA, rr('r6.example.', 28), undefined, true);
  b.add(Part.ADDITIONAL_A, rr('r4.example.', 1), undefined, true);
  b.add(Part.ADDITIONAL_OTHER, rr('x25.example.', 19));
  const p = b.finish();
  t.same(p.additional.map((r) => nameToText(r.owner)), ['r4.example.', 'r6.example.', 'o4.example.', 'o6.example.', 'x25.example.']);
  t.equal(p.requiredAdditional, 2);
});

t.test('PlanBuilder holds at most MAX_RRSETS RRsets (NSD MAXRRSPP)', async (t) => {
  const b = new PlanBuilder();
  let added = 0;
  for (let i = 0; i < MAX_RRSETS; i++) if (b.add(Part.ANSWER, rr(`n${i}.example.`, 1))) added++;
  t.equal(added, MAX_RRSETS);
  t.notOk(b.add(Part.ANSWER, rr('one-more.example.', 1)));
  t.equal(b.finish().answer.length, MAX_RRSETS);
});

t.test('PlanBuilder.hasCname finds a one-record CNAME by owner and target, ignoring case', async (t) => {
  const b = new PlanBuilder();
  b.add(Part.ANSWER, rr('a.example.', 5, [Array.from(parseName('B.example.', null).wire)]));
  t.ok(b.hasCname(parseName('A.example.', null).key, parseName('b.EXAMPLE.', null).key));
  t.notOk(b.hasCname(parseName('a.example.', null).key, parseName('c.example.', null).key));
});

t.test('substitute replaces the suffix and refuses names over 255 octets (RFC 6672 2.2)', async (t) => {
  const label = fc.uint8Array({ minLength: 1, maxLength: 63 });
  const name = fc.array(label, { minLength: 0, maxLength: 5 });
  await fc.assert(
    fc.property(name, name, name, (prefix, from, to) => {
      let src, dest, full;
      try {
        src = nameFromLabels(from);
        dest = nameFromLabels(to);
        full = nameFromLabels([...prefix, ...from]);
      } catch {
        return true; // an input name over 255 octets
      }
      const out = substitute(full, src, dest);
      const length = full.wire.length - src.wire.length + dest.wire.length;
      if (length > MAX_NAME) return out === undefined;
      if (out === undefined) return false;
      const want = nameFromLabels([...prefix, ...to]);
      return out.key === want.key && out.labelCount === want.labelCount;
    }),
  );
});

t.test('an exact answer is the zone RRset itself; a wildcard answer is owned by the question, case kept', async (t) => {
  const exact = ask('www.example.', 1);
  t.equal(exact.answer[0], example?.findNode(parseName('www.example.', null))?.get(1), 'no copy');
  const wild = ask('HoSt.WiLd.example.', 1);
  t.equal(nameToText(wild.answer[0].owner), 'HoSt.WiLd.example.');
});

t.test('plan.zones lists every snapshot the answer depends on', async (t) => {
  t.same(ask('www.example.', 1).zones, [example]);
  t.same(ask('cn-other.example.', 1).zones, [example, other], 'a CNAME into another zone');
  t.same(ask('glueonly.sub.example.', 1).zones, [sub, example], "the parent's names were consulted");
  t.same(ask('www.nowhere.', 1).zones, []);
  t.same(ask('id.server.', 16, 3).zones, []);
});

t.test('a referral lists its in-domain glue first', async (t) => {
  const p = ask('deleg.example.', 1);
  t.equal(p.requiredAdditional, 2);
  t.same(p.additional.slice(0, 2).map((r) => `${nameToText(r.owner)} ${r.type}`), ['ns.deleg.example. 1', 'ns.deleg.example. 28']);
  t.same(p.additional.slice(2).map((r) => `${nameToText(r.owner)} ${r.type}`), ['ns1.sibling.example. 1', 'ns1.example. 1', 'ns1.example. 28'], 'then A before AAAA');
});

t.test('optionalAuthorityFrom: only the apex NS of a positive answer is optional', async (t) => {
  const positive = ask('www.example.', 1);
  t.equal(optionalAuthorityFrom(positive), 0);
  const negative = ask('nothere.example.', 1);
  t.equal(optionalAuthorityFrom(negative), negative.authority.length);
  const referralAfterCname = ask('cn-deleg.example.', 1);
  t.equal(optionalAuthorityFrom(referralAfterCname), referralAfterCname.authority.length);
  const nodataAfterCname = ask('cname.example.', 15);
  t.equal(optionalAuthorityFrom(nodataAfterCname), nodataAfterCname.authority.length);
});

t.test('the same question gives the same plan, and names anywhere never throw', async (t) => {
  const labels = ['www', 'wild', 'w', 'y', 'deleg', 'sub', 'dn', 'dnself', 'dnloop', 'c', 'b', 'cname', 'loop1', '*', 'deep', 'x', 'glueonly', 'ZZ'];
  const label = fc.oneof(fc.constantFrom(...labels), fc.stringMatching(/^[a-z0-9-]{1,12}$/));
  const suffix = fc.constantFrom('example.', 'sub.example.', 'other.', 'nowhere.', 'a.nodeleg.example.');
  const qtype = fc.constantFrom(0, 1, 2, 5, 6, 15, 16, 28, 39, 43, 46, 47, 50, 255, 65535);
  await fc.assert(
    fc.property(fc.array(label, { maxLength: 4 }), suffix, qtype, fc.constantFrom(1, 255), (ls, sfx, type, klass) => {
      const qname = ls.length === 0 ? sfx : `${ls.join('.')}.${sfx}`;
      const a = ask(qname, type, klass);
      const b = ask(qname, type, klass);
      t.same(planText(a), planText(b));
      const rcodes: number[] = [RCODE.NOERROR, RCODE.NXDOMAIN, RCODE.YXDOMAIN, RCODE.REFUSED];
      return rcodes.includes(a.rcode) && (a.rcode !== RCODE.REFUSED || a.zones.length === 0);
    }),
    { numRuns: 500 },
  );
});

t.test('query/ stays pure: no node: imports, no process, no timers', async (t) => {
  const dir = new URL('../../../src/query/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  t.ok(files.length > 5);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    t.notMatch(text, /from '(node:|fs|net|dgram|timers)/, `${f} imports no I/O`);
    t.notMatch(text, /\bprocess\.|\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b/, `${f} uses no process or timers`);
    t.notMatch(text, /from '\.\.\/(?!wire\/|zone\/|dnssec\/)/, `${f} imports only wire, zone and dnssec`);
  }
});
