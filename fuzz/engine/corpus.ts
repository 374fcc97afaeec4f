// The in-memory corpus: the seeds of fuzz/corpus/<target>/ plus every input that reached new code.
import fs from 'node:fs';
import path from 'node:path';
import { below, type Rand } from './rng.js';

const MAX_ENTRIES = 4000;

/** The seed files of a target (sorted, so a seed number means the same file every run). */
export function loadSeeds(dir: string): Uint8Array[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
}

export class Corpus {
  private readonly entries: Uint8Array[];
  /** Inputs added because they reached new code. */
  added = 0;

  constructor(seeds: readonly Uint8Array[]) {
    this.entries = seeds.length > 0 ? [...seeds] : [new Uint8Array(0)];
  }

  get size(): number {
    return this.entries.length;
  }

  /** A random entry; newer entries (the frontier) are picked a little more often. */
  pick(rand: Rand): Uint8Array {
    const n = this.entries.length;
    const i = rand() < 0.5 ? below(rand, n) : n - 1 - below(rand, Math.min(n, 64));
    return this.entries[i];
  }

  add(input: Uint8Array, rand: Rand): void {
    this.added++;
    if (this.entries.length < MAX_ENTRIES) this.entries.push(input);
    else this.entries[below(rand, MAX_ENTRIES)] = input;
  }
}
