// Errors of the composition root: nothing to listen on, a bad command line, a pidfile that cannot be written.
import { TsdnsError } from '../wire/index.js';

export class ServiceError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
