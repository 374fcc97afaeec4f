// Fuzz target: any bytes given to the message decoder either decode or throw WireError, never anything else.
import { decodeMessage, WireError } from '../../src/wire/index.js';

export const name = 'decode-message';

export function run(input: Uint8Array): void {
  try {
    decodeMessage(input);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
  }
}
