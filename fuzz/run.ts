// The fuzz runner: mutates the seed corpus (fuzz/corpus/<target>/) and random inputs through each target for a
// time budget. A throw is a finding: the input is written to fuzz/findings/ and the run exits 1.
// Usage: npm run fuzz -- [seconds per target] [target name]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decodeMessage from './targets/decode-message.js';
import * as parseZone from './targets/parse-zone.js';

interface Target {
  readonly name: string;
  run(input: Uint8Array): void;
}

const TARGETS: Target[] = [decodeMessage, parseZone];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fuzz');

function loadCorpus(target: string): Uint8Array[] {
  const dir = path.join(ROOT, 'corpus', target);
  if (!fs.existsSync(dir)) return [new Uint8Array(0)];
  return fs.readdirSync(dir).map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
}

/** A small seeded PRNG (xorshift32) so a run can be repeated from its printed seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function mutate(seed: Uint8Array, rand: () => number): Uint8Array {
  const out = Array.from(seed);
  const edits = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < edits; i++) {
    const op = Math.floor(rand() * 5);
    const at = Math.floor(rand() * (out.length + 1));
    if (op === 0 && out.length > 0) out[at % out.length] = Math.floor(rand() * 256);
    else if (op === 1) out.splice(at, 0, Math.floor(rand() * 256));
    else if (op === 2 && out.length > 0) out.splice(at % out.length, 1 + Math.floor(rand() * 4));
    else if (op === 3 && out.length > 1) out[at % out.length] ^= 1 << Math.floor(rand() * 8);
    else out.splice(at, 0, ...out.slice(0, Math.floor(rand() * 16)));
  }
  return Uint8Array.from(out);
}

function fuzzTarget(target: Target, seconds: number, seed: number): number {
  const corpus = loadCorpus(target.name);
  const rand = rng(seed);
  const end = Date.now() + seconds * 1000;
  let runs = 0;
  while (Date.now() < end) {
    const base = corpus[Math.floor(rand() * corpus.length)];
    const input = rand() < 0.1 ? Uint8Array.from({ length: Math.floor(rand() * 600) }, () => Math.floor(rand() * 256)) : mutate(base, rand);
    try {
      target.run(input);
    } catch (e) {
      const file = path.join(ROOT, 'findings', `${target.name}-${Date.now()}.bin`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, input);
      console.error(`${target.name}: finding after ${runs} runs (seed ${seed}), input saved to ${file}:`, e);
      return 1;
    }
    runs++;
  }
  console.log(`${target.name}: ${runs} runs in ${seconds} s (seed ${seed}), no finding`);
  return 0;
}

const seconds = Number(process.argv[2] ?? 10);
const only = process.argv[3];
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 0xffffffff);
let failed = 0;
for (const target of TARGETS) if (!only || target.name === only) failed += fuzzTarget(target, seconds, seed);
process.exit(failed ? 1 : 0);
