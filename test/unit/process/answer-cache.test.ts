// The answer cache: two generations (bound, eviction order, promotion), the byte budget, and no stale answer after a reload.
import t from 'tap';
import fc from 'fast-check';
import dnsPacket from 'dns-packet';
import { AnswerCache, DEFAULT_PROCESS_OPTIONS, QueryProcessor, type ServedZones } from '../../../src/process/index.js';
import { ENTRY_OVERHEAD } from '../../../src/process/answer-cache.js';
import { answerQuestion } from '../../../src/query/index.js';
import { ZoneDb } from '../../../src/zone/index.js';
import { BASE, mustBuild } from '../zone/helpers.js';
import { header, query } from './support.js';

/** An encoded answer whose octets say which one it is (ID and RD octets are overwritten by the cache). */
function answer(tag: number, size = 16): Uint8Array {
  const a = new Uint8Array(size).fill(tag);
  a[0] = 0xab;
  a[2] = 0x81; // QR and RD: the cache keeps RD clear
  return a;
}

const tagOf = (c: AnswerCache, key: string, slot = 1, limit = 512): number | undefined => c.get(key, slot, limit)?.bytes[5];

t.test('an answer is kept with ID 0 and RD clear, per (name, slot, limit)', async (t) => {
  const c = new AnswerCache(10);
  const e = c.set('a', 1, answer(7), [], 512);
  t.same([e.bytes[0], e.bytes[1], e.bytes[2], e.bytes[5]], [0, 0, 0x80, 7]);
  t.equal(tagOf(c, 'a'), 7);
  t.equal(tagOf(c, 'a', 2), undefined, 'another slot');
  t.equal(tagOf(c, 'a', 1, 1232), undefined, 'another limit is a miss');
  c.set('a', 1, answer(8), [], 1232);
  t.equal(tagOf(c, 'a', 1, 1232), 8, 'and is replaced');
  t.equal(tagOf(c, 'a', 1, 512), undefined);
  c.set('a', 2, answer(9), [], 512);
  t.equal(c.size, 2, 'one entry per slot of a name');
  t.equal(tagOf(c, 'a', 2), 9);
  t.equal(tagOf(c, 'b'), undefined);
});

t.test('two generations: the bound holds and the oldest generation goes whole', async (t) => {
  const c = new AnswerCache(4); // two generations of 2
  for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) c.set(k, 1, answer(i), [], 512);
  t.equal(c.size, 4);
  c.set('e', 1, answer(4), [], 512);
  t.equal(c.size, 3, 'a and b went together');
  t.same(['a', 'b', 'c', 'd', 'e'].map((k) => tagOf(c, k) !== undefined), [false, false, true, true, true]);
});

t.test('a hit in the previous generation moves the answer to the current one', async (t) => {
  const c = new AnswerCache(4);
  for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) c.set(k, 1, answer(i), [], 512);
  // previous: a b, current: c d (full). Asking a again promotes it (a new generation: previous c d, current a).
  t.equal(tagOf(c, 'a'), 0);
  t.equal(tagOf(c, 'b'), undefined, 'b was not asked: gone');
  c.set('e', 1, answer(4), [], 512); // current: a e
  c.set('f', 1, answer(5), [], 512); // previous: a e, current: f
  t.same(['a', 'c', 'd', 'e', 'f'].map((k) => tagOf(c, k)), [0, undefined, undefined, 4, 5]);
  t.ok(c.size <= 4);
});

t.test('the byte budget starts a new generation before the entry bound does', async (t) => {
  const per = 100 + ENTRY_OVERHEAD;
  const c = new AnswerCache({ maxEntries: 1000, maxBytes: 4 * per }); // two generations of 2 answers of 100 octets
  for (let i = 0; i < 5; i++) c.set(`k${i}`, 1, answer(i, 100), [], 512);
  t.equal(c.size, 3);
  t.ok(c.bytes <= 4 * per);
  t.equal(tagOf(c, 'k0'), undefined);
  t.equal(tagOf(c, 'k4'), 4);
  t.equal(c.set('huge', 1, answer(9, 2000), [], 65535).bytes[5], 9, 'an answer above the budget is returned');
  t.equal(tagOf(c, 'huge', 1, 65535), undefined, 'but not kept');
  const roomy = new AnswerCache({ maxEntries: 10, maxBytes: 1 << 20 });
  t.equal(roomy.set('huge', 1, answer(9, 20000), [], 65535).bytes.length, 20000);
  t.equal(tagOf(roomy, 'huge', 1, 65535), 9, 'an answer above the slab size is kept in its own array');
});

t.test('delete drops an answer from both generations; reset drops all; 0 disables', async (t) => {
  const c = new AnswerCache(4);
  c.set('a', 1, answer(1), [], 512);
  c.set('a', 2, answer(2), [], 512);
  c.set('b', 1, answer(3), [], 512);
  c.set('c', 1, answer(4), [], 512); // previous: a/1 a/2, current: b c
  c.delete('a', 1);
  t.equal(tagOf(c, 'a', 1), undefined);
  t.equal(tagOf(c, 'a', 2), 2, 'the other slot stays (and is promoted)');
  c.delete('a', 2);
  t.equal(tagOf(c, 'a', 2), undefined, 'gone from both generations');
  c.reset();
  t.equal(c.size, 0);
  t.equal(tagOf(c, 'b'), undefined);
  const off = new AnswerCache(0);
  t.notOk(off.enabled);
  t.equal(off.set('a', 1, answer(1), [], 512).bytes[5], 1, 'still returns the answer to send');
  t.equal(off.size, 0);
  const one = new AnswerCache(1);
  one.set('a', 1, answer(1), [], 512);
  one.set('b', 1, answer(2), [], 512);
  t.same([one.size, tagOf(one, 'a'), tagOf(one, 'b')], [1, undefined, 2], 'a bound of one holds one');
});

t.test('property: never more than the bound, and a hit is the last answer set for that name and slot', async (t) => {
  const op = fc.record({ key: fc.integer({ min: 0, max: 12 }), slot: fc.integer({ min: 0, max: 2 }), set: fc.boolean() });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
      const c = new AnswerCache(max);
      const last = new Map<string, number>();
      let n = 0;
      for (const o of ops) {
        const id = `${o.key}/${o.slot}`;
        if (o.set) {
          n = (n + 1) & 0x3f;
          c.set(`k${o.key}`, o.slot, answer(n), [], 512);
          last.set(id, n);
        } else {
          const got = tagOf(c, `k${o.key}`, o.slot);
          if (got !== undefined && got !== last.get(id)) return false;
        }
        if (c.size > max) return false;
      }
      return true;
    }),
  );
});

/** A served zone set around one snapshot of example.com. with www A `addr`. */
function snapshot(addr: string): ReturnType<typeof mustBuild> {
  return mustBuild([...BASE, `www 300 A ${addr}`]);
}

function addressOf(out: Uint8Array | null): string {
  const a = dnsPacket.decode(Buffer.from(out!)).answers?.[0];
  return a?.type === 'A' ? a.data : '?';
}

t.test('a reload never serves an old answer: new served zones, or a ZoneDb changed in place', async (t) => {
  const db = new ZoneDb();
  db.set(snapshot('192.0.2.10'));
  let served: ServedZones<ZoneDb> = { db, configured: new Set(), unloaded: new Set() };
  const p = new QueryProcessor<ZoneDb>({ options: DEFAULT_PROCESS_OPTIONS, zones: () => served, engine: answerQuestion });
  const udp = { transport: 'udp', family: 4 } as const;
  const ask = (): string => addressOf(p.handle(query('WWW.example.com', 'A'), udp));
  t.equal(ask(), '192.0.2.10');
  t.equal(ask(), '192.0.2.10');
  t.equal(p.cachedAnswers, 1);
  db.set(snapshot('192.0.2.20')); // in place: the db counts the change
  t.equal(ask(), '192.0.2.20');
  const next = new ZoneDb();
  next.set(snapshot('192.0.2.30'));
  served = { db: next, configured: new Set(), unloaded: new Set() };
  t.equal(ask(), '192.0.2.30');
  t.equal(p.cachedAnswers, 1, 'the old answers went with the old served zones');
  next.remove(snapshot('192.0.2.30').origin);
  t.equal(header(p.handle(query('www.example.com', 'A'), udp)!).rcode, 5, 'a removed zone is not answered from the cache (REFUSED)');
});
