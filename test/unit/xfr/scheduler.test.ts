// The refresh scheduler on a fake clock (refresh, retry with back-off, expire, NOTIFY), its saved state, and SecondaryZone.
import t from 'tap';
import {
  computeDiff, type CheckOutcome, decodeJournal, decodeRefreshState, encodeRefreshState, Journal, type RefreshState,
  RefreshScheduler, type SchedulerEvent, type SecondaryEvent, SecondaryZone, servable, type SoaTimers,
} from '../../../src/xfr/index.js';
import type { ZoneContents } from '../../../src/zone/index.js';
import { FakeClock, FakeRequester, ORIGIN, primary, type PrimaryBehaviour, sortedTexts, zoneOf, zoneText } from './support.js';

const SOA: SoaTimers = { serial: 10, refresh: 3600, retry: 600, expire: 7200, minimum: 300 };
const S = 1000;

interface Harness {
  clock: FakeClock;
  events: SchedulerEvent[];
  calls: number[];
  sched: RefreshScheduler;
  answer: (primary: number) => CheckOutcome;
}

function harness(answer: (primary: number) => CheckOutcome, primaries = 1, state: RefreshState | null = null): Harness {
  const clock = new FakeClock();
  const events: SchedulerEvent[] = [];
  const calls: number[] = [];
  const h: Harness = { clock, events, calls, answer, sched: undefined as unknown as RefreshScheduler };
  h.sched = new RefreshScheduler({
    primaries, clock, state, random: () => 0, onEvent: (e) => events.push(e),
    check: async (i) => {
      calls.push(i);
      return h.answer(i);
    },
  });
  return h;
}

const ok = (soa: SoaTimers = SOA): CheckOutcome => ({ ok: true, soa });
const down: CheckOutcome = { ok: false, reason: 'connection refused' };

t.test('refresh: checked again after the SOA refresh time (jittered to 90%)', async (t) => {
  const h = harness(() => ok());
  await h.sched.start();
  t.same(h.calls, [0]);
  t.match(h.events, [{ type: 'checking', reason: 'start' }, { type: 'refreshed', serial: 10, nextInMs: 3240 * S }]);
  t.equal(h.sched.state.serial, 10);
  t.equal(h.sched.state.expireAt, h.clock.t + 7200 * S);
  await h.clock.advance(3240 * S - 1);
  t.equal(h.calls.length, 1);
  await h.clock.advance(1);
  t.equal(h.calls.length, 2);
  t.match(h.events[h.events.length - 2], { type: 'checking', reason: 'refresh' });
});

t.test('retry: every primary in turn, then back-off; expire; back to normal', async (t) => {
  let up = true;
  const h = harness(() => (up ? ok() : down), 2);
  await h.sched.start();
  const t0 = h.clock.t;
  up = false;
  await h.clock.advance(3240 * S);
  t.same(h.calls, [0, 0, 1], 'both primaries tried');
  t.match(h.events.slice(-1), [{ type: 'retry-scheduled', inMs: 540 * S }]);
  await h.clock.advance(540 * S);
  t.same(h.calls.slice(3), [0, 1]);
  t.match(h.events.slice(-1), [{ type: 'retry-scheduled', inMs: 1080 * S }], 'doubled (NSD exponential back-off)');
  t.notOk(h.sched.expired);
  await h.clock.advance(t0 + 7200 * S - h.clock.t - 1);
  t.notOk(h.sched.expired, 'not before the expire time');
  await h.clock.advance(1);
  t.ok(h.sched.expired, 'expired at acquired + expire');
  t.ok(h.events.some((e) => e.type === 'expired'));
  t.notOk(servable(h.sched.state, h.clock.t));
  up = true;
  const next = h.clock.nextAt as number;
  await h.clock.advance(next - h.clock.t);
  t.notOk(h.sched.expired, 'a successful check ends the expiry');
  t.ok(h.events.some((e) => e.type === 'unexpired'));
  t.ok(servable(h.sched.state, h.clock.t));
});

t.test('no copy yet: short retries growing from 10 s', async (t) => {
  const h = harness(() => down);
  await h.sched.start();
  t.match(h.events.slice(-1), [{ type: 'retry-scheduled', inMs: 10 * S }]);
  await h.clock.advance(10 * S);
  t.match(h.events.slice(-1), [{ type: 'retry-scheduled', inMs: 18 * S }]);
  t.notOk(h.sched.expired, 'nothing to expire');
});

t.test('min/max refresh and retry bounds apply', async (t) => {
  const clock = new FakeClock();
  const events: SchedulerEvent[] = [];
  const s = new RefreshScheduler({
    primaries: 1, clock, random: () => 0, onEvent: (e) => events.push(e),
    limits: { minRefresh: 0, maxRefresh: 100, minRetry: 50, maxRetry: 60, minExpire: 'refresh+retry+1' },
    check: async () => ok({ ...SOA, refresh: 86400, retry: 5, expire: 10 }),
  });
  await s.start();
  t.match(events.slice(-1), [{ type: 'refreshed', nextInMs: 90 * S }], 'refresh capped by max-refresh-time');
  t.equal(s.state.expireAt, clock.t + 151 * S, 'expire raised to refresh + retry + 1');
});

t.test('NOTIFY: an immediate check unless the serial is not newer', async (t) => {
  const h = harness(() => ok());
  await h.sched.start();
  t.notOk(h.sched.notify(10), 'same serial: ignored');
  t.notOk(h.sched.notify(9), 'older serial: ignored');
  t.ok(h.sched.notify(11, 0));
  await h.clock.advance(0);
  t.equal(h.calls.length, 2);
  t.match(h.events.filter((e) => e.type === 'checking').pop(), { reason: 'notify' });
  t.ok(h.sched.notify(null), 'no serial in the NOTIFY: check');
  await h.clock.advance(0);
  t.equal(h.calls.length, 3);
});

t.test('NOTIFY during a running check: another round follows; notifier asked first', async (t) => {
  let release: (() => void) | null = null;
  const clock = new FakeClock();
  const calls: number[] = [];
  const s = new RefreshScheduler({
    primaries: 3, clock, random: () => 0,
    check: (i) => {
      calls.push(i);
      if (calls.length === 1) return new Promise<CheckOutcome>((r) => (release = () => r(ok())));
      return Promise.resolve(ok({ ...SOA, serial: 11 }));
    },
  });
  void s.start();
  await clock.advance(0);
  t.ok(s.busy);
  t.ok(s.notify(11, 2));
  (release as unknown as () => void)();
  await clock.advance(0);
  t.same(calls, [0, 2], 'the notifying primary is asked first');
  t.equal(s.state.serial, 11);
});

t.test('an expired zone still checks on NOTIFY with an equal serial; stop() ends everything', async (t) => {
  const clock = new FakeClock();
  const state: RefreshState = { serial: 10, refresh: 3600, retry: 600, expire: 7200, acquired: clock.t - 8000 * S, expireAt: clock.t - 800 * S, expired: false };
  const events: SchedulerEvent[] = [];
  let calls = 0;
  const s = new RefreshScheduler({ primaries: 1, clock, state, random: () => 0, onEvent: (e) => events.push(e), check: async () => (calls++, down) });
  await s.start();
  t.equal(events[0].type, 'expired', 'the deadline passed while we were down');
  t.ok(s.expired);
  t.ok(s.notify(10));
  await clock.advance(0);
  t.equal(calls, 2);
  s.stop();
  t.equal(clock.pending, 0);
  t.notOk(s.notify(11));
});

t.test('a check that throws counts as a failure; the timers keep running', async (t) => {
  const h = harness(() => {
    throw new Error('bug');
  });
  await h.sched.start();
  t.match(h.events, [{ type: 'checking' }, { type: 'check-failed', reason: /bug/ }, { type: 'retry-scheduled' }]);
  t.equal(h.clock.pending, 1);
});

t.test('the saved state round-trips and damaged text is refused', async (t) => {
  const st: RefreshState = { serial: 4294967295, refresh: 3600, retry: 600, expire: 7200, acquired: 1700000000000, expireAt: 1700007200000, expired: false };
  t.same(decodeRefreshState(encodeRefreshState(st)), st);
  const none: RefreshState = { serial: null, refresh: 0, retry: 0, expire: 0, acquired: null, expireAt: null, expired: true };
  t.same(decodeRefreshState(encodeRefreshState(none)), none);
  t.throws(() => decodeRefreshState('{'), { code: 'STATE_CORRUPT' });
  t.throws(() => decodeRefreshState('{"version":2}'), { code: 'STATE_CORRUPT' });
  t.throws(() => decodeRefreshState(encodeRefreshState(st).replace('3600', '-1')), { code: 'STATE_CORRUPT' });
  t.throws(() => decodeRefreshState(encodeRefreshState(st).replace('"expired":false', '"expired":"no"')), { code: 'STATE_CORRUPT' });
});

// SecondaryZone: the scheduler, transfers from a fake primary, swaps, journal and persistence together.
function hostsZone(serial: number, count: number): ZoneContents {
  return zoneOf(zoneText(serial, Array.from({ length: count }, (_, i) => `h${i} 300 IN A 10.0.0.${i}`)));
}

t.test('SecondaryZone: first AXFR, NOTIFY + IXFR, primary down until expiry, back again', async (t) => {
  const clock = new FakeClock();
  const v1 = hostsZone(1, 5);
  const b: PrimaryBehaviour = { zone: v1, journal: new Journal(ORIGIN), clock };
  let upFirst = false;
  let upSecond = true;
  const requester = new FakeRequester((req, transport, to) => {
    const up = to.address === '192.0.2.1' ? upFirst : upSecond;
    if (!up) return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('ECONNREFUSED')) }) };
    return primary(b)(req, transport, to);
  });
  const swaps: number[] = [];
  const expiry: boolean[] = [];
  const written: number[] = [];
  const states: RefreshState[] = [];
  const journals: Uint8Array[] = [];
  const events: SecondaryEvent[] = [];
  const sec = new SecondaryZone({
    origin: ORIGIN, requester, clock, zone: null, random: () => 0,
    primaries: [{ address: '192.0.2.1', port: 53 }, { address: '192.0.2.2', port: 53 }],
    journal: new Journal(ORIGIN),
    onSnapshot: (z) => swaps.push(z.serial),
    onExpired: (e) => expiry.push(e),
    onEvent: (e) => events.push(e),
    zoneWriter: { write: async (z) => void written.push(z.serial) },
    stateStore: { save: async (s) => void states.push(s) },
    journalStore: { save: async (bytes) => void journals.push(bytes) },
  });
  await sec.start();
  await clock.advance(0);
  t.same(swaps, [1], 'the first primary failed, the second gave the zone');
  t.match(events.filter((e) => e.type === 'transfer-failed'), [{ primary: 0, code: 'NETWORK' }]);
  t.same(written, [1]);
  t.equal(states[states.length - 1].serial, 1);
  t.same(sortedTexts((sec.zone as ZoneContents).records()), sortedTexts(v1.records()));

  const v2 = hostsZone(2, 6);
  b.zone = v2;
  (b.journal as Journal).add(computeDiff(v1, v2));
  t.ok(sec.notify(2, '::ffff:192.0.2.2'), 'the sender as a dual-stack socket reports it');
  await clock.advance(0);
  t.same(swaps, [1, 2]);
  t.match(events.filter((e) => e.type === 'transferred').pop(), { kind: 'ixfr', serial: 2, primary: 1 });
  t.same(sec.journal?.lastSerial, 2, 'store-ixfr kept the difference');
  t.equal(decodeJournal(journals[journals.length - 1], ORIGIN).length, 1, 'and saved it');

  upSecond = false;
  await clock.advance(1209600 * S - 1); // the SOA's expire (zoneText: 1209600 s)
  t.same(expiry, [], 'not yet');
  await clock.advance(1);
  t.same(expiry, [true], 'expired after the SOA expire time with no primary answering');
  t.ok(sec.expired);
  t.equal(sec.zone?.serial, 2, 'the copy is kept (served as SERVFAIL while expired)');
  t.ok(states[states.length - 1].expired, 'the expiry is saved');

  upFirst = true;
  await clock.advance((clock.nextAt as number) - clock.t);
  t.same(expiry, [true, false]);
  t.same(swaps, [1, 2], 'up to date: no new snapshot');
  t.match(events.filter((e) => e.type === 'uptodate').pop(), { primary: 0, serial: 2 });
  sec.stop();
});

t.test('SecondaryZone restarted: the saved copy is served, unless its saved state expired', async (t) => {
  const clock = new FakeClock();
  const v2 = hostsZone(2, 3);
  const requester = new FakeRequester(() => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('down')) }) }));
  const expiry: boolean[] = [];
  const fresh: RefreshState = { serial: 2, refresh: 3600, retry: 600, expire: 7200, acquired: clock.t - 100 * S, expireAt: clock.t + 7100 * S, expired: false };
  const a = new SecondaryZone({ origin: ORIGIN, primaries: [{ address: '192.0.2.1', port: 53 }], requester, clock, zone: v2, state: fresh, onSnapshot: () => undefined, onExpired: (e) => expiry.push(e), random: () => 0 });
  await a.start();
  t.same(expiry, [], 'within its expire time: served');
  t.equal(a.state.acquired, fresh.acquired, 'the saved refresh time is kept');
  a.stop();
  const old: RefreshState = { ...fresh, acquired: clock.t - 9000 * S, expireAt: clock.t - 1800 * S };
  const b = new SecondaryZone({ origin: ORIGIN, primaries: [{ address: '192.0.2.1', port: 53 }], requester, clock, zone: v2, state: old, onSnapshot: () => undefined, onExpired: (e) => expiry.push(e), random: () => 0 });
  await b.start();
  t.same(expiry, [true], 'expired while we were down: not served as valid');
  b.stop();
  const other: RefreshState = { ...old, serial: 1 };
  const c = new SecondaryZone({ origin: ORIGIN, primaries: [{ address: '192.0.2.1', port: 53 }], requester, clock, zone: v2, state: other, onSnapshot: () => undefined, random: () => 0 });
  t.equal(c.state.acquired, clock.t, 'a state about another serial is replaced: the copy counts as just loaded');
  t.notOk(c.expired);
});
