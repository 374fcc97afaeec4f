// The fuzz loop: mutate corpus entries, run them in batches, keep the inputs that reach new blocks.
import { Corpus } from './corpus.js';
import { CoverageTracker } from './coverage.js';
import { mutate, randomInput, type MutationContext } from './mutate.js';
import { rng, type Rand } from './rng.js';
import type { FuzzTarget } from './target.js';

/** guided: coverage feedback grows the corpus; blind: the seeds only, coverage measured; plain: no coverage at all. */
export type FuzzMode = 'guided' | 'blind' | 'plain';

export interface LoopOptions {
  readonly target: FuzzTarget;
  readonly seconds: number;
  readonly seed: number;
  readonly mode: FuzzMode;
  readonly seeds: readonly Uint8Array[];
  /** Called with each input before it runs (the worker copies it where the watchdog can read it). */
  readonly share?: (input: Uint8Array) => void;
  /** An input slower than this (ms) is reported (not a failure). */
  readonly slowMs?: number;
  /** Coverage counts scripts whose URL contains this (default '/dist/src/': the code under test). */
  readonly coverageOf?: string;
}

export interface Finding {
  readonly input: Uint8Array;
  readonly error: string;
}

export interface LoopResult {
  readonly runs: number;
  readonly seconds: number;
  readonly corpus: number;
  readonly added: number;
  /** Source characters of src/ executed (0 in plain mode). */
  readonly covered: number;
  readonly finding?: Finding;
  readonly slowest: { readonly ms: number; readonly input: Uint8Array } | null;
}

class Stop {
  constructor(readonly finding: Finding) {}
}

/** Runs one input; a throw becomes a Stop carrying the input. Returns the milliseconds it took. */
function exec(target: FuzzTarget, input: Uint8Array, share?: (input: Uint8Array) => void): number {
  share?.(input);
  const t0 = performance.now();
  try {
    target.run(input);
  } catch (e) {
    throw new Stop({ input, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  return performance.now() - t0;
}

/** The state of one fuzzing run: corpus, mutation context, coverage and counts. */
class FuzzRun {
  readonly rand: Rand;
  readonly corpus: Corpus;
  readonly ctx: MutationContext;
  readonly tracker: CoverageTracker | null;
  runs = 0;
  slowest: LoopResult['slowest'] = null;

  constructor(readonly o: LoopOptions) {
    this.rand = rng(o.seed);
    this.corpus = new Corpus(o.seeds);
    this.ctx = {
      rand: this.rand,
      other: () => this.corpus.pick(this.rand),
      dictionary: (o.target.dictionary ?? []).map((w) => Uint8Array.from(w, (ch) => ch.charCodeAt(0) & 0xff)),
      maxLength: o.target.maxLength ?? 4096,
    };
    this.tracker = o.mode === 'plain' ? null : new CoverageTracker(o.coverageOf);
  }

  /** Runs one input (throws Stop on a finding) and counts it. */
  run(input: Uint8Array): void {
    const ms = exec(this.o.target, input, this.o.share);
    this.runs++;
    if (ms > (this.o.slowMs ?? 1000) && (this.slowest === null || ms > this.slowest.ms)) this.slowest = { ms, input };
  }

  /** The seeds, one coverage take each, so the corpus starts with what they reach. */
  seeds(): void {
    this.tracker?.take();
    for (const seed of this.o.seeds) {
      this.run(seed);
      this.tracker?.merge(this.tracker.take());
    }
  }

  /** One batch of new inputs (5% random, the rest mutated corpus entries), cut short at `end`; returns the next batch size. */
  batch(size: number, end: number): number {
    const inputs: Uint8Array[] = [];
    const t0 = performance.now();
    for (let i = 0; i < size && (i & 15 || performance.now() < end); i++) {
      const input = this.rand() < 0.05 ? randomInput(this.rand, this.ctx.maxLength) : mutate(this.corpus.pick(this.rand), this.ctx);
      this.run(input);
      inputs.push(input);
    }
    const tracker = this.tracker;
    if (tracker === null) return size;
    const t1 = performance.now();
    const taken = tracker.take();
    if (this.o.mode === 'guided' && tracker.isNew(taken)) {
      attribute(inputs, tracker, (input) => this.run(input), (input) => this.corpus.add(input, this.rand));
    }
    tracker.merge(taken);
    return adapt(size, t1 - t0, performance.now() - t1);
  }
}

/** Fuzzes one target for o.seconds; stops at the first finding. */
export function fuzzLoop(o: LoopOptions): LoopResult {
  const run = new FuzzRun(o);
  const start = performance.now();
  const end = start + o.seconds * 1000;
  let finding: Finding | undefined;
  // Errors are thrown by the code under test on most inputs by contract; their stack traces cost
  // more than the rest of a run, so they are off while fuzzing and on again to describe a finding.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    run.seeds();
    for (let size = 64; performance.now() < end; ) size = run.batch(size, end);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    Error.stackTraceLimit = stackLimit;
    finding = describe(o.target, e.finding);
  } finally {
    Error.stackTraceLimit = stackLimit;
    run.tracker?.stop();
  }
  const seconds = (performance.now() - start) / 1000;
  const r = run;
  return { runs: r.runs, seconds, corpus: r.corpus.size, added: r.corpus.added, covered: r.tracker?.covered ?? 0, finding, slowest: r.slowest };
}

/**
 * Finds which inputs of a batch reached new code by bisection (the batch is known to have): each half
 * is run again and kept looking into only if its coverage is new, so a batch with one new input costs
 * about 2 log2(batch) coverage takes instead of one per input.
 */
function attribute(inputs: readonly Uint8Array[], tracker: CoverageTracker, run: (input: Uint8Array) => void, keep: (input: Uint8Array) => void): void {
  if (inputs.length === 1) {
    run(inputs[0]);
    if (tracker.merge(tracker.take()) > 0) keep(inputs[0]);
    return;
  }
  const mid = inputs.length >> 1;
  for (const half of [inputs.slice(0, mid), inputs.slice(mid)]) {
    for (const input of half) run(input);
    if (tracker.isNew(tracker.take())) attribute(half, tracker, run, keep);
  }
}

/** The finding with a stack trace: its input run again with traces on. */
function describe(target: FuzzTarget, f: Finding): Finding {
  try {
    target.run(f.input);
  } catch (e) {
    return { input: f.input, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  return { input: f.input, error: `${f.error}\n(did not throw again when run alone: the target keeps state)` };
}

/**
 * Keeps the coverage take at about a tenth of the time: bigger batches when taking is slow, but no
 * batch over a quarter second, so a bisection replay stays short for slow targets.
 */
function adapt(batch: number, runMs: number, takeMs: number): number {
  if (takeMs > runMs * 0.15 && batch < 8192 && runMs < 250) return batch * 2;
  if (takeMs < runMs * 0.03 && batch > 16) return batch / 2;
  return batch;
}
