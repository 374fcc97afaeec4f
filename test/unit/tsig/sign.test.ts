// Responses to signed requests (RFC 8945 5.3, 5.3.2, 5.2.3) and their checking by the requester (5.4).
import t from 'tap';
import { decodeMessage, FLAG, MessageWriter, RCODE, SECTION, TYPE } from '../../../src/wire/index.js';
import {
  findTsig, responseTsig, signRequest, signResponse, signResponseBytes, TSIG_ERROR, TsigKeyring, tsigRequestSize,
  tsigResponseSize, verifyRequest, verifyResponse, type TsigRequestResult,
} from '../../../src/tsig/index.js';
import { ALGORITHMS, clock, key, n, NOW, OTHER_SECRET, query, respond, rr } from './support.js';

const K = key();
const RING = new TsigKeyring([K]);
const SOA = rr('example.com.', 'SOA', 'ns1.example.com. admin.example.com. 1 7200 3600 1209600 3600');

function tsigOf(msg: Uint8Array) {
  const loc = findTsig(msg);
  if (loc.kind !== 'found') throw new Error(`no TSIG: ${loc.kind}`);
  return loc.tsig;
}

t.test('request -> signed response -> verified, for every algorithm', async (t) => {
  for (const alg of ALGORITHMS) {
    const k = key(alg, 'k.example.');
    const req = signRequest(query(), k, clock);
    const resp = respond(req.message, new TsigKeyring([k]), clock, () => [SOA]);
    t.same(verifyResponse(resp, req, clock), { ok: true, signed: true }, alg);
    const m = decodeMessage(resp);
    t.equal(m.answers.length, 1, `${alg}: the answer is there`);
    t.equal(m.tsigOffset > 0, true);
    const ts = tsigOf(resp);
    t.equal(ts.mac.length, { 'hmac-md5': 16, 'hmac-sha1': 20, 'hmac-sha224': 28, 'hmac-sha256': 32, 'hmac-sha384': 48, 'hmac-sha512': 64 }[alg]);
    t.equal(ts.originalId, 0x1234);
    t.equal(ts.fudge, 300);
  }
});

t.test('the response MAC covers the request MAC: a response to another request does not verify', async (t) => {
  const a = signRequest(query(), K, clock);
  const b = signRequest(query('example.com.', TYPE.SOA, 0x1234), K, () => NOW + 1);
  const respA = respond(a.message, RING, clock, () => [SOA]);
  t.match(verifyResponse(respA, b, clock), { ok: false, code: 'BADSIG', fromServer: false });
});

t.test('signResponse and signResponseBytes write the same message', async (t) => {
  const req = signRequest(query(), K, clock);
  const v = verifyRequest(req.message, RING, clock) as TsigRequestResult;
  const build = (): MessageWriter => {
    const w = new MessageWriter(512);
    w.setId(0x1234);
    w.setFlags(FLAG.QR | FLAG.AA);
    w.addQuestion(n('example.com.'), TYPE.SOA, 1);
    w.addRecord(SOA, SECTION.ANSWER);
    return w;
  };
  const viaWriter = signResponse(build(), v, clock)!.slice();
  const viaBytes = signResponseBytes(build().finish().slice(), v, clock);
  t.same(viaBytes, viaWriter);
  t.same(verifyResponse(viaBytes, req, clock), { ok: true, signed: true });
});

t.test('reserving tsigResponseSize keeps the TSIG when the answer fills the limit', async (t) => {
  const req = signRequest(query(), K, clock);
  const v = verifyRequest(req.message, RING, clock) as TsigRequestResult;
  const w = new MessageWriter(512);
  w.setId(0x1234);
  w.setFlags(FLAG.QR | FLAG.AA);
  w.addQuestion(n('example.com.'), TYPE.A, 1);
  t.ok(w.reserve(tsigResponseSize(v)));
  let added = 0;
  for (let i = 0; i < 100 && w.addRecord(rr(`host${i}.example.com.`, 'A', `192.0.2.${i}`), SECTION.ANSWER); i++) added++;
  t.ok(added > 5 && added < 100, `${added} records fitted`);
  const out = signResponse(w, v, clock);
  t.ok(out, 'the TSIG fitted');
  t.ok(out!.length <= 512 && out!.length > 512 - 30, `${out!.length} octets`);
  t.same(verifyResponse(out!.slice(), req, clock), { ok: true, signed: true });
  t.equal(tsigResponseSize(v), out!.length - (findTsig(out!) as { offset: number }).offset, 'the size reserved is the size written');
});

t.test('BADKEY and BADSIG are answered unsigned: empty MAC, the error, the request fields echoed (5.3.2)', async (t) => {
  const cases: [string, TsigKeyring, number][] = [
    ['BADKEY', new TsigKeyring([key('hmac-sha256', 'other.key.')]), TSIG_ERROR.BADKEY],
    ['BADSIG', new TsigKeyring([key('hmac-sha256', K.name.toString(), OTHER_SECRET)]), TSIG_ERROR.BADSIG],
  ];
  for (const [what, ring, err] of cases) {
    const req = signRequest(query(), K, () => NOW - 100);
    const v = verifyRequest(req.message, ring, clock) as TsigRequestResult;
    const resp = respond(req.message, ring, clock, () => [SOA]);
    const m = decodeMessage(resp);
    t.equal(m.header.rcode, RCODE.NOTAUTH, `${what}: NOTAUTH`);
    t.equal(m.answers.length, 0);
    const ts = tsigOf(resp);
    t.same([ts.mac.length, ts.error, ts.keyName.toString(), ts.algorithm.toString()], [0, err, 'tsig-key.example.', 'hmac-sha256.'], what);
    t.equal(ts.timeSigned, NOW - 100, `${what}: the request's time echoed, as NSD does`);
    t.equal(tsigResponseSize(v), resp.length - (findTsig(resp) as { offset: number }).offset, `${what}: size as reserved`);
    t.match(verifyResponse(resp, req, clock), { ok: false, code: what, tsigError: err, fromServer: true }, `${what}: the requester sees it`);
  }
});

t.test('BADTIME is answered signed, with the request time and the server time in Other Data (5.2.3)', async (t) => {
  const req = signRequest(query(), K, () => NOW - 1000);
  const resp = respond(req.message, RING, clock, () => [SOA]);
  const m = decodeMessage(resp);
  t.equal(m.header.rcode, RCODE.NOTAUTH);
  const ts = tsigOf(resp);
  t.equal(ts.error, TSIG_ERROR.BADTIME);
  t.equal(ts.timeSigned, NOW - 1000, "Time Signed is the client's, so its check passes");
  t.same(Buffer.from(ts.other).toString('hex'), NOW.toString(16).padStart(12, '0'), 'Other Data: our time, 48 bits');
  t.equal(ts.mac.length, 32);
  const v = verifyRequest(req.message, RING, clock) as TsigRequestResult;
  t.equal(tsigResponseSize(v), resp.length - (findTsig(resp) as { offset: number }).offset);
  // The requester (whose clock is behind) verifies the MAC and learns the server's time.
  t.match(verifyResponse(resp, req, () => NOW - 1000), { ok: false, code: 'BADTIME', fromServer: true, serverTime: NOW });
  const forged = resp.slice();
  forged[forged.length - 1] ^= 1;
  t.match(verifyResponse(forged, req, () => NOW - 1000), { ok: false, code: 'BADSIG', fromServer: false }, 'a forged server time');
});

t.test('BADTRUNC is answered signed; FORMERR carries no TSIG', async (t) => {
  const req = signRequest(query(), K, clock);
  const loc = findTsig(req.message);
  if (loc.kind !== 'found') throw new Error('no TSIG');
  const v = verifyRequest(req.message, RING, clock, { minMacSize: 64 }) as TsigRequestResult;
  t.match(v, { ok: false, tsigError: TSIG_ERROR.BADTRUNC });
  const w = new MessageWriter(512);
  w.setId(0x1234);
  w.setFlags(FLAG.QR);
  w.setRcode(RCODE.NOTAUTH);
  w.reserve(tsigResponseSize(v));
  const resp = signResponse(w, v, clock)!.slice();
  t.equal(tsigOf(resp).error, TSIG_ERROR.BADTRUNC);
  t.match(verifyResponse(resp, req, clock), { ok: false, code: 'BADTRUNC', fromServer: true });
  const twoTsigs = new Uint8Array([...req.message]);
  const formerr: TsigRequestResult = { ok: false, rcode: RCODE.FORMERR, tsigError: 0, reason: 'x', tsig: loc.tsig };
  t.equal(responseTsig(twoTsigs, formerr, clock), null);
  t.equal(tsigResponseSize(formerr), 0);
});

t.test('the requester refuses unsigned, foreign-key, stale, truncated and tampered responses (5.4)', async (t) => {
  const req = signRequest(query(), K, clock);
  const good = respond(req.message, RING, clock, () => [SOA]);
  const unsigned = respond(query(), RING, clock, () => [SOA]);
  t.match(verifyResponse(unsigned, req, clock), { ok: false, code: 'UNSIGNED' });
  const other = key('hmac-sha256', 'other.key.');
  const otherReq = signRequest(query(), other, clock);
  t.match(verifyResponse(respond(otherReq.message, new TsigKeyring([other]), clock, () => [SOA]), req, clock), { ok: false, code: 'BADKEY', fromServer: false });
  t.match(verifyResponse(good, req, () => NOW + 301), { ok: false, code: 'BADTIME', fromServer: false });
  const tampered = good.slice();
  tampered[(findTsig(good) as { offset: number }).offset - 1] ^= 1; // the SOA minimum's low octet
  t.match(verifyResponse(tampered, req, clock), { ok: false, code: 'BADSIG' });
  const extra = good.slice(0, good.length - 1);
  t.match(verifyResponse(extra, req, clock), { ok: false, code: 'FORMERR' });
});

t.test('signRequest with a writer: reserve tsigRequestSize, or get TSIG_NO_ROOM', async (t) => {
  const w = new MessageWriter(512);
  w.setId(7);
  w.addQuestion(n('example.com.'), TYPE.SOA, 1);
  t.ok(w.reserve(tsigRequestSize(K)));
  const s = signRequest(w, K, clock);
  t.equal(s.id, 7);
  t.ok(verifyRequest(s.message, RING, clock)?.ok);
  const tiny = new MessageWriter(40);
  tiny.addQuestion(n('example.com.'), TYPE.SOA, 1);
  t.throws(() => signRequest(tiny, K, clock), { code: 'TSIG_NO_ROOM' });
});
