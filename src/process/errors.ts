// The error class of the pipeline: thrown only for programmer errors (the pipeline returns protocol outcomes).
import { TsdnsError } from '../wire/index.js';

/** Codes: MULTI_MESSAGE (a transfer asked through the single-message handle()). */
export class ProcessError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
