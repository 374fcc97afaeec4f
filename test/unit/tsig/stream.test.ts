// Multi-message responses (RFC 8945 5.3.1): every message signed and chained; the verifier's checks and limits.
import t from 'tap';
import { FLAG, MessageWriter, SECTION } from '../../../src/wire/index.js';
import {
  appendRecord, findTsig, keyAlgorithm, signRequest, TsigKeyring, TsigResponseVerifier, TsigStreamSigner, tsigRecord, verifyRequest,
  type TsigRequestOk, type TsigSignedRequest,
} from '../../../src/tsig/index.js';
import { addMessage, addVariables, startMac } from '../../../src/tsig/mac.js';
import { clock, key, NOW, query, rr } from './support.js';

const K = key();
const RING = new TsigKeyring([K]);

/** `count` unsigned AXFR-like messages of three A records each. */
function messages(count: number, id = 0x1234): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let m = 0; m < count; m++) {
    const w = new MessageWriter(4096);
    w.setId(id);
    w.setFlags(FLAG.QR | FLAG.AA);
    for (let i = 0; i < 3; i++) w.addRecord(rr(`h${m}-${i}.example.com.`, 'A', `192.0.2.${i}`), SECTION.ANSWER);
    out.push(w.finish().slice());
  }
  return out;
}

function start(id = 0x1234): { req: TsigSignedRequest; ok: TsigRequestOk } {
  const req = signRequest(query('example.com.', 252, id), K, clock);
  const ok = verifyRequest(req.message, RING, clock);
  if (!ok?.ok) throw new Error('request did not verify');
  return { req, ok };
}

/**
 * A sender that signs only the messages `signed(i)` says, as RFC 2845 servers (NSD: every 96th) do:
 * each signed message's MAC covers the prior MAC, the unsigned messages since, itself and the timers.
 */
function sparse(req: TsigRequestOk, msgs: Uint8Array[], signed: (i: number) => boolean): Uint8Array[] {
  const alg = keyAlgorithm(K);
  let prior = req.requestMac;
  let h = startMac(K, alg, prior);
  let first = true;
  return msgs.map((m, i) => {
    addMessage(h, m, m.length, 0x1234, 0);
    if (!signed(i)) return m;
    const f = { keyName: K.name, algorithm: alg.name, timeSigned: NOW, fudge: 300, error: 0, other: new Uint8Array(0), originalId: 0x1234 };
    addVariables(h, f, !first);
    first = false;
    prior = new Uint8Array(h.digest());
    h = startMac(K, alg, prior);
    return appendRecord(m, tsigRecord({ ...f, mac: prior }));
  });
}

function verifyAll(req: TsigSignedRequest, stream: Uint8Array[], opts = {}): { steps: string[]; end: string } {
  const v = new TsigResponseVerifier(req, clock, opts);
  const steps = stream.map((m) => {
    const r = v.verify(m);
    return r.ok ? (r.signed ? 'signed' : 'unsigned') : r.code;
  });
  const e = v.finish();
  return { steps, end: e.ok ? 'ok' : e.code };
}

t.test('every message signed by TsigStreamSigner verifies, each chained to the one before', async (t) => {
  const { req, ok } = start();
  const signer = new TsigStreamSigner(ok, clock);
  const stream = messages(10).map((m) => signer.signBytes(m));
  t.equal(signer.signed, 10);
  const r = verifyAll(req, stream);
  t.same(r, { steps: Array(10).fill('signed'), end: 'ok' });
});

t.test('the writer path matches the bytes path, and reserveSize is what the TSIG takes', async (t) => {
  const { ok } = start();
  const a = new TsigStreamSigner(ok, clock);
  const b = new TsigStreamSigner(ok, clock);
  for (let k = 0; k < 3; k++) {
    const w = new MessageWriter(4096);
    w.setId(0x1234);
    w.setFlags(FLAG.QR | FLAG.AA);
    w.reserve(a.reserveSize);
    for (let i = 0; i < 3; i++) w.addRecord(rr(`x${i}.example.com.`, 'A', '192.0.2.9'), SECTION.ANSWER);
    const unsignedLen = w.length;
    const viaWriter = a.sign(w)!.slice();
    t.equal(viaWriter.length - unsignedLen, a.reserveSize);
    const w2 = new MessageWriter(4096);
    w2.setId(0x1234);
    w2.setFlags(FLAG.QR | FLAG.AA);
    for (let i = 0; i < 3; i++) w2.addRecord(rr(`x${i}.example.com.`, 'A', '192.0.2.9'), SECTION.ANSWER);
    t.same(b.signBytes(w2.finish().slice()), viaWriter);
  }
});

t.test('tampering with, dropping, reordering or replaying one message of a stream is detected there', async (t) => {
  const { req, ok } = start();
  const signer = new TsigStreamSigner(ok, clock);
  const stream = messages(6).map((m) => signer.signBytes(m));
  const tampered = stream.map((m) => m.slice());
  tampered[3][40] ^= 1; // an A record's address
  t.same(verifyAll(req, tampered).steps, ['signed', 'signed', 'signed', 'BADSIG', 'BADSIG', 'BADSIG'], 'tampered message 4');
  const dropped = [...stream.slice(0, 2), ...stream.slice(3)];
  t.same(verifyAll(req, dropped).steps.slice(0, 3), ['signed', 'signed', 'BADSIG'], 'message 3 dropped');
  const swapped = [stream[0], stream[2], stream[1], ...stream.slice(3)];
  t.equal(verifyAll(req, swapped).steps[1], 'BADSIG', 'messages 2 and 3 swapped');
  t.equal(verifyAll(req, [stream[0], stream[0]]).steps[1], 'BADSIG', 'message 1 replayed');
  const other = start(0x4321);
  t.equal(verifyAll(other.req, stream).steps[0], 'BADSIG', 'the stream answered another request');
});

t.test('unsigned messages: up to 99 in a row between signed ones, never first or last (5.3.1)', async (t) => {
  const { req, ok } = start();
  const msgs = messages(201);
  const every100 = sparse(ok, msgs, (i) => i % 100 === 0);
  const r = verifyAll(req, every100);
  t.equal(r.steps.filter((s) => s === 'signed').length, 3);
  t.equal(r.steps.filter((s) => s === 'unsigned').length, 198);
  t.equal(r.end, 'ok', 'signed at 1, 101, 201: 99 unsigned between');
  const every101 = sparse(ok, msgs, (i) => i % 101 === 0 || i === 200);
  const r2 = verifyAll(req, every101);
  t.equal(r2.steps[100], 'UNSIGNED', 'the 100th unsigned message in a row is refused');
  t.equal(r2.end, 'UNSIGNED');
  t.same(verifyAll(req, sparse(ok, msgs.slice(0, 5), (i) => i < 4)), { steps: ['signed', 'signed', 'signed', 'signed', 'unsigned'], end: 'UNSIGNED' }, 'last unsigned');
  t.same(verifyAll(req, sparse(ok, msgs.slice(0, 3), (i) => i > 0)).steps, ['UNSIGNED', 'UNSIGNED', 'UNSIGNED'], 'first unsigned');
  const strict = verifyAll(req, sparse(ok, msgs.slice(0, 5), (i) => i % 2 === 0), { maxUnsigned: 0 });
  t.same(strict.steps.slice(0, 2), ['signed', 'UNSIGNED'], 'maxUnsigned 0');
  t.same(verifyAll(req, []), { steps: [], end: 'UNSIGNED' }, 'no message at all');
});

t.test('a change in an unsigned message is caught by the next signed one', async (t) => {
  const { req, ok } = start();
  const stream = sparse(ok, messages(8), (i) => i % 4 === 0 || i === 7);
  const bad = stream.map((m) => m.slice());
  bad[2][40] ^= 1;
  t.same(verifyAll(req, bad).steps, ['signed', 'unsigned', 'unsigned', 'unsigned', 'BADSIG', 'BADSIG', 'BADSIG', 'BADSIG']);
  t.same(verifyAll(req, stream).end, 'ok', 'the untouched stream passes');
});

t.test('a later message digesting all variables instead of the timers is refused (5.3.1)', async (t) => {
  const { req, ok } = start();
  const [m1, m2] = messages(2);
  const signer = new TsigStreamSigner(ok, clock);
  const first = signer.signBytes(m1);
  const loc = findTsig(first);
  if (loc.kind !== 'found') throw new Error('no TSIG');
  // Message 2 signed as if it were a new single response over message 1's MAC: all variables digested.
  const fresh = new TsigStreamSigner({ ...ok, requestMac: loc.tsig.mac }, clock);
  t.same(verifyAll(req, [first, fresh.signBytes(m2)]).steps, ['signed', 'BADSIG']);
  t.same(verifyAll(req, [first, signer.signBytes(m2)]).steps, ['signed', 'signed']);
});
