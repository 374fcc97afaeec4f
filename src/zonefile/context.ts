// The state one zone file parse carries from line to line: origin, $TTL, previous owner, and how to report.
import { isSubdomain, Name, type PositionedRecord, type ZoneProblem } from '../wire/index.js';
import type { Token } from './lexer.js';
import type { ZoneSource } from './source.js';
import { DEFAULT_TTL } from './ttl.js';

/** The text-to-wire functions the parser needs (the rdata module's, or a stand-in in tests). */
export interface ZoneCodec {
  typeFromText(s: string): number | undefined;
  classFromText(s: string): number | undefined;
  rdataFromText(type: number, tokens: readonly { text: string; quoted: boolean }[], origin: Name): Uint8Array;
}

/**
 * Where parseZoneInto hands the records (the zone builder implements it). `addPlain` takes a record the
 * fast path read without building Name or Uint8Array objects: the owner as its Name.key and its wire
 * form as written (both latin1; the same string when it has no upper case), the rdata as latin1 wire,
 * or, for 4 octets (an A record), as one int32 (octet 0 in the top byte): no string for it at all.
 */
export interface RecordSink {
  add(pr: PositionedRecord): void;
  addPlain(file: string, line: number, col: number, key: string, spelling: string, type: number, ttl: number, rdata: string | number): void;
}

export interface ParseZoneOptions {
  /** The file to read first; also the name problems are reported under. */
  file: string;
  /** The zone's name: the first $ORIGIN and the apex every owner must be under. */
  origin: Name;
  source: ZoneSource;
  /** TTL of records without one before any $TTL, and the stand-in for bad TTLs (NSD: 3600). */
  defaultTtl?: number;
  onProblem: (p: ZoneProblem) => void;
}

/** Mutable parse state shared by the record reader, the directives and the include logic. */
export class ParseContext {
  readonly zone: Name;
  readonly defaultTtl: number;
  origin: Name;
  ttl: number;
  /** The owner a blank-owner line refers to (see prevOwner). */
  private prevName: Name;
  /** The previous owner as the fast path read it (Name.key and spelling), or null when it was not the fast path's. */
  fastKey: string | null = null;
  fastSpelling = '';
  private fastPending = false;
  /** Records go here instead of being yielded (parseZoneInto). */
  readonly sink: RecordSink | undefined;
  /** The last explicit owner failed to parse: blank-owner lines after it are dropped without more noise. */
  prevOwnerBad = false;
  dlvWarned = false;
  lastOwnerText = '';
  lastOwnerOrigin: Name | null = null;
  lastOwner: Name | null = null;
  /** The last owner found inside the zone: blank-owner lines reuse it, so the check is skipped. */
  lastInZone: Name | null = null;
  /** Token text to type / class code (-1: not one): zone files repeat a handful of mnemonics. */
  readonly typeMemo = new Map<string, number>();
  readonly classMemo = new Map<string, number>();
  errors = 0;

  constructor(
    readonly codec: ZoneCodec,
    readonly opts: ParseZoneOptions,
    sink?: RecordSink,
  ) {
    this.zone = opts.origin;
    this.origin = opts.origin;
    this.defaultTtl = opts.defaultTtl ?? DEFAULT_TTL;
    this.ttl = this.defaultTtl;
    this.prevName = opts.origin;
    this.sink = sink;
  }

  /** The owner a blank-owner line refers to; NSD starts it at the origin and keeps it across $INCLUDE. */
  get prevOwner(): Name {
    // After fast-path lines the Name is made only when a general-path line asks for it.
    if (this.fastPending) {
      this.prevName = new Name(latin1Bytes(this.fastSpelling));
      this.fastPending = false;
    }
    return this.prevName;
  }

  set prevOwner(name: Name) {
    this.prevName = name;
    this.fastKey = null;
    this.fastPending = false;
  }

  /** The fast path read an owner: blank-owner lines after it refer to it. */
  setFastOwner(key: string, spelling: string): void {
    this.fastKey = key;
    this.fastSpelling = spelling;
    this.fastPending = true;
    this.prevOwnerBad = false;
  }

  private checkedOrigin: Name | null = null;
  private checkedInZone = false;

  /** Whether the current $ORIGIN is the zone or below it (cached until $ORIGIN changes). */
  originInZone(): boolean {
    if (this.checkedOrigin !== this.origin) {
      this.checkedOrigin = this.origin;
      this.checkedInZone = isSubdomain(this.origin, this.zone);
    }
    return this.checkedInZone;
  }

  report(severity: 'error' | 'warning', code: string, message: string, file: string, line: number, col: number): void {
    if (severity === 'error') this.errors++;
    this.opts.onProblem({ severity, code, message, file, line, col });
  }

  error(code: string, message: string, file: string, at: { line: number; col: number }): void {
    this.report('error', code, message, file, at.line, at.col);
  }

  warning(code: string, message: string, file: string, at: { line: number; col: number }): void {
    this.report('warning', code, message, file, at.line, at.col);
  }

  /** A warner for token fix-ups at one token's position. */
  warnAt(file: string, tok: Token): (code: string, message: string) => void {
    return (code, message) => this.warning(code, message, file, tok);
  }
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
