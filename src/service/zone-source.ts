// The file-backed ZoneSource: zone files read in 64 KiB latin1 chunks, $INCLUDE paths relative to the including file.
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ZoneReadError, type ZoneSource } from '../zonefile/index.js';

export const CHUNK_SIZE = 64 * 1024;

// strerror(3) wording, so messages read like NSD's "cannot open include file 'f': No such file or directory".
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EMFILE: 'Too many open files',
  ELOOP: 'Too many levels of symbolic links',
};

function readError(err: unknown): ZoneReadError {
  const e = err as NodeJS.ErrnoException;
  const why = (typeof e?.code === 'string' && STRERROR[e.code]) || (err instanceof Error ? err.message : String(err));
  return new ZoneReadError(why);
}

/**
 * Reads zone files from the file system. Each byte becomes one char (latin1), so any octet in a zone file
 * survives into names and rdata unchanged. The file is opened on the first chunk and closed when the
 * iteration ends, early or not.
 */
export class FileZoneSource implements ZoneSource {
  constructor(private readonly chunkSize = CHUNK_SIZE) {}

  *read(path: string): Iterable<string> {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw readError(err);
    }
    try {
      const buf = Buffer.allocUnsafe(this.chunkSize);
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, buf, 0, buf.length, null);
        } catch (err) {
          throw readError(err);
        }
        if (n === 0) return;
        yield buf.toString('latin1', 0, n);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** NSD opens $INCLUDE paths relative to its working directory; tsdns resolves them from the including file. */
  resolve(fromFile: string, path: string): string {
    return isAbsolute(path) ? path : join(dirname(fromFile), path);
  }
}
