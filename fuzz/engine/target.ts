// What a fuzz target is: a name, what it covers, an optional dictionary, and a run that throws only on a bug.

export interface FuzzTarget {
  /** Also the seed corpus folder, fuzz/corpus/<name>/. */
  readonly name: string;
  /** One line for `--list` and the README. */
  readonly covers: string;
  /** Tokens of the input language the mutator may insert (keywords, types); text is latin1. */
  readonly dictionary?: readonly string[];
  /** Longest input to try (default 4096). */
  readonly maxLength?: number;
  /**
   * Runs one input. Any exception is a finding: a target catches the errors its code under test may
   * throw by contract (a WireError from a decoder, a ConfigError from the config loader) and throws
   * for everything else, including a broken property (an answer whose ID does not match).
   */
  run(input: Uint8Array): void;
}

/** A text input: every octet is one latin1 character, as zone files and nsd.conf are read. */
export function latin1(input: Uint8Array): string {
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

/** A broken property: thrown by targets so the runner records the input. */
export class PropertyFailure extends Error {}
