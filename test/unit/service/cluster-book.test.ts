// cluster: the generation/ack bookkeeping: deltas per worker, settling, and when a snapshot file may be deleted.
import t from 'tap';
import { GenerationBook } from '../../../src/service/cluster-book.js';

type Snap = { readonly name: string };
const snap = (name: string): Snap => ({ name });

t.test('a joining worker loads everything; a publish sends only what changed', async (t) => {
  const book = new GenerationBook<Snap>();
  const a1 = snap('a1');
  const b1 = snap('b1');
  const j = book.join(1, new Map([['a', a1], ['b', b1]]));
  t.same(j.load.map(([k]) => k), ['a', 'b']);
  t.same(j.drop, []);
  t.equal(j.gen, 1);
  const a2 = snap('a2');
  const p = book.publish(new Map([['a', a2]]));
  const d = p.deltas.get(1);
  t.same(d?.load, [['a', a2]], 'only the changed zone');
  t.same(d?.drop, ['b'], 'the removed zone is dropped');
  t.equal(p.gen, 2);
  const same = book.publish(new Map([['a', a2]]));
  t.same(same.deltas.get(1)?.load, [], 'nothing to load when nothing changed');
});

t.test('a generation is settled when every worker sent it has acknowledged it', async (t) => {
  const book = new GenerationBook<Snap>();
  const a = snap('a');
  book.join(1, new Map([['a', a]]));
  book.join(2, new Map([['a', a]]));
  const { gen } = book.publish(new Map([['a', snap('a2')]]));
  const fired: number[] = [];
  book.whenSettled(gen, () => fired.push(gen));
  t.notOk(book.settled(gen));
  book.ack(1, gen);
  t.same(fired, [], 'one worker of two is not enough');
  book.ack(2, gen - 1);
  t.same(fired, [], 'an older ack does not settle a newer generation');
  book.ack(2, gen);
  t.same(fired, [gen], 'settled once both acknowledged');
  book.whenSettled(gen, () => fired.push(-1));
  t.same(fired, [gen, -1], 'an already settled generation fires at once');
});

t.test('a worker that leaves is not waited for', async (t) => {
  const book = new GenerationBook<Snap>();
  book.join(1, new Map());
  book.join(2, new Map());
  const { gen } = book.publish(new Map([['a', snap('a')]]));
  let done = false;
  book.whenSettled(gen, () => (done = true));
  book.ack(1, gen);
  t.notOk(done);
  book.leave(2);
  t.ok(done, 'the dead worker no longer holds the reload back');
  t.same(book.workerIds, [1]);
});

t.test('a snapshot file is released only after the last worker that must read it acknowledged', async (t) => {
  const book = new GenerationBook<Snap>();
  const a = snap('a');
  book.join(1, new Map());
  book.join(2, new Map());
  const { gen } = book.publish(new Map([['a', a]]));
  t.same(book.ack(1, gen), [], 'worker 2 still has to read it');
  t.same(book.ack(2, gen), [a], 'nobody needs it any more');
  // Dropped and sent again before the first load was acknowledged: the file must live until the second load.
  const b = snap('b');
  const g1 = book.publish(new Map([['a', a], ['b', b]])).gen;
  const g2 = book.publish(new Map([['a', a]])).gen;
  const g3 = book.publish(new Map([['a', a], ['b', b]])).gen;
  t.same(book.ack(1, g1), []);
  t.same(book.ack(2, g2), [], 'worker 1 still has its second load of b to do');
  t.same(book.ack(2, g3), []);
  t.same(book.ack(1, g3), [b]);
  t.same(book.leave(1), [], 'nothing pending');
});

t.test('leaving releases the files the worker had yet to read', async (t) => {
  const book = new GenerationBook<Snap>();
  const a = snap('a');
  book.join(1, new Map([['a', a]]));
  t.same(book.leave(1), [a]);
});
