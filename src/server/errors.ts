// Transport errors: a socket that cannot be bound or listened on.
import { TsdnsError } from '../wire/index.js';

/** A listener could not be opened (code BIND), with the address and the system's reason. */
export class ServerError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
