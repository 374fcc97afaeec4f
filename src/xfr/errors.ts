// The error class of the xfr module: thrown only for damaged stored data (journal, state) and programmer errors.
import { TsdnsError } from '../wire/index.js';

/** Codes: JOURNAL_* (a kept-differences file that cannot be used), STATE_* (a damaged refresh state), XFR_* (misuse). */
export class XfrError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
