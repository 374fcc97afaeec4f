// zonefile/: the RFC 1035 section 5 zone file lexer and streaming parser, and zone text output. Imports only wire/.
export type { ZoneSource } from './source.js';
export { MemoryZoneSource, ZoneReadError } from './source.js';
export type { ParseZoneOptions, RecordSink, ZoneCodec } from './context.js';
export { parseZone, parseZoneInto, wireCodec } from './parse-zone.js';
export { parseZoneIntoWith, parseZoneWith, MAX_INCLUDE_DEPTH } from './parser.js';
export { recordToText, writeZone, zoneLines, type WriteZoneOptions } from './writer.js';
export { parseTtl, DEFAULT_TTL, MAX_TTL } from './ttl.js';
export { Lexer, type Entry, type Token } from './lexer.js';
