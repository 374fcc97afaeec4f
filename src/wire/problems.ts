// The shape of a located problem (zone file or zone check) and of a record that remembers where it was read.
import type { ResourceRecord } from './record.js';

/** An error or warning found at file:line:col, with a stable code. */
export interface ZoneProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A record and where it was read from (file:line:col); transfers use file '' and line 0. */
export interface PositionedRecord {
  readonly record: ResourceRecord;
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** `file:line:col: error: message`, the form every tsdns tool prints. */
export function formatProblem(p: ZoneProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  return `${where}: ${p.severity}: ${p.message}`;
}
