// process/ with RRL: UDP answers over the rate are dropped or slipped (TC=1, empty), cached ones too; TCP and other sources are not.
import t from 'tap';
import { DEFAULT_PROCESS_OPTIONS, QueryProcessor, type AnswerPlanLike, type RequestContext, type ServedZones } from '../../../src/process/index.js';
import { ResponseRateLimiter, RRL_CLASS, type RrlOptions } from '../../../src/rrl/index.js';
import { FakeDb, header, name, plan, query, rrset, TCP4 } from './support.js';

const OPTS: RrlOptions = { size: 1024, ratelimit: 10, slip: 2, ipv4PrefixLength: 24, ipv6PrefixLength: 56, whitelistRatelimit: 50 };
const TC = 0x0200;

interface Setup {
  readonly processor: QueryProcessor<FakeDb>;
  readonly rrl: ResponseRateLimiter;
  clock: number;
  calls: number;
}

function setup(opts: Partial<RrlOptions> = {}, whitelist = 0, cacheEntries?: number): Setup {
  const db = new FakeDb();
  const zone = db.add('example.com.');
  const served: ServedZones<FakeDb> = { db, configured: new Set([zone.origin.key]), unloaded: new Set() };
  const rrl = new ResponseRateLimiter({ ...OPTS, ...opts }, { seed: 7 });
  const s: Setup = { processor: undefined as unknown as QueryProcessor<FakeDb>, rrl, clock: 5_000_000, calls: 0 };
  const soa = rrset('example.com.', 'SOA', 300, 'ns.example.com. host.example.com. 1 2 3 4 5');
  (s as { processor: QueryProcessor<FakeDb> }).processor = new QueryProcessor<FakeDb>({
    options: DEFAULT_PROCESS_OPTIONS,
    zones: () => served,
    engine: (_db, q): AnswerPlanLike => {
      s.calls++;
      if (q.qname.toString().toLowerCase() === 'www.example.com.') return plan({ answer: [rrset('www.example.com.', 'A', 300, '192.0.2.1')], zones: [zone] });
      return plan({ rcode: 3, authority: [soa], zones: [zone] });
    },
    cacheEntries,
    now: () => s.clock,
    rrl,
    rrlWhitelist: (key) => (key === zone.origin.key ? whitelist : 0),
  });
  return s;
}

function udp(address: string): RequestContext {
  return { transport: 'udp', family: 4, address, port: 5353 };
}

/** Sends n queries and counts full answers, slips (TC, no records) and drops. */
function flood(s: Setup, n: number, qname: (i: number) => string, ctx: RequestContext) {
  const r = { sent: 0, slipped: 0, dropped: 0 };
  for (let i = 0; i < n; i++) {
    const out = s.processor.handle(query(qname(i), 'A', { id: i }), ctx);
    if (out === null) r.dropped++;
    else if ((header(out).flags & TC) !== 0) {
      const h = header(out);
      if (h.an + h.ns + h.ar !== 0 || h.id !== i) throw new Error('slip answer with records or a wrong id');
      r.slipped++;
    } else r.sent++;
  }
  return r;
}

t.test('a flood of one cached answer from one source is limited; slips carry TC and no records', async (t) => {
  const s = setup();
  const r = flood(s, 100, () => 'www.example.com', udp('192.0.2.10'));
  t.equal(s.calls, 1, 'answered from the cache after the first');
  t.equal(r.sent, 19, 'the first second: under 2 x rrl-ratelimit (NSD doubles the limit against its smoothed rate)');
  t.equal(r.slipped, 40, 'every 2nd limited answer slips');
  t.equal(r.dropped, 41);
  t.equal(s.rrl.slipped, 40);
  t.equal(s.rrl.dropped, 41);
  const other = flood(s, 10, () => 'www.example.com', udp('198.51.100.1'));
  t.equal(other.sent, 10, 'another source block is not affected');
  const sameBlock = flood(s, 2, () => 'www.example.com', udp('192.0.2.99'));
  t.equal(sameBlock.sent, 0, 'the same /24 shares the bucket');
  const tcp = flood(s, 10, () => 'www.example.com', { ...TCP4, address: '192.0.2.10' });
  t.equal(tcp.sent, 10, 'TCP is never rate limited');
});

t.test('a steady flood stays limited (every response counts, as NSD); quiet, the source recovers', async (t) => {
  const s = setup();
  let total = 0;
  let slipped = 0;
  for (let sec = 0; sec < 10; sec++) {
    s.clock += 1000;
    const r = flood(s, 100, () => 'www.example.com', udp('192.0.2.10'));
    total += r.sent;
    slipped += r.slipped;
  }
  t.ok(total <= 20, `answered ${total} in 10 s at 100 q/s (limit 10/s): the smoothed rate stays above it`);
  t.ok(slipped >= 450, `${slipped} slips (TC=1) so real clients can retry over TCP`);
  s.clock += 20_000;
  t.equal(flood(s, 5, () => 'www.example.com', udp('192.0.2.10')).sent, 5, 'answered again after 20 s without queries');
});

t.test('without the cache the same limits apply', async (t) => {
  const s = setup({}, 0, 0);
  const r = flood(s, 60, () => 'www.example.com', udp('192.0.2.10'));
  t.equal(s.calls, 60);
  t.equal(r.sent, 19);
});

t.test('NXDOMAIN for random names counts under the zone: one bucket', async (t) => {
  const s = setup();
  const r = flood(s, 60, (i) => `r${i}.example.com`, udp('192.0.2.10'));
  t.equal(r.sent, 19);
});

t.test('a whitelisted class uses rrl-whitelist-ratelimit', async (t) => {
  const s = setup({}, RRL_CLASS.nxdomain);
  t.equal(flood(s, 200, (i) => `r${i}.example.com`, udp('192.0.2.10')).sent, 99, 'nxdomain at 2 x 50');
  t.equal(flood(s, 60, () => 'www.example.com', udp('192.0.2.10')).sent, 19, 'positive still at 2 x 10');
});

t.test('rrl-ratelimit 0 turns it off; rrl-slip 0 never slips, 1 always', async (t) => {
  const off = setup({ ratelimit: 0, whitelistRatelimit: 0 });
  t.equal(flood(off, 500, () => 'www.example.com', udp('192.0.2.10')).sent, 500);
  const never = setup({ slip: 0 });
  t.same(flood(never, 50, () => 'www.example.com', udp('192.0.2.10')), { sent: 19, slipped: 0, dropped: 31 });
  const always = setup({ slip: 1 });
  t.same(flood(always, 50, () => 'www.example.com', udp('192.0.2.10')), { sent: 19, slipped: 31, dropped: 0 });
});

t.test('REFUSED outside the zones is limited as an error; FORMERR is left to the error rate limit', async (t) => {
  const s = setup();
  t.equal(flood(s, 60, (i) => `x${i}.other.org`, udp('192.0.2.10')).sent, 19);
  const bad = Buffer.from(query('www.example.com', 'A'));
  bad[5] = 2; // QDCOUNT 2 with one question: FORMERR
  let formerr = 0;
  for (let i = 0; i < 5; i++) if (s.processor.handle(bad, udp('192.0.2.10')) !== null) formerr++;
  t.equal(formerr, 5);
});

t.test('the slip answer keeps the question', async (t) => {
  const s = setup({ slip: 1 });
  let out: Uint8Array | null = null;
  for (let i = 0; i < 30; i++) out = s.processor.handle(query('WWW.example.com', 'A', { edns: { size: 1232 } }), udp('192.0.2.10'));
  t.ok(out);
  const h = header(out!);
  t.equal(h.qd, 1);
  t.equal(h.flags & TC, TC);
  t.equal(h.ar, 0, 'no OPT');
  t.equal(name('WWW.example.com.').wire.length + 12 + 4, out!.length, 'header and question only');
  t.equal(Buffer.from(out!.subarray(13, 16)).toString(), 'WWW', 'the asker\'s case');
});
