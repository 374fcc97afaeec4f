// rrl/limiter: simulated floods against NSD's smoothed rate: limits, slip share, whitelist, prefixes, recovery.
import t from 'tap';
import { DEFAULT_RRL_OPTIONS, nameHash, RRL_CLASS, ResponseRateLimiter, type RrlDecision, type RrlOptions } from '../../../src/rrl/index.js';

const POS = RRL_CLASS.positive;
const WWW = '\x03www\x07example\x00';
const NX = RRL_CLASS.nxdomain;
const T0 = 1_700_000_000;

function limiter(o: Partial<RrlOptions> = {}): ResponseRateLimiter {
  return new ResponseRateLimiter({ ...DEFAULT_RRL_OPTIONS, size: 4096, ratelimit: 100, ...o }, { seed: 12345 });
}

interface Flow {
  readonly address: string;
  readonly qps: number;
  readonly rclass?: number;
  readonly name?: string;
  readonly whitelist?: number;
}

type Counts = Record<RrlDecision, number>;

/** Runs the flows side by side for `seconds`, each query spread evenly over its second; counts per flow. */
function simulate(rrl: ResponseRateLimiter, flows: readonly Flow[], seconds: number, start = T0): Counts[] {
  const counts = flows.map(() => ({ send: 0, drop: 0, slip: 0 }));
  const most = Math.max(...flows.map((f) => f.qps));
  for (let s = 0; s < seconds; s++) {
    for (let i = 0; i < most; i++) {
      flows.forEach((f, k) => {
        if (i >= f.qps) return;
        const d = rrl.check(f.address, f.rclass ?? POS, f.name ?? WWW, start + s + i / f.qps, f.whitelist ?? 0);
        counts[k][d]++;
      });
    }
  }
  return counts;
}

t.test('a flooding source is held under the rate, another source is unaffected', async (t) => {
  const rrl = limiter();
  const [flood, other] = simulate(rrl, [{ address: '192.0.2.1', qps: 1000 }, { address: '198.51.100.7', qps: 60 }], 10);
  // NSD's smoothing lets a new source burst to twice the rate for its first second, then nothing
  // while the flood lasts: the full answers stay under rate x seconds.
  t.ok(flood.send <= 100 * 10, `full answers ${flood.send} <= 1000`);
  t.ok(flood.send >= 100, `the first second is answered (${flood.send})`);
  t.equal(flood.send + flood.drop + flood.slip, 10000);
  t.same(other, { send: 600, drop: 0, slip: 0 });
  t.equal(rrl.dropped + rrl.slipped, flood.drop + flood.slip);
});

t.test('a steady source under the rate is never limited, one over it is', async (t) => {
  const [under] = simulate(limiter(), [{ address: '192.0.2.1', qps: 95 }], 30);
  t.same(under, { send: 2850, drop: 0, slip: 0 });
  const [over] = simulate(limiter(), [{ address: '192.0.2.1', qps: 150 }], 30);
  t.ok(over.send < 100 * 30, `over: ${over.send} answered in 30 s`);
  t.ok(over.drop + over.slip > 150 * 30 / 2, 'most of it is limited');
});

t.test('each second after the first answers no more than the rate', async (t) => {
  const rrl = limiter();
  for (let s = 0; s < 20; s++) {
    const [c] = simulate(rrl, [{ address: '192.0.2.1', qps: 300 }], 1, T0 + s);
    if (s > 0) t.ok(c.send <= 100, `second ${s}: ${c.send}`);
  }
});

t.test('slip: every slip-th limited response is truncated', async (t) => {
  for (const slip of [0, 1, 2, 3, 10]) {
    const [c] = simulate(limiter({ slip }), [{ address: '192.0.2.1', qps: 1000 }], 5);
    const limited = c.drop + c.slip;
    const want = slip === 0 ? 0 : Math.floor(limited / slip);
    t.equal(c.slip, want, `slip ${slip}: ${c.slip} of ${limited}`);
  }
});

t.test('whitelisted classes use rrl-whitelist-ratelimit', async (t) => {
  const o = { ratelimit: 10, whitelistRatelimit: 100 };
  const flows = (whitelist: number): Flow[] => [{ address: '192.0.2.1', qps: 50, rclass: NX, name: 'apex', whitelist }];
  t.same(simulate(limiter(o), flows(NX), 10)[0], { send: 500, drop: 0, slip: 0 }, 'nxdomain whitelisted: 50 qps < 100');
  t.ok(simulate(limiter(o), flows(0), 10)[0].send < 100, 'not whitelisted: held to 10 qps');
  t.ok(simulate(limiter(o), flows(POS), 10)[0].send < 100, 'the whitelist names another class');
  const [flood] = simulate(limiter(o), [{ ...flows(NX)[0], qps: 1000 }], 10);
  t.ok(flood.send <= 1000, `whitelisted flood held to its rate (${flood.send})`);
  t.same(simulate(limiter({ ratelimit: 10, whitelistRatelimit: 0 }), [{ ...flows(NX)[0], qps: 1000 }], 3)[0].send, 3000, 'a 0 limit is none');
  t.same(simulate(limiter({ ratelimit: 0, whitelistRatelimit: 10 }), flows(0), 3)[0].send, 150, 'ratelimit 0: only whitelisted classes are limited');
});

t.test('IPv6 clients are grouped by rrl-ipv6-prefix-length, IPv4 by rrl-ipv4-prefix-length', async (t) => {
  const rrl = limiter();
  const [a, b, c] = simulate(rrl, [{ address: '2001:db8:0:1::1', qps: 80 }, { address: '2001:db8:0:1:ffff::2', qps: 80 }, { address: '2001:db8:0:2::1', qps: 80 }], 10);
  t.ok(a.send + b.send < 1000, `one /64: ${a.send} + ${b.send} share the rate`);
  t.same(c, { send: 800, drop: 0, slip: 0 }, 'the next /64 is another block');
  const [d, e] = simulate(limiter({ ipv6PrefixLength: 48 }), [{ address: '2001:db8:0:1::1', qps: 80 }, { address: '2001:db8:0:2::1', qps: 80 }], 10);
  t.ok(d.send + e.send < 1000, '/48 groups them');
  const [f, g] = simulate(limiter(), [{ address: '192.0.2.1', qps: 80 }, { address: '192.0.2.250', qps: 80 }], 10);
  t.ok(f.send + g.send < 1000, 'one /24');
  const [h, i] = simulate(limiter({ ipv4PrefixLength: 32 }), [{ address: '192.0.2.1', qps: 80 }, { address: '192.0.2.250', qps: 80 }], 10);
  t.equal(h.send + i.send, 1600, '/32 keeps them apart');
  const [j, k] = simulate(limiter(), [{ address: '192.0.2.1', qps: 80 }, { address: '::ffff:192.0.2.2', qps: 80 }], 10);
  t.ok(j.send + k.send < 1000, 'an IPv4-mapped client is its IPv4 block');
});

t.test('classes and names are limited apart', async (t) => {
  const [pos, nx] = simulate(limiter(), [{ address: '192.0.2.1', qps: 1000 }, { address: '192.0.2.1', qps: 50, rclass: NX, name: 'apex' }], 5);
  t.ok(pos.send < 500);
  t.same(nx, { send: 250, drop: 0, slip: 0 });
  const [w1, w2] = simulate(limiter(), [{ address: '192.0.2.1', qps: 1000, name: 'a' }, { address: '192.0.2.1', qps: 50, name: 'b' }], 5);
  t.ok(w1.send < 500);
  t.same(w2, { send: 250, drop: 0, slip: 0 });
  const rrl = limiter();
  t.equal(rrl.check('192.0.2.1', POS, 'name', T0), rrl.check('192.0.2.1', POS, nameHash('name'), T0), 'a name or its hash');
});

t.test('addresses as text and as octets, interleaved, keep their own blocks', async (t) => {
  const rrl = limiter({ ratelimit: 2 });
  const octets = new Uint8Array([198, 51, 100, 1]);
  t.equal(rrl.check('192.0.2.1', POS, WWW, T0), 'send');
  t.equal(rrl.check(octets, POS, WWW, T0), 'send');
  t.equal(rrl.check('', POS, WWW, T0), 'send', 'an unreadable address is its own block');
  t.equal(rrl.check(octets, POS, WWW, T0), 'send');
  t.equal(rrl.check('198.51.100.1', POS, WWW, T0), 'send', 'the same block as its octets');
  t.not(rrl.check(octets, POS, WWW, T0), 'send', 'at 2 qps (4 in NSD units) the fourth response in a second is limited');
  t.equal(rrl.check('192.0.2.1', POS, WWW, T0), 'send', 'the other block has counted one');
});

t.test('a source that stops flooding is answered again', async (t) => {
  const rrl = limiter();
  simulate(rrl, [{ address: '192.0.2.1', qps: 1000 }], 10);
  t.not(rrl.check('192.0.2.1', POS, WWW, T0 + 10), 'send');
  t.not(simulate(rrl, [{ address: '192.0.2.1', qps: 50 }], 1, T0 + 11)[0].send, 50, 'the rate decays over seconds, not at once');
  t.same(simulate(rrl, [{ address: '192.0.2.1', qps: 50 }], 5, T0 + 30)[0], { send: 250, drop: 0, slip: 0 }, 'after 16 s of quiet the rate is 0');
});

t.test('a clock that steps back restarts the bucket (NSD: a timestamp from the future)', async (t) => {
  const rrl = limiter();
  simulate(rrl, [{ address: '192.0.2.1', qps: 1000 }], 3);
  t.not(rrl.check('192.0.2.1', POS, WWW, T0 + 3), 'send');
  t.equal(rrl.check('192.0.2.1', POS, WWW, T0 - 100), 'send');
});

t.test('memory is fixed: a flood from random sources only evicts buckets', async (t) => {
  const rrl = limiter({ size: 1024 });
  let sent = 0;
  for (let i = 0; i < 200000; i++) {
    const addr = new Uint8Array([(i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
    if (rrl.check(addr, POS, i, T0 + Math.floor(i / 20000), 0) === 'send') sent++;
  }
  t.ok(sent > 190000, `random /24s are mostly under the limit (${sent})`);
  const [victim] = simulate(rrl, [{ address: '203.0.113.5', qps: 1000 }], 5, T0 + 20);
  t.ok(victim.send <= 500, `the table still limits (${victim.send})`);
});

t.test('size 1: keys evict each other and start over, as NSD buckets do', async (t) => {
  const rrl = limiter({ size: 1 });
  const [a, b] = simulate(rrl, [{ address: '192.0.2.1', qps: 500 }, { address: '198.51.100.1', qps: 500 }], 3);
  t.equal(a.send + b.send, 3000);
});

t.test('disabled when both limits are 0', async (t) => {
  const rrl = limiter({ ratelimit: 0, whitelistRatelimit: 0 });
  t.equal(rrl.enabled, false);
  t.same(simulate(rrl, [{ address: '192.0.2.1', qps: 1000, whitelist: POS }], 2)[0], { send: 2000, drop: 0, slip: 0 });
  t.equal(limiter().enabled, true);
});

t.test('check() is cheap', async (t) => {
  const rrl = new ResponseRateLimiter(DEFAULT_RRL_OPTIONS, { seed: 1 });
  const name = nameHash('\x03www\x07example\x03com\x00');
  const n = 300000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) rrl.check('2001:db8::1', POS, name, T0 + (i >> 12));
  const ns = Number(process.hrtime.bigint() - start) / n;
  t.ok(ns < 5000, `${ns.toFixed(0)} ns a call`);
  t.comment(`check(): ${ns.toFixed(0)} ns a call`);
});
