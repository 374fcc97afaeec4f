// Mutations of one input: byte and bit edits, DNS-shaped integers, block copies, dictionary tokens and crossover.
import { below, type Rand } from './rng.js';

/** Bytes that steer DNS decoders: 0, lengths at the limits, compression pointer tags, 0xff. */
const BYTES = [0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xc0, 0xff, 0x20, 0x2e, 0x5c, 0x22, 0x0a];
/** 16-bit values that steer DNS decoders: counts, types (OPT 41, TSIG 250, AXFR 252, ANY 255), sizes. */
const WORDS = [0, 1, 2, 0xffff, 0x8000, 0x7fff, 41, 250, 252, 255, 512, 1232, 4096, 0xc00c, 6, 46, 48, 50, 5, 39];

/** What a mutation can draw on besides the input itself. */
export interface MutationContext {
  readonly rand: Rand;
  /** Another corpus entry, for crossover. */
  readonly other: () => Uint8Array;
  /** Tokens of the target's input language (keywords, record types); may be empty. */
  readonly dictionary: readonly Uint8Array[];
  readonly maxLength: number;
}

/** The input being edited: a growable buffer, so edits move octets with copyWithin instead of array splices. */
class Edit {
  data: Uint8Array;
  len: number;
  constructor(input: Uint8Array) {
    this.data = new Uint8Array(Math.max(64, input.length * 2));
    this.data.set(input);
    this.len = input.length;
  }
  /** Replaces `remove` octets at `at` with `bytes`. */
  splice(at: number, remove: number, bytes: Uint8Array): void {
    remove = Math.min(remove, this.len - at);
    const len = this.len - remove + bytes.length;
    if (len > this.data.length) {
      const grown = new Uint8Array(len * 2);
      grown.set(this.data.subarray(0, this.len));
      this.data = grown;
    }
    this.data.copyWithin(at + bytes.length, at + remove, this.len);
    this.data.set(bytes, at);
    this.len = len;
  }
}

type Op = (e: Edit, c: MutationContext) => void;

const pos = (e: Edit, c: MutationContext) => below(c.rand, e.len);
const gap = (e: Edit, c: MutationContext) => below(c.rand, e.len + 1);

const OPS: Op[] = [
  (e, c) => { if (e.len) e.data[pos(e, c)] = below(c.rand, 256); },
  (e, c) => { if (e.len) e.data[pos(e, c)] ^= 1 << below(c.rand, 8); },
  (e, c) => { if (e.len) e.data[pos(e, c)] = BYTES[below(c.rand, BYTES.length)]; },
  (e, c) => {
    if (e.len < 2) return;
    const w = WORDS[below(c.rand, WORDS.length)];
    const i = below(c.rand, e.len - 1);
    e.data[i] = w >>> 8;
    e.data[i + 1] = w & 0xff;
  },
  (e, c) => { e.splice(gap(e, c), 0, Uint8Array.of(below(c.rand, 256))); },
  (e, c) => { if (e.len) e.splice(pos(e, c), 1 + below(c.rand, 8), new Uint8Array(0)); },
  (e, c) => {
    // Copy a block of the input elsewhere (repeated labels, records, lines).
    if (!e.len) return;
    const from = pos(e, c);
    e.splice(gap(e, c), 0, e.data.slice(from, Math.min(e.len, from + 1 + below(c.rand, 32))));
  },
  (e, c) => {
    if (!c.dictionary.length) return;
    const word = c.dictionary[below(c.rand, c.dictionary.length)];
    e.splice(gap(e, c), c.rand() < 0.3 ? word.length : 0, word);
  },
  (e, c) => {
    // Crossover: a piece of another corpus entry replaces the tail or is inserted.
    const other = c.other();
    if (!other.length) return;
    const from = below(c.rand, other.length);
    const piece = other.subarray(from, from + 1 + below(c.rand, 64));
    const at = gap(e, c);
    e.splice(at, c.rand() < 0.5 ? e.len - at : 0, piece);
  },
  (e, c) => {
    // An arithmetic nudge of a byte (a length or count off by a little).
    if (e.len) {
      const i = pos(e, c);
      e.data[i] = (e.data[i] + below(c.rand, 33) - 16) & 0xff;
    }
  },
];

/** One to eight stacked mutations of `input`, cut to maxLength. */
export function mutate(input: Uint8Array, c: MutationContext): Uint8Array {
  const e = new Edit(input);
  const edits = 1 + below(c.rand, 8);
  for (let i = 0; i < edits; i++) OPS[below(c.rand, OPS.length)](e, c);
  return e.data.slice(0, Math.min(e.len, c.maxLength));
}

/** Random bytes, for a share of fresh inputs that owe nothing to the corpus. */
export function randomInput(rand: Rand, maxLength: number): Uint8Array {
  const out = new Uint8Array(below(rand, Math.min(600, maxLength)));
  for (let i = 0; i < out.length; i++) out[i] = below(rand, 256);
  return out;
}
