// Where zone text comes from: the I/O is injected so the parser stays pure (files in service/, strings in tests).
import { TsdnsError } from '../wire/index.js';

/**
 * A source of zone file text. `read` yields the file as chunks of latin1 text (one char per byte, so
 * every char is <= 0xff); it may throw (or its iterator may throw) when the file cannot be read.
 * `resolve` turns an $INCLUDE path written in `fromFile` into the path to read.
 */
export interface ZoneSource {
  read(path: string): Iterable<string>;
  resolve(fromFile: string, path: string): string;
}

/** A zone file that cannot be opened or read (code ZONE_READ). */
export class ZoneReadError extends TsdnsError {
  constructor(message: string) {
    super('ZONE_READ', message);
  }
}

/** An in-memory source (tests, tools): file name to text, yielded in chunks of `chunkSize` chars. */
export class MemoryZoneSource implements ZoneSource {
  private readonly files: Map<string, string>;

  constructor(files: Readonly<Record<string, string>> | ReadonlyMap<string, string>, private readonly chunkSize = 65536) {
    this.files = new Map(files instanceof Map ? files : Object.entries(files));
  }

  *read(path: string): Iterable<string> {
    const text = this.files.get(path);
    if (text === undefined) throw new ZoneReadError(`no such file: ${path}`);
    for (let i = 0; i < text.length; i += this.chunkSize) yield text.slice(i, i + this.chunkSize);
  }

  resolve(fromFile: string, path: string): string {
    if (path.startsWith('/')) return path;
    const slash = fromFile.lastIndexOf('/');
    return slash < 0 ? path : fromFile.slice(0, slash + 1) + path;
  }
}
