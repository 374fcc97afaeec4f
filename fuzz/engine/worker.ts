// The fuzzing thread: runs one target's loop and shares each input with the watchdog in the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { TARGETS } from '../targets/index.js';
import { loadSeeds } from './corpus.js';
import { fuzzLoop, type FuzzMode } from './loop.js';

export interface WorkerJob {
  readonly target: string;
  readonly seconds: number;
  readonly seed: number;
  readonly mode: FuzzMode;
  readonly corpusDir: string;
  /** [0]: inputs started (Int32), [1]: length of the current input, then its octets. */
  readonly shared: SharedArrayBuffer;
}

const job = workerData as WorkerJob;
const target = TARGETS.find((t) => t.name === job.target);
if (target === undefined) throw new Error(`no fuzz target ${job.target}`);
const counters = new Int32Array(job.shared, 0, 2);
const octets = new Uint8Array(job.shared, 8);

function share(input: Uint8Array): void {
  const n = Math.min(input.length, octets.length);
  octets.set(input.subarray(0, n));
  counters[1] = n;
  Atomics.add(counters, 0, 1);
}

const result = fuzzLoop({ target, seconds: job.seconds, seed: job.seed, mode: job.mode, seeds: loadSeeds(job.corpusDir), share });
parentPort?.postMessage(result);
