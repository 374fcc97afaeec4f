// SecondaryZone for nsd-control: force_transfer (AXFR at any serial), the armed timer and the transfer in progress.
import t from 'tap';
import { computeDiff, Journal, type SecondaryEvent, SecondaryZone, TYPE_AXFR, TYPE_IXFR } from '../../../src/xfr/index.js';
import { decodeMessage } from '../../../src/wire/index.js';
import { FakeClock, FakeRequester, ORIGIN, primary, type PrimaryBehaviour, sortedTexts, stall, zoneOf, zoneText } from './support.js';

const S = 1000;
const hosts = (serial: number, count: number) => zoneOf(zoneText(serial, Array.from({ length: count }, (_, i) => `h${i} 300 IN A 10.0.0.${i}`)));
const qtypeOf = (msg: Uint8Array): number => decodeMessage(msg).questions[0].qtype;

t.test('force_transfer takes a full AXFR at the same and at an older serial; the kept differences are dropped', async (t) => {
  const clock = new FakeClock();
  const v1 = hosts(1, 3);
  const v2 = hosts(2, 4);
  const b: PrimaryBehaviour = { zone: v1, journal: new Journal(ORIGIN), clock };
  const requester = new FakeRequester((req, transport, to) => primary(b)(req, transport, to));
  const swaps: number[] = [];
  const events: SecondaryEvent[] = [];
  const journal = new Journal(ORIGIN);
  const sec = new SecondaryZone({
    origin: ORIGIN, requester, clock, zone: null, random: () => 0, journal,
    primaries: [{ address: '192.0.2.1', port: 53 }],
    onSnapshot: (z) => swaps.push(z.serial), onEvent: (e) => events.push(e),
  });
  await sec.start();
  await clock.advance(0);
  b.zone = v2;
  (b.journal as Journal).add(computeDiff(v1, v2));
  sec.notify(2);
  await clock.advance(0);
  t.same(swaps, [1, 2]);
  t.equal(journal.lastSerial, 2, 'the IXFR was kept');

  // Same serial: a plain check finds us up to date; force_transfer fetches it all again.
  requester.sent.length = 0;
  t.ok(sec.forceTransfer());
  await clock.advance(0);
  t.same(requester.sent.map((s) => [qtypeOf(s.message), s.transport]), [[TYPE_AXFR, 'tcp']], 'one AXFR, no IXFR first');
  t.same(swaps, [1, 2, 2], 'the same serial swapped in again');
  t.equal(journal.length, 0, 'differences that do not lead to the new copy are dropped');
  t.match(events.filter((e) => e.type === 'transferred').pop(), { kind: 'axfr', serial: 2 });

  // The primary went back to serial 1 (restored from a backup): only a forced transfer takes it.
  b.zone = v1;
  sec.notify(null);
  await clock.advance(0);
  t.same(swaps, [1, 2, 2], 'a normal check keeps the newer copy');
  sec.forceTransfer();
  await clock.advance(0);
  t.same(swaps, [1, 2, 2, 1], 'force_transfer accepts the older serial');
  t.same(sortedTexts(sec.zone!.records()), sortedTexts(v1.records()));
  t.equal(sec.state.serial, 1, 'the refresh state follows the copy');
  requester.sent.length = 0;
  sec.notify(null);
  await clock.advance(0);
  t.same(requester.sent.map((s) => qtypeOf(s.message)), [TYPE_IXFR], 'after it, checks are incremental again');
  sec.stop();
});

t.test('force_transfer keeps forcing until a transfer succeeds; a failure says what was asked', async (t) => {
  const clock = new FakeClock();
  const v1 = hosts(1, 2);
  const b: PrimaryBehaviour = { zone: v1, clock };
  let up = true;
  const requester = new FakeRequester((req, transport, to) => {
    if (!up) return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('ECONNREFUSED')) }) };
    return primary(b)(req, transport, to);
  });
  const events: SecondaryEvent[] = [];
  const sec = new SecondaryZone({
    origin: ORIGIN, requester, clock, zone: v1, random: () => 0,
    primaries: [{ address: '192.0.2.1', port: 53 }, { address: '192.0.2.2', port: 53 }],
    onSnapshot: () => undefined, onEvent: (e) => events.push(e),
  });
  up = false;
  await sec.start();
  await clock.advance(0);
  t.match(events.filter((e) => e.type === 'transfer-failed'), [{ primary: 0, kind: 'ixfr' }, { primary: 1, kind: 'ixfr' }]);
  events.length = 0;
  sec.forceTransfer();
  await clock.advance(0);
  t.match(events.filter((e) => e.type === 'transfer-failed'), [{ primary: 0, kind: 'axfr' }, { primary: 1, kind: 'axfr' }], 'every primary asked AXFR');
  up = true;
  requester.sent.length = 0;
  await clock.advance((clock.nextAt as number) - clock.t); // the retry
  t.same(requester.sent.map((s) => qtypeOf(s.message)), [TYPE_AXFR], 'the retry is still forced');
  t.match(events.filter((e) => e.type === 'transferred').pop(), { kind: 'axfr', serial: 1 });
  sec.stop();
});

t.test('nextCheck is the armed timer; transferring is the exchange open now', async (t) => {
  const clock = new FakeClock();
  const v1 = hosts(1, 2);
  const b: PrimaryBehaviour = { zone: v1, clock };
  let hang = false;
  const requester = new FakeRequester((req, transport, to) => (hang ? stall() : primary(b)(req, transport, to)));
  const sec = new SecondaryZone({
    origin: ORIGIN, requester, clock, zone: null, random: () => 0, timeoutMs: 60 * S,
    primaries: [{ address: '192.0.2.1', port: 53 }],
    onSnapshot: () => undefined,
  });
  t.equal(sec.transferring, null);
  await sec.start();
  await clock.advance(0);
  // zoneText's SOA: refresh 7200; the jitter (random 0) makes it 90%.
  t.same(sec.nextCheck, { at: clock.t + 6480 * S, seconds: 6480, reason: 'refresh' });
  t.equal(sec.transferring, null, 'nothing in progress');
  hang = true;
  sec.notify(null);
  await clock.advance(0);
  t.equal(sec.nextCheck, null, 'no timer while a round runs');
  t.same(sec.transferring, { primary: 0, transport: 'tcp' }, 'the IXFR over TCP is open');
  await clock.advance(60 * S);
  t.equal(sec.transferring, null, 'ended by the timeout');
  t.match(sec.nextCheck, { reason: 'retry' });
  sec.stop();
  t.equal(sec.nextCheck, null, 'stopped: no timer');
});
