// Server-side request checks (RFC 8945 5.2): placement and form (FORMERR), BADKEY, MAC sizes, BADSIG, BADTIME, BADTRUNC.
import fc from 'fast-check';
import t from 'tap';
import { RCODE, TYPE } from '../../../src/wire/index.js';
import {
  appendRecord, findTsig, signRequest, TSIG_ERROR, type TsigFields, TsigKeyring, tsigRecord, verifyRequest,
} from '../../../src/tsig/index.js';
import { ALGORITHMS, clock, key, n, NOW, OTHER_SECRET, query, rr } from './support.js';

const K = key();
const RING = new TsigKeyring([K]);

function signedQuery(id = 0x1234): { q: Uint8Array; msg: Uint8Array; tsig: TsigFields; offset: number } {
  const q = query('example.com.', TYPE.SOA, id, true);
  const msg = signRequest(q, K, clock).message;
  const loc = findTsig(msg);
  if (loc.kind !== 'found') throw new Error('no TSIG');
  return { q, msg, tsig: loc.tsig, offset: loc.offset };
}

/** The unsigned query with a TSIG made of the good one's fields changed by `patch`. */
function withTsig(patch: Partial<TsigFields>): Uint8Array {
  const s = signedQuery();
  return appendRecord(s.q, tsigRecord({ ...s.tsig, ...patch }));
}

t.test('an unsigned request is null: no TSIG, nothing to check', async (t) => {
  t.equal(verifyRequest(query(), RING, clock), null);
  t.equal(verifyRequest(query('example.com.', TYPE.A, 1, true), RING, clock), null);
});

t.test('a request signed with each algorithm verifies, with its key and MAC', async (t) => {
  for (const alg of ALGORITHMS) {
    const k = key(alg, `${alg}.key.`);
    const ring = new TsigKeyring([K, k]);
    const s = signRequest(query(), k, clock);
    const v = verifyRequest(s.message, ring, clock);
    t.ok(v?.ok, alg);
    if (!v?.ok) continue;
    t.equal(v.key, k);
    t.same(v.requestMac, s.mac);
    t.equal(v.tsig.timeSigned, NOW);
  }
});

t.test('a misplaced, repeated or malformed TSIG is FORMERR without a key (RFC 8945 5.2)', async (t) => {
  const s = signedQuery();
  const extra = rr('x.example.', 'A', '192.0.2.1');
  const inAnswer = appendRecord(query(), tsigRecord(s.tsig));
  inAnswer[7] = 1; // ANCOUNT 1
  inAnswer[11] = 0; // the TSIG is the only record, counted as an answer
  const ownerLen = s.tsig.keyName.wire.length;
  const badClass = s.msg.slice();
  badClass[s.offset + ownerLen + 3] = 1; // CLASS IN
  const badTtl = s.msg.slice();
  badTtl[s.offset + ownerLen + 7] = 1;
  const longRdata = appendRecord(s.q, { ...tsigRecord(s.tsig), rdata: new Uint8Array([...tsigRecord(s.tsig).rdata, 0]) });
  const shortRdata = appendRecord(s.q, { ...tsigRecord(s.tsig), rdata: tsigRecord(s.tsig).rdata.slice(0, -1) });
  const cut = s.msg.slice(0, s.msg.length - 3);
  const cases: [string, Uint8Array][] = [
    ['TSIG followed by another record', appendRecord(s.msg, extra)],
    ['two TSIGs', appendRecord(s.msg, tsigRecord(s.tsig))],
    ['TSIG in the answer section', inAnswer],
    ['class not ANY', badClass],
    ['TTL not 0', badTtl],
    ['fields shorter than RDLENGTH', longRdata],
    ['fields longer than RDLENGTH', shortRdata],
    ['message cut inside the TSIG', cut],
  ];
  for (const [what, msg] of cases) {
    const v = verifyRequest(msg, RING, clock);
    t.match(v, { ok: false, rcode: RCODE.FORMERR, tsigError: 0 }, what);
    t.equal(v && !v.ok && v.key, undefined, `${what}: no key, so the answer is not signed`);
  }
});

t.test('an unknown key, an unknown algorithm or the wrong algorithm for the key is BADKEY (5.2.1)', async (t) => {
  const unknownKey = signRequest(query(), key('hmac-sha256', 'other.key.'), clock).message;
  const cases: [string, Uint8Array][] = [
    ['unknown key name', unknownKey],
    ['algorithm we do not implement', withTsig({ algorithm: n('hmac-sha3-256.') })],
    ["algorithm not the key's", withTsig({ algorithm: n('hmac-sha512.') })],
  ];
  for (const [what, msg] of cases) {
    const v = verifyRequest(msg, RING, clock);
    t.match(v, { ok: false, rcode: RCODE.NOTAUTH, tsigError: TSIG_ERROR.BADKEY }, what);
    t.ok(v && !v.ok && v.tsig && !v.key && !v.requestMac, `${what}: the TSIG is kept to echo, no key to sign with`);
  }
});

t.test('MAC sizes (5.2.2.1): longer than the hash or below max(10, hash/2) is FORMERR, in between is compared', async (t) => {
  const s = signedQuery();
  const mac = s.tsig.mac;
  t.match(verifyRequest(withTsig({ mac: new Uint8Array([...mac, 0]) }), RING, clock), { ok: false, rcode: RCODE.FORMERR }, '33 octets');
  t.match(verifyRequest(withTsig({ mac: mac.slice(0, 15) }), RING, clock), { ok: false, rcode: RCODE.FORMERR }, '15 < 16 octets');
  t.match(verifyRequest(withTsig({ mac: new Uint8Array(0) }), RING, clock), { ok: false, rcode: RCODE.FORMERR }, 'empty MAC');
  const truncated = verifyRequest(withTsig({ mac: mac.slice(0, 16) }), RING, clock);
  t.ok(truncated?.ok, 'a correct MAC truncated to 16 octets is accepted');
  t.same(truncated?.ok && truncated.requestMac, mac.slice(0, 16), 'and the truncated MAC is the request MAC (rule 4)');
  const bad = mac.slice(0, 20);
  bad[19] ^= 0x80;
  t.match(verifyRequest(withTsig({ mac: bad }), RING, clock), { ok: false, tsigError: TSIG_ERROR.BADSIG }, 'truncated but wrong');
  const md5 = key('hmac-md5', 'md5.key.');
  const m = signRequest(query(), md5, clock).message;
  const loc = findTsig(m);
  if (loc.kind !== 'found') throw new Error('no TSIG');
  const ring = new TsigKeyring([md5]);
  const md5Msg = (len: number): Uint8Array => appendRecord(query(), tsigRecord({ ...loc.tsig, mac: loc.tsig.mac.slice(0, len) }));
  t.ok(verifyRequest(md5Msg(10), ring, clock)?.ok, 'hmac-md5: 10 octets is the floor (the larger of 10 and 8)');
  t.match(verifyRequest(md5Msg(9), ring, clock), { ok: false, rcode: RCODE.FORMERR }, 'hmac-md5: 9 octets');
});

t.test('local truncation policy (5.2.4): a legal but short MAC is BADTRUNC, answered signed', async (t) => {
  const s = signedQuery();
  const msg = withTsig({ mac: s.tsig.mac.slice(0, 16) });
  const v = verifyRequest(msg, RING, clock, { minMacSize: 32 });
  t.match(v, { ok: false, rcode: RCODE.NOTAUTH, tsigError: TSIG_ERROR.BADTRUNC });
  t.equal(v && !v.ok && v.key, K, 'the key is there to sign the error');
  t.ok(verifyRequest(s.msg, RING, clock, { minMacSize: 32 })?.ok, 'the full MAC meets the policy');
});

t.test('a wrong secret is BADSIG (5.2.2), and the MAC is checked before the time', async (t) => {
  const wrong = signRequest(query(), key('hmac-sha256', K.name.toString(), OTHER_SECRET), clock).message;
  const v = verifyRequest(wrong, RING, clock);
  t.match(v, { ok: false, rcode: RCODE.NOTAUTH, tsigError: TSIG_ERROR.BADSIG });
  t.ok(v && !v.ok && !v.key, 'BADSIG is answered unsigned: no key handed out');
  t.match(verifyRequest(wrong, RING, () => NOW + 10000), { tsigError: TSIG_ERROR.BADSIG }, 'BADSIG wins over BADTIME');
});

t.test('the time check (5.2.3): within the fudge passes, outside is BADTIME with the key to sign the answer', async (t) => {
  const s = signedQuery();
  t.ok(verifyRequest(s.msg, RING, () => NOW + 300)?.ok, '+300 s');
  t.ok(verifyRequest(s.msg, RING, () => NOW - 300)?.ok, '-300 s');
  for (const skew of [301, -301, 86400]) {
    const v = verifyRequest(s.msg, RING, () => NOW + skew);
    t.match(v, { ok: false, rcode: RCODE.NOTAUTH, tsigError: TSIG_ERROR.BADTIME }, `${skew} s`);
    t.ok(v && !v.ok && v.key === K && v.requestMac, `${skew} s: signed answer possible`);
  }
  const tight = withTsig({ fudge: 0 });
  t.match(verifyRequest(tight, RING, clock), { ok: false, tsigError: TSIG_ERROR.BADSIG }, 'fudge is covered by the MAC');
});

t.test('the ID is not covered (a forwarder may change it, 4.3.2) but the Original ID is', async (t) => {
  const s = signedQuery(0x1234);
  const other = s.msg.slice();
  other[0] = 0x77;
  t.ok(verifyRequest(other, RING, clock)?.ok, 'new message ID, Original ID kept');
  const origId = withTsig({ originalId: 0x7734 });
  t.match(verifyRequest(origId, RING, clock), { ok: false, tsigError: TSIG_ERROR.BADSIG }, 'Original ID changed');
});

t.test('property: changing any octet the MAC covers makes the request fail', async (t) => {
  const s = signedQuery();
  // Covered: everything after the ID up to the TSIG, and the TSIG fields after the algorithm name.
  const algEnd = s.offset + s.tsig.keyName.wire.length + 10 + s.tsig.algorithm.wire.length;
  const positions = [...Array(s.offset - 2).keys()].map((i) => i + 2).concat([...Array(s.msg.length - algEnd).keys()].map((i) => i + algEnd));
  fc.assert(
    fc.property(fc.constantFrom(...positions), fc.integer({ min: 1, max: 255 }), (pos, x) => {
      const m = s.msg.slice();
      m[pos] ^= x;
      // Never verified; null (the walk no longer reaches a TSIG, e.g. a changed count or RDLENGTH) is
      // an unsigned request, which is no more than stripping the TSIG would give.
      const v = verifyRequest(m, RING, clock);
      return v === null || !v.ok;
    }),
    { numRuns: 2000 },
  );
  t.pass('2000 single-octet changes, none verified');
});
