// The DNSSEC view of a zone: when NSD treats a zone as secure or as NSEC3, and properties of the proofs chosen.
import t from 'tap';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { zoneDnssec } from '../../../src/dnssec/index.js';
import { answerQuestion, extendedErrorOf, type AnswerPlan, type PlannedRRset } from '../../../src/query/index.js';
import { compareNames, fromBase32Hex, Name, nameFromLabels, parseName, RCODE, TYPE, toBase32Hex } from '../../../src/wire/index.js';
import { ZoneDb, type ZoneContents } from '../../../src/zone/index.js';
import { nsec3Hash } from '../../../src/dnssec/index.js';
import { FIXTURE_DIR } from '../../query/dnssec-golden.js';
import { DEFAULT_OPTIONS, zoneFromText } from '../../query/helpers.js';

const text = (file: string) => fs.readFileSync(path.join(FIXTURE_DIR, file), 'latin1');
const NSEC = text('example.nsec');
const NSEC3 = text('example.nsec3');
/** The zone text without the RRSIG over the apex DNSKEY RRset (the NSEC3 bit maps mention DNSKEY: match the type field). */
const unsignedKeys = (z: string) => z.split('\n').filter((l) => !/\sIN\s+RRSIG\s+DNSKEY\s/.test(l)).join('\n');

function ask(zone: ZoneContents, qname: string, qtype: number, dnssecOk = true): AnswerPlan {
  const db = new ZoneDb();
  db.set(zone);
  return answerQuestion(db, { qname: parseName(qname, null), qtype, qclass: 1, dnssecOk }, DEFAULT_OPTIONS);
}

const types = (rs: readonly PlannedRRset[]) => rs.flatMap((r) => (r.rrsigs ? [r.type, r.rrsigs.type] : [r.type]));

t.test('secure means an RRSIG over the apex DNSKEY RRset (NSD zone_is_secure, checked with nsd 4.6.1)', async (t) => {
  const signed = zoneFromText('example.', NSEC);
  t.ok(zoneDnssec(signed).secure);
  t.same(types(ask(signed, 'www.example.', TYPE.A).answer), [TYPE.A, TYPE.RRSIG]);
  t.same(types(ask(signed, 'nothere.example.', TYPE.A).authority), [TYPE.NSEC, TYPE.RRSIG, TYPE.NSEC, TYPE.RRSIG, TYPE.SOA, TYPE.RRSIG]);
  t.same(types(ask(signed, 'www.example.', TYPE.A, false).answer), [TYPE.A], 'DO=0: no RRSIG');
  const unsigned = zoneFromText('example.', unsignedKeys(NSEC));
  t.notOk(zoneDnssec(unsigned).secure, 'RRSIGs over the SOA and the rest do not make it secure');
  t.same(types(ask(unsigned, 'www.example.', TYPE.A).answer), [TYPE.A], 'nsd: no RRSIG attached');
  t.same(types(ask(unsigned, 'nothere.example.', TYPE.A).authority), [TYPE.SOA], 'nsd: no NSEC either');
});

t.test('an NSEC3 chain is used without a secure zone, but nothing is signed then (checked with nsd 4.6.1)', async (t) => {
  const zone = zoneFromText('example.', unsignedKeys(NSEC3));
  t.notOk(zoneDnssec(zone).secure);
  t.equal(zoneDnssec(zone).nsec3?.size, NSEC3.split('\n').filter((l) => /\sIN\s+NSEC3\s/.test(l)).length, 'every NSEC3 is in the chain');
  t.same(types(ask(zone, 'nothere.example.', TYPE.A).authority), [TYPE.NSEC3, TYPE.NSEC3, TYPE.NSEC3, TYPE.SOA]);
  t.same(types(ask(zone, 'foo.signed.example.', TYPE.A).authority), [TYPE.NS], 'a referral gets no DS outside a secure zone');
});

t.test('the NSEC3 chain NSD uses: NSEC3PARAM with SHA-1 and flags 0, and hash(apex) with the SOA bit', async (t) => {
  t.equal(zoneDnssec(zoneFromText('example.', NSEC3)).nsec3?.params.iterations, 5);
  t.equal(zoneDnssec(zoneFromText('example.', NSEC)).nsec3, undefined, 'an NSEC zone');
  const flagged = NSEC3.replace(/(\sIN\s+NSEC3PARAM\s+)1 0 /, '$11 1 ');
  t.equal(zoneDnssec(zoneFromText('example.', flagged)).nsec3, undefined, 'NSEC3PARAM flags other than 0 are ignored (RFC 5155 4.1.2)');
  const other = NSEC3.replace(/(\sIN\s+NSEC3PARAM\s+)1 0 5 beef/i, '$11 0 5 cafe');
  t.equal(zoneDnssec(zoneFromText('example.', other)).nsec3, undefined, 'no NSEC3 at the hash of the apex for those parameters');
});

t.test('the chain wraps: a hash before the first NSEC3 is covered by the last', async (t) => {
  const chain = zoneDnssec(zoneFromText('example.', NSEC3)).nsec3!;
  const entries = chain.entries();
  t.equal(chain.find('00000000000000000000000000000000').rrset, entries[entries.length - 1].rrset);
  t.ok(chain.find(entries[3].hash).exact);
  t.notOk(chain.find(entries[3].hash.replace(/.$/, (c) => (c === 'v' ? 'u' : 'v'))).exact);
});

t.test('a name to prove absent whose hash has an NSEC3: SERVFAIL, as nsd 4.6.1 answers (nsec3.c)', async (t) => {
  const base = zoneFromText('example.', NSEC3);
  const { salt, iterations } = zoneDnssec(base).nsec3!.params;
  // An NSEC3 (unsigned: nothing checks it) at the hash of a name that does not exist.
  const fake = (name: string) => `${nsec3Hash(parseName(name, null).key, salt, iterations)}.example. 300 IN NSEC3 1 0 5 beef 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A`;
  const zone = zoneFromText('example.', `${NSEC3}\n${fake('nothere.example.')}\n${fake('nothere.wild.example.')}\n`);
  const nx = ask(zone, 'nothere.example.', TYPE.A);
  t.equal(nx.rcode, RCODE.SERVFAIL);
  t.ok(nx.aa);
  // nsd: the closest encloser's NSEC3 and the wildcard cover (with RRSIGs), no SOA.
  t.same(types(nx.authority), [TYPE.NSEC3, TYPE.RRSIG, TYPE.NSEC3, TYPE.RRSIG]);
  const q = { qname: parseName('nothere.example.', null), qtype: TYPE.A, qclass: 1, dnssecOk: true };
  t.same(extendedErrorOf(q, nx), { code: 0, text: 'NSEC3 hash collision' });
  const wild = ask(zone, 'nothere.wild.example.', TYPE.A);
  t.same([wild.rcode, wild.answer.length, wild.authority.length], [RCODE.SERVFAIL, 0, 0], 'a wildcard answer: nothing (nsd)');
  t.equal(ask(zone, 'nothere.example.', TYPE.A, false).rcode, RCODE.NXDOMAIN, 'DO=0: no proof, no collision');
});

/** The labels a random name below the apex is made of (a-z, 0-9, '-': ordinary host names). */
const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const below = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => nameFromLabels([...ls.map((l) => new TextEncoder().encode(l)), new TextEncoder().encode('example')]));

function nextName(rd: Uint8Array): Name {
  let p = 0;
  while (rd[p] !== 0) p += rd[p] + 1;
  return new Name(rd.slice(0, p + 1));
}

/** RFC 4034 4.1.1: the NSEC at `owner` covers `name` (owner < name < next, or past the last name when next is the apex). */
function nsecCovers(r: PlannedRRset, name: Name): boolean {
  const next = nextName(r.rdatas[0]);
  const after = compareNames(r.owner, name) < 0;
  return compareNames(next, r.owner) <= 0 ? after : after && compareNames(name, next) < 0;
}

/** RFC 5155 7.2.1: the NSEC3 at `owner` covers `hash` (owner hash < hash < next hash, wrapping at the end). */
function nsec3Covers(r: PlannedRRset, hash: string): boolean {
  const own = r.owner.key.substring(1, 33);
  const rd = r.rdatas[0];
  const p = 5 + rd[4];
  const next = toBase32Hex(rd.subarray(p + 1, p + 1 + rd[p]));
  return next <= own ? hash > own || hash < next : hash > own && hash < next;
}

t.test('property: every NXDOMAIN in the NSEC zone carries an NSEC covering the name (RFC 4035 3.1.3.2)', async (t) => {
  const zone = zoneFromText('example.', NSEC);
  fc.assert(
    fc.property(below, (name) => {
      const plan = ask(zone, name.toString(), TYPE.A);
      if (plan.rcode !== RCODE.NXDOMAIN) return true;
      return plan.authority.some((r) => r.type === TYPE.NSEC && nsecCovers(r, name));
    }),
    { numRuns: 300 },
  );
});

t.test('property: every NXDOMAIN in the NSEC3 zone covers the next closer name (RFC 5155 7.2.2)', async (t) => {
  const zone = zoneFromText('example.', NSEC3);
  const { salt, iterations } = zoneDnssec(zone).nsec3!.params;
  fc.assert(
    fc.property(below, (name) => {
      const plan = ask(zone, name.toString(), TYPE.A);
      if (plan.rcode !== RCODE.NXDOMAIN) return true;
      // The next closer is one label below the closest encloser; try each candidate the name has.
      const candidates: string[] = [];
      for (let n = name; n.labelCount > 1; n = new Name(n.wire.slice(n.wire[0] + 1))) candidates.push(nsec3Hash(n.key, salt, iterations));
      return plan.authority.some((r) => r.type === TYPE.NSEC3 && candidates.some((h) => nsec3Covers(r, h)));
    }),
    { numRuns: 300 },
  );
  t.ok(fromBase32Hex(zoneDnssec(zone).nsec3!.entries()[0].hash), 'hashes are base32hex');
});
