// Transport errors: a socket that cannot be bound or listened on.
import { TsdnsError } from '../wire/index.js';

/** A listener could not be opened (code BIND), with the address and the system's reason. */
export class ServerError extends TsdnsError {
  /** The system's error code behind it (EADDRINUSE, EACCES, ...), when there is one. */
  constructor(code: string, message: string, readonly sysCode?: string) {
    super(code, message);
  }
}
