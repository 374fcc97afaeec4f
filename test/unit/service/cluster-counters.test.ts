// cluster: the counters of the workers summed field by field without naming the fields; dead workers' counts kept.
import t from 'tap';
import { addCounters, copyCounters, SlotCounters } from '../../../src/service/cluster-counters.js';
import { ClusterStats } from '../../../src/service/cluster-stats.js';
import { QueryCounters, RCODE_SLOTS, ServerStats } from '../../../src/stats/index.js';

const udp = { transport: 'udp' as const, family: 4 as const };
const facts = { qtype: 1, qclass: 1, edns: 0 };
const query = new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
const answer = new Uint8Array([0, 1, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0]);

function counted(n: number): QueryCounters {
  const c = new QueryCounters();
  for (let i = 0; i < n; i++) c.observe(query, answer, udp, facts);
  return c;
}

t.test('every numeric field is summed, including ones this code does not know', async (t) => {
  const into = { a: new Float64Array([1, 2]), n: 3, nested: { b: new Float64Array([5]) }, text: 'x' };
  addCounters(into, { a: new Float64Array([10, 20]), n: 4, nested: { b: new Float64Array([1]) }, text: 'y', extra: 9 });
  t.same([...into.a], [11, 22]);
  t.equal(into.n, 7);
  t.same([...into.nested.b], [6]);
  t.equal(into.text, 'x', 'non-numbers are left alone');
  t.notOk('extra' in into, 'a field the target lacks is not invented');
});

t.test('a copy is deep: later counting does not change it', async (t) => {
  const c = counted(2);
  const snap = copyCounters(c) as { queries: Float64Array };
  c.observe(query, answer, udp, facts);
  t.equal(snap.queries[0], 2);
});

t.test('slots: the sum of own and workers, monotonic across a worker replaced', async (t) => {
  const own = new ServerStats();
  own.queries.observe(query, answer, { transport: 'tcp', family: 4 }, facts);
  const merged = new ClusterStats(own, 2);
  merged.report(0, copyCounters(counted(5)));
  merged.report(1, copyCounters(counted(3)));
  t.same([...merged.queries.queries], [8, 0, 1, 0], 'udp from the workers, tcp from the primary');
  t.equal(merged.queries.rcode[0], 8, 'every array is summed (NOERROR over UDP, from the workers)');
  t.equal(merged.queries.rcode[2 * RCODE_SLOTS], 1, 'and the primary\'s own (NOERROR over TCP)');
  t.same(merged.slots.queriesSinceReset(false), [5, 3]);
  merged.retire(0); // server0 died after reporting 5
  merged.report(0, copyCounters(counted(2))); // its successor counts from zero
  t.same([...merged.queries.queries], [10, 0, 1, 0], 'the dead worker\'s 5 are kept');
  t.same(merged.slots.queriesSinceReset(true), [7, 3], 'server0 = 5 + 2');
  merged.report(1, copyCounters(counted(4)));
  t.same(merged.slots.queriesSinceReset(false), [0, 1], 'since the reset');
  t.equal(merged.events, own.events, 'events are the primary\'s own');
});

t.test('the stats snapshot since reset covers the workers', async (t) => {
  const own = new ServerStats();
  const merged = new ClusterStats(own, 1);
  merged.report(0, copyCounters(counted(4)));
  t.equal(merged.sinceReset(true).counts.queries[0], 4);
  merged.report(0, copyCounters(counted(6)));
  t.equal(merged.sinceReset(false).counts.queries[0], 2);
});

t.test('SlotCounters with no report counts zero', async (t) => {
  const s = new SlotCounters(3);
  t.same(s.queriesSinceReset(false), [0, 0, 0]);
});
