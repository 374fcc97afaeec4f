// The fuzz engine: mutation is seeded, coverage feedback finds what blind mutation does not, findings carry their input.
import t from 'tap';
import { CoverageTracker } from '../../../fuzz/engine/coverage.js';
import { fuzzLoop } from '../../../fuzz/engine/loop.js';
import { mutate, type MutationContext } from '../../../fuzz/engine/mutate.js';
import { rng } from '../../../fuzz/engine/rng.js';
import { magic } from './magic-target.js';

const SEED = [new Uint8Array([0x41, 0x41, 0x41, 0x41, 0x41, 0x41])];
const target = { name: 'magic', covers: 'test', run: magic };

t.test('mutation is repeatable from its seed and respects maxLength', async (t) => {
  const run = (seed: number) => {
    const rand = rng(seed);
    const c: MutationContext = { rand, other: () => SEED[0], dictionary: [Uint8Array.of(1, 2, 3)], maxLength: 40 };
    const out: number[][] = [];
    let input: Uint8Array = SEED[0];
    for (let i = 0; i < 100; i++) {
      input = mutate(input, c);
      out.push(Array.from(input));
    }
    return out;
  };
  t.ok(run(5).every((x) => x.length <= 40));
  t.same(run(5), run(5));
  t.notSame(run(5), run(6));
});

t.test('the coverage tracker sees new code once', async (t) => {
  const tracker = new CoverageTracker('magic-target');
  tracker.take();
  magic(Uint8Array.of(0x46, 0, 0, 0, 0));
  const first = tracker.merge(tracker.take());
  t.ok(first > 0, `first run covers ${first} characters`);
  magic(Uint8Array.of(0x46, 1, 0, 0, 0));
  t.equal(tracker.merge(tracker.take()), 0, 'the same path again: nothing new');
  magic(Uint8Array.of(0x46, 0x55, 0, 0, 0));
  t.ok(tracker.isNew(tracker.take()), 'one more branch taken is new');
  tracker.stop();
});

t.test('guided finds the magic input that blind mutation misses', async (t) => {
  // It stops at the finding; the budget only bounds a slow machine.
  const guided = fuzzLoop({ target, seconds: 60, seed: 3, mode: 'guided', seeds: SEED, coverageOf: 'magic-target' });
  t.ok(guided.finding, `guided: found after ${guided.runs} runs, corpus +${guided.added}`);
  t.match(guided.finding?.error ?? '', /magic found/);
  t.equal(Buffer.from(guided.finding?.input ?? []).subarray(0, 5).toString(), 'FUZZ!');
  const blind = fuzzLoop({ target, seconds: 1, seed: 3, mode: 'blind', seeds: SEED, coverageOf: 'magic-target' });
  t.notOk(blind.finding, `blind: ${blind.runs} runs without it`);
  t.equal(blind.added, 0, 'blind keeps the seed corpus');
});

t.test('a plain run counts runs and reports no coverage', async (t) => {
  const r = fuzzLoop({ target, seconds: 0.2, seed: 1, mode: 'plain', seeds: SEED });
  t.ok(r.runs > 100);
  t.equal(r.covered, 0);
  t.notOk(r.finding);
});
