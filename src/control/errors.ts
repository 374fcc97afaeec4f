// Errors of the control channel: a socket that cannot be opened, TLS files that cannot be read.
import { TsdnsError } from '../wire/errors.js';

export class ControlError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
