// parseZone: the parser bound to the wire module's type, class and rdata readers.
import { classFromText, rdataFromText, typeFromText, type PositionedRecord } from '../wire/index.js';
import type { ParseZoneOptions, RecordSink, ZoneCodec } from './context.js';
import { parseZoneIntoWith, parseZoneWith } from './parser.js';

/** The wire module's text readers, as the parser uses them. */
export const wireCodec: ZoneCodec = { typeFromText, classFromText, rdataFromText };

/**
 * Parses a zone file as NSD 4 does and yields its records in file order, following $INCLUDE.
 * Never throws on bad input: every error and warning goes to `onProblem` (file:line:col and a stable
 * code) and parsing goes on with the next record. A zone with any error should not be loaded.
 */
export function parseZone(opts: ParseZoneOptions): Generator<PositionedRecord> {
  return parseZoneWith(wireCodec, opts);
}

/** parseZone for a loader: records go to `sink` as they are read, common lines by the fast path (fast-line.ts). */
export function parseZoneInto(opts: ParseZoneOptions, sink: RecordSink): void {
  parseZoneIntoWith(wireCodec, opts, sink);
}
