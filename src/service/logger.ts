// The daemon's logger: pino JSON lines to the logfile or stderr, readable lines when stderr is a terminal.
import fs from 'node:fs';
import { pino, type Logger } from 'pino';
import { formatLogLine } from './log-format.js';

export type { Logger } from 'pino';

export interface LoggerInit {
  /** nsd.conf logfile: (already under zonesdir), or null for stderr. */
  readonly file: string | null;
  /** nsd.conf verbosity: / -V: 3 and up adds debug lines. */
  readonly verbosity: number;
  /** Defaults to whether stderr is a terminal. */
  readonly pretty?: boolean;
}

/**
 * Events only (start, zones, reloads, errors): nothing is logged per query. Writes are synchronous so
 * nothing is lost when the process exits right after a line.
 */
export function createLogger(init: LoggerInit): Logger {
  const level = init.verbosity >= 3 ? 'debug' : 'info';
  const base = { pid: process.pid };
  if (init.file !== null) {
    return pino({ level, base }, pino.destination({ dest: init.file, sync: true, mkdir: false, append: true }));
  }
  if (init.pretty ?? process.stderr.isTTY === true) {
    return pino({ level, base }, { write: (line: string) => void fs.writeSync(2, formatLogLine(line.trimEnd())) });
  }
  return pino({ level, base }, pino.destination({ dest: 2, sync: true }));
}
