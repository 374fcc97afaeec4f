// NOTIFY: the request (RFC 1996 3.7), checking answers, reading a received NOTIFY, and the notifier on a fake clock.
import t from 'tap';
import { createTsigKey, TsigKeyring, signResponse, tsigResponseSize, verifyRequest } from '../../../src/tsig/index.js';
import { decodeMessage, FLAG, MessageWriter, OPCODE, RCODE } from '../../../src/wire/index.js';
import {
  buildNotify, checkNotifyResponse, Notifier, type NotifierEvent, parseNotify, soaSerial, tsigRequestSigner,
} from '../../../src/xfr/index.js';
import { FakeClock, FakeRequester, type FakeHandler, n, ORIGIN, replay, stall, zoneOf, zoneText } from './support.js';

const zone = zoneOf(zoneText(42, []));
const soa = [...zone.records()][0];

/** The answer a secondary gives: the request echoed with QR (RFC 1996 4.7), `rcode`, optionally signed. */
function ack(req: Uint8Array, rcode = 0, keyring?: TsigKeyring, now = (): number => 1700000000): Uint8Array {
  const m = decodeMessage(req);
  const w = new MessageWriter(512);
  w.setId(m.header.id);
  w.setFlags(FLAG.QR | FLAG.AA | (OPCODE.NOTIFY << 11) | rcode);
  w.addQuestion(m.questions[0].qname, m.questions[0].qtype, 1);
  if (!keyring) return w.finish().slice();
  const v = verifyRequest(req, keyring, now);
  if (!v || !v.ok) throw new Error('request not verified');
  w.reserve(tsigResponseSize(v));
  return (signResponse(w, v, now) as Uint8Array).slice();
}

t.test('the NOTIFY request', async (t) => {
  const m = decodeMessage(buildNotify(n('Example.com.'), 0x1234, soa));
  t.equal(m.header.id, 0x1234);
  t.equal(m.header.opcode, OPCODE.NOTIFY);
  t.ok(m.header.aa, 'AA set');
  t.notOk(m.header.qr);
  t.same([m.questions[0].qtype, m.questions[0].qclass], [6, 1]);
  t.equal(m.answers.length, 1);
  t.equal(soaSerial(m.answers[0].rdata), 42);
  t.same(parseNotify(m), { zone: m.questions[0].qname, serial: 42 });
  t.same(parseNotify(decodeMessage(buildNotify(ORIGIN, 1, null))), { zone: ORIGIN, serial: null }, 'no SOA: no serial hint');
  t.equal(parseNotify(decodeMessage(ack(buildNotify(ORIGIN, 1, soa)))), null, 'an answer is not a NOTIFY');
});

t.test('checking answers', async (t) => {
  const req = buildNotify(ORIGIN, 77, soa);
  t.same(checkNotifyResponse(ack(req), 77, ORIGIN), { ok: true });
  t.match(checkNotifyResponse(ack(req, RCODE.REFUSED), 77, ORIGIN), { ok: false, final: true, rcode: RCODE.REFUSED, reason: /REFUSED/ });
  t.match(checkNotifyResponse(ack(req, RCODE.NOTAUTH), 77, ORIGIN), { ok: false, final: true, rcode: RCODE.NOTAUTH });
  t.match(checkNotifyResponse(ack(req), 78, ORIGIN), { ok: false, final: false });
  t.match(checkNotifyResponse(ack(req), 77, n('example.net.')), { ok: false, final: false });
  t.match(checkNotifyResponse(req, 77, ORIGIN), { ok: false, final: false }, 'the request itself (no QR)');
  t.match(checkNotifyResponse(Uint8Array.from([0, 77, 0x80]), 77, ORIGIN), { ok: false, final: false, reason: /malformed/ });
});

function notifier(clock: FakeClock, handler: FakeHandler, events: NotifierEvent[], extra: Partial<ConstructorParameters<typeof Notifier>[0]> = {}): { n: Notifier; req: FakeRequester } {
  const req = new FakeRequester(handler);
  const nt = new Notifier({ zone: ORIGIN, target: { address: '192.0.2.2', port: 53 }, requester: req, clock, onEvent: (e) => events.push(e), ...extra });
  return { n: nt, req };
}

t.test('acknowledged at once', async (t) => {
  const clock = new FakeClock();
  const events: NotifierEvent[] = [];
  const { n: nt, req } = notifier(clock, (r) => replay([ack(r)]), events);
  await nt.notify(soa);
  t.same(events, [{ type: 'acked', serial: 42, attempts: 1 }]);
  t.equal(nt.state, 'acked');
  t.equal(req.sent[0].transport, 'udp');
  t.equal(clock.pending, 0);
});

t.test('retried with back-off until acknowledged', async (t) => {
  const clock = new FakeClock();
  const events: NotifierEvent[] = [];
  let calls = 0;
  const { n: nt, req } = notifier(clock, (r) => (++calls < 3 ? stall() : replay([ack(r)])), events);
  const done = nt.notify(soa);
  await clock.advance(2999);
  t.equal(req.sent.length, 1, 'waits 3 s for the first answer');
  await clock.advance(1);
  t.equal(req.sent.length, 2);
  await clock.advance(5999);
  t.equal(req.sent.length, 2, 'then 6 s');
  await clock.advance(1);
  t.equal(req.sent.length, 3);
  await done;
  t.same(events.map((e) => e.type), ['retry', 'retry', 'acked']);
  t.match(events[2], { attempts: 3 });
  const ids = req.sent.map((s) => decodeMessage(s.message).header.id);
  t.equal(new Set(ids).size, ids.length, 'a fresh ID per send');
});

t.test('gives up after notify-retry sends, with an event', async (t) => {
  const clock = new FakeClock();
  const events: NotifierEvent[] = [];
  const { n: nt, req } = notifier(clock, () => stall(), events, { retries: 3, waitMs: 1000, maxWaitMs: 1500 });
  const done = nt.notify(soa);
  await clock.advance(1000 + 1500 + 1500);
  await done;
  t.equal(req.sent.length, 3);
  t.same(events.map((e) => e.type), ['retry', 'retry', 'gave-up']);
  t.match(events[2], { type: 'gave-up', serial: 42, attempts: 3, reason: /no answer/ });
  t.equal(nt.state, 'gave-up');
});

t.test('an error answer ends the round; a newer serial replaces a running round', async (t) => {
  const clock = new FakeClock();
  const events: NotifierEvent[] = [];
  const { n: nt } = notifier(clock, (r) => replay([ack(r, RCODE.NOTAUTH)]), events);
  await nt.notify(soa);
  t.match(events, [{ type: 'refused', rcode: RCODE.NOTAUTH }]);
  const ev2: NotifierEvent[] = [];
  let first = true;
  const { n: n2 } = notifier(clock, (r) => {
    if (first) {
      first = false;
      return stall();
    }
    return replay([ack(r)]);
  }, ev2);
  const a = n2.notify(soa);
  const newer = [...zoneOf(zoneText(43, [])).records()][0];
  const b = n2.notify(newer);
  await b;
  await clock.advance(3000);
  await a;
  t.same(ev2, [{ type: 'acked', serial: 43, attempts: 1 }], 'only the newest serial is reported');
});

t.test('signed NOTIFY, answer verified', async (t) => {
  const clock = new FakeClock();
  const now = (): number => Math.floor(clock.now() / 1000);
  const key = createTsigKey('notify-key.', 'hmac-sha256', 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=');
  const keyring = new TsigKeyring([key]);
  const events: NotifierEvent[] = [];
  const req = new FakeRequester((r) => replay([ack(r, 0, keyring, now)]));
  const nt = new Notifier({ zone: ORIGIN, target: { address: '192.0.2.2', port: 53, signer: tsigRequestSigner(key, now) }, requester: req, clock, onEvent: (e) => events.push(e) });
  await nt.notify(soa);
  t.match(events, [{ type: 'acked' }]);
  t.ok(decodeMessage(req.sent[0].message).tsigOffset > 0, 'the NOTIFY carries a TSIG');
  const unsigned: NotifierEvent[] = [];
  const r2 = new FakeRequester((r) => replay([ack(r)]));
  const n2 = new Notifier({ zone: ORIGIN, target: { address: '192.0.2.2', port: 53, signer: tsigRequestSigner(key, now) }, requester: r2, clock, retries: 1, onEvent: (e) => unsigned.push(e) });
  await n2.notify(soa);
  t.match(unsigned, [{ type: 'gave-up', reason: /TSIG/ }], 'an unsigned answer to a signed NOTIFY is not an acknowledgement');
});
