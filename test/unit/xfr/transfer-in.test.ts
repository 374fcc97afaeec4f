// transferIn over a fake requester: recorded AXFR/IXFR replays, fallbacks, TSIG, garbage, stalls and broken streams.
import t, { type Test } from 'tap';
import { createTsigKey, type TsigKey, TsigKeyring } from '../../../src/tsig/index.js';
import { decodeMessage, FLAG, MessageWriter, RCODE } from '../../../src/wire/index.js';
import {
  axfrMessages, computeDiff, ixfrClientSerial, Journal, type Primary, soaSerial, transferIn, type TransferOptions,
  TYPE_AXFR, TYPE_IXFR, tsigRequestSigner, xfrRequestOf,
} from '../../../src/xfr/index.js';
import type { ZoneContents } from '../../../src/zone/index.js';
import { FakeClock, FakeRequester, type FakeHandler, idOf, ORIGIN, primary, replay, settle, sortedTexts, stall, withId, zoneOf, zoneText } from './support.js';

const SECRET = 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=';
const key = (secret = SECRET): TsigKey => createTsigKey('xfr-key.', 'hmac-sha256', secret);

function hosts(serial: number, count: number, extra: string[] = []): ZoneContents {
  const lines = Array.from({ length: count }, (_, i) => `h${i} 300 IN A 10.0.${i >> 8}.${i & 255}`);
  return zoneOf(zoneText(serial, [...lines, ...extra]));
}

const v1 = hosts(1, 300);
const v2 = hosts(2, 300, ['new 300 IN AAAA 2001:db8::2']);
const v3 = hosts(3, 290, ['new 300 IN AAAA 2001:db8::2', 'later 300 IN TXT "three"']);
const journal = new Journal(ORIGIN, undefined, [computeDiff(v1, v2), computeDiff(v2, v3)]);

function options(clock: FakeClock, requester: FakeRequester, current: ZoneContents | null, p: Partial<Primary> = {}, o: Partial<TransferOptions> = {}): TransferOptions {
  return { origin: ORIGIN, current, primary: { address: '192.0.2.53', port: 53, ...p }, requester, clock, ...o };
}

function same(t: Test, a: ZoneContents, b: ZoneContents): void {
  t.same(sortedTexts(a.records()), sortedTexts(b.records()), 'content matches the primary exactly');
}

t.test('first transfer: AXFR over TCP', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, clock }));
  const out = await transferIn(options(clock, req, null));
  t.match(out, { ok: true, kind: 'axfr', serial: 3 });
  if (out.ok && out.kind === 'axfr') {
    same(t, out.zone, v3);
    t.ok(out.messages > 1, `${out.messages} messages`);
  }
  t.equal(req.sent.length, 1);
  t.equal(req.sent[0].transport, 'tcp');
  t.equal(decodeMessage(req.sent[0].message).questions[0].qtype, TYPE_AXFR);
  t.equal(req.closed, 1, 'the stream is closed after the final SOA');
});

t.test('with a copy: IXFR from our serial, applied', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, journal, clock }));
  const out = await transferIn(options(clock, req, v1));
  t.match(out, { ok: true, kind: 'ixfr', serial: 3 });
  if (out.ok && out.kind === 'ixfr') {
    same(t, out.zone, v3);
    t.equal(out.diffs.length, 2);
  }
  const sent = decodeMessage(req.sent[0].message);
  t.equal(sent.questions[0].qtype, TYPE_IXFR);
  t.equal(ixfrClientSerial(sent), 1, 'our SOA in the authority section');
  t.same(sortedTexts(v1.records()), sortedTexts(hosts(1, 300).records()), 'the old snapshot is untouched');
});

t.test('up to date: one IXFR answered by the SOA', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, journal, clock }));
  t.same(await transferIn(options(clock, req, v3)), { ok: true, kind: 'uptodate', serial: 3 });
  t.equal(req.sent.length, 1);
  const axfrOnly = new FakeRequester(primary({ zone: v3, clock }));
  t.same(await transferIn(options(clock, axfrOnly, v3, { axfrOnly: true })), { ok: true, kind: 'uptodate', serial: 3 });
  t.equal(decodeMessage(axfrOnly.sent[0].message).questions[0].qtype, TYPE_AXFR, 'request-xfr AXFR asks AXFR');
  t.equal(axfrOnly.closed, 1, 'and stops reading after the first SOA');
});

t.test('no history on the primary: the AXFR-style answer to IXFR', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, journal: null, clock }));
  const out = await transferIn(options(clock, req, v1));
  t.match(out, { ok: true, kind: 'axfr', serial: 3 });
  if (out.ok && out.kind === 'axfr') same(t, out.zone, v3);
  t.equal(req.sent.length, 1, 'no second request');
});

t.test('IXFR not implemented: AXFR fallback, unless disallowed', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, clock, ixfrRcode: RCODE.NOTIMP }));
  const out = await transferIn(options(clock, req, v1));
  t.match(out, { ok: true, kind: 'axfr', serial: 3 });
  t.same(req.sent.map((s) => decodeMessage(s.message).questions[0].qtype), [TYPE_IXFR, TYPE_AXFR]);
  const no = new FakeRequester(primary({ zone: v3, clock, ixfrRcode: RCODE.NOTIMP }));
  t.match(await transferIn(options(clock, no, v1, {}, { allowAxfrFallback: false })), { ok: false, error: { code: 'RCODE', rcode: RCODE.NOTIMP } });
  t.equal(no.sent.length, 1);
  const refused = new FakeRequester(primary({ zone: v3, clock, ixfrRcode: RCODE.REFUSED }));
  t.match(await transferIn(options(clock, refused, v1)), { ok: false, error: { code: 'RCODE', rcode: RCODE.REFUSED } }, 'REFUSED does not fall back');
});

t.test('an IXFR that does not apply falls back to AXFR', async (t) => {
  const clock = new FakeClock();
  // Our copy claims serial 2 but lacks the record the difference 2 -> 3 removes.
  const odd = hosts(2, 250, ['new 300 IN AAAA 2001:db8::2']);
  const req = new FakeRequester(primary({ zone: v3, journal, clock }));
  const out = await transferIn(options(clock, req, odd));
  t.match(out, { ok: true, kind: 'axfr', serial: 3 });
  t.equal(req.sent.length, 2);
});

t.test('IXFR over UDP: used when it fits, TCP after TC', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v2, journal: new Journal(ORIGIN, undefined, [computeDiff(v1, v2)]), clock }));
  const out = await transferIn(options(clock, req, v1, { udp: true }));
  t.match(out, { ok: true, kind: 'ixfr', serial: 2 });
  t.same(req.sent.map((s) => s.transport), ['udp']);
  const big = new FakeRequester(primary({ zone: v3, journal: null, clock }));
  const out2 = await transferIn(options(clock, big, v1, { udp: true }));
  t.match(out2, { ok: true, kind: 'axfr', serial: 3 });
  t.same(big.sent.map((s) => s.transport), ['udp', 'tcp'], 'TC over UDP: asked again over TCP');
});

t.test('TSIG: every message verified; a wrong key is refused', async (t) => {
  const clock = new FakeClock();
  const now = (): number => Math.floor(clock.now() / 1000);
  const keyring = new TsigKeyring([key()]);
  const good = new FakeRequester(primary({ zone: v3, clock, keyring }));
  const out = await transferIn(options(clock, good, null, { signer: tsigRequestSigner(key(), now) }));
  t.match(out, { ok: true, kind: 'axfr', serial: 3 });
  const wrong = new FakeRequester(primary({ zone: v3, clock, keyring }));
  const bad = await transferIn(options(clock, wrong, null, { signer: tsigRequestSigner(key('c2VjcmV0IHRoYXQgaXMgbm90IHRoZSByaWdodCBvbmU='), now) }));
  t.match(bad, { ok: false, error: { code: 'TSIG' } });
  const unsignedPrimary = new FakeRequester(primary({ zone: v3, clock }));
  t.match(await transferIn(options(clock, unsignedPrimary, null, { signer: tsigRequestSigner(key(), now) })), { ok: false, error: { code: 'TSIG' } }, 'an unsigned answer to a signed request');
  // A message altered in transit fails its MAC.
  const tamper: FakeHandler = async function* (req, transport, to) {
    let i = 0;
    for await (const m of primary({ zone: v3, clock, keyring })(req, transport, to)) {
      const x = m.slice();
      if (i++ === 2) x[x.length - 60] ^= 1;
      yield x;
    }
  };
  t.match(await transferIn(options(clock, new FakeRequester(tamper), null, { signer: tsigRequestSigner(key(), now) })), { ok: false, error: { code: 'TSIG' } });
});

t.test('garbage, wrong IDs and broken order are errors, never exceptions', async (t) => {
  const clock = new FakeClock();
  const garbage = new FakeRequester(() => replay([Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])]));
  t.match(await transferIn(options(clock, garbage, null)), { ok: false, error: { code: 'MALFORMED' } });
  const wrongId: FakeHandler = (req) => replay([...axfrMessages(v3, { ...xfrRequestOf(decodeMessage(req))!, id: idOf(req) ^ 1 })]);
  t.match(await transferIn(options(clock, new FakeRequester(wrongId), null)), { ok: false, error: { code: 'BAD_RESPONSE' } });
  const noSoa: FakeHandler = (req) => {
    const msgs = [...axfrMessages(v3, xfrRequestOf(decodeMessage(req))!, { maxMessageSize: 2048 })];
    const m = decodeMessage(msgs[0]);
    const w = new MessageWriter(4096);
    w.setId(m.header.id);
    w.setFlags(FLAG.QR | FLAG.AA);
    w.addQuestion(ORIGIN, TYPE_AXFR, 1);
    w.addRecords(m.answers.slice(1), 1);
    return replay([w.finish().slice()]);
  };
  t.match(await transferIn(options(clock, new FakeRequester(noSoa), null)), { ok: false, error: { code: 'BAD_STREAM' } });
  const throws: FakeHandler = () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('ECONNREFUSED')) }),
  });
  t.match(await transferIn(options(clock, new FakeRequester(throws), null)), { ok: false, error: { code: 'NETWORK', message: /ECONNREFUSED/ } });
  // CNAME and other data at one name (RFC 1034 3.6.2): the zone checks on receipt refuse it.
  const clash: FakeHandler = (req) => {
    const m = decodeMessage(req);
    const soa = [...v1.records()][0];
    const w = new MessageWriter(4096);
    w.setId(m.header.id);
    w.setFlags(FLAG.QR | FLAG.AA);
    w.addQuestion(ORIGIN, TYPE_AXFR, 1);
    const rrs = [...hosts(1, 2).records()].slice(1);
    const cname = { owner: rrs[rrs.length - 1].owner, type: 5, class: 1, ttl: 300, rdata: ORIGIN.wire };
    w.addRecords([soa, ...rrs, cname, soa], 1);
    return replay([w.finish().slice()]);
  };
  t.match(await transferIn(options(clock, new FakeRequester(clash), null)), { ok: false, error: { code: 'ZONE_INVALID' }, problems: [{ severity: 'error' }] });
});

t.test('a stalled primary times out on the clock; the copy is kept', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(() => stall());
  const pending = transferIn(options(clock, req, v1, { axfrOnly: true }, { timeoutMs: 30000 }));
  await clock.advance(29000);
  let done = false;
  void pending.then(() => (done = true));
  await settle();
  t.notOk(done, 'still waiting before the limit');
  await clock.advance(2000);
  t.match(await pending, { ok: false, error: { code: 'TIMEOUT' } });
  t.equal(req.closed, 1, 'the connection is closed');
  t.equal(clock.pending, 0, 'no timer left behind');
});

t.test('a stream that stops in the middle: CLOSED, after a pause: TIMEOUT', async (t) => {
  const clock = new FakeClock();
  const half: FakeHandler = (req) => {
    const msgs = [...axfrMessages(v3, xfrRequestOf(decodeMessage(req))!, { maxMessageSize: 1024 })];
    return replay(msgs.slice(0, Math.floor(msgs.length / 2)));
  };
  t.match(await transferIn(options(clock, new FakeRequester(half), null)), { ok: false, error: { code: 'CLOSED' } });
  const halfThenStall: FakeHandler = (req) => {
    const msgs = [...axfrMessages(v3, xfrRequestOf(decodeMessage(req))!, { maxMessageSize: 1024 })];
    return (async function* () {
      yield* msgs.slice(0, 3);
      await new Promise(() => undefined);
    })();
  };
  const pending = transferIn(options(clock, new FakeRequester(halfThenStall), v1, { axfrOnly: true }, { timeoutMs: 5000 }));
  await clock.advance(6000);
  t.match(await pending, { ok: false, error: { code: 'TIMEOUT' } });
});

t.test('size-limit-xfr', async (t) => {
  const clock = new FakeClock();
  const req = new FakeRequester(primary({ zone: v3, clock }));
  t.match(await transferIn(options(clock, req, null, {}, { sizeLimit: 3000 })), { ok: false, error: { code: 'SIZE_LIMIT' } });
  t.match(await transferIn(options(clock, new FakeRequester(primary({ zone: v3, clock })), null, {}, { sizeLimit: 1_000_000 })), { ok: true });
});

t.test('a replayed recording from another server (IDs patched) is accepted', async (t) => {
  const clock = new FakeClock();
  const recorded = [...axfrMessages(v2, { id: 1, qname: ORIGIN, qtype: TYPE_AXFR, qclass: 1 }, { maxMessageSize: 1500 })];
  const req = new FakeRequester((request) => replay(recorded.map((m) => withId(m, idOf(request)))));
  const out = await transferIn(options(clock, req, null));
  t.match(out, { ok: true, kind: 'axfr', serial: 2 });
  if (out.ok && out.kind === 'axfr') t.equal(soaSerial(out.zone.soa.rdataAt(0)), 2);
});
