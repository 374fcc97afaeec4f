// The error class of the zone module: programmer errors when a snapshot is misused.
import { TsdnsError } from '../wire/index.js';

/** Thrown for misuse of a zone snapshot (e.g. a lookup for a name outside the zone); codes are stable. */
export class ZoneError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
