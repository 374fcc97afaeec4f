// The one error base class of tsdns: every thrown error carries a stable `code` string.

/** Base class of every error tsdns throws on purpose (config, parse, I/O, programmer errors). */
export class TsdnsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A malformed name, rdata or message, found while reading or writing DNS data. */
export class WireError extends TsdnsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/**
 * An rdata presentation-format error. `token` is the index of the offending token in the list
 * handed to rdataFromText (or -1 when the error is about the list as a whole, e.g. too few tokens),
 * so the zone file parser can point at file:line:col.
 */
export class RdataError extends TsdnsError {
  readonly token: number;
  constructor(message: string, token: number) {
    super('RDATA_SYNTAX', message);
    this.token = token;
  }
}
