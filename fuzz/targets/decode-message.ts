// Fuzz target: any bytes given to the message decoder either decode or throw WireError, never anything else.
import { decodeMessage, WireError } from '../../src/wire/index.js';
import type { FuzzTarget } from '../engine/target.js';

export const target: FuzzTarget = {
  name: 'decode-message',
  covers: 'wire/decodeMessage: header, names with compression, every rdata codec on receipt, OPT, TSIG placement',
  run(input: Uint8Array): void {
    try {
      decodeMessage(input);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
    }
  },
};
