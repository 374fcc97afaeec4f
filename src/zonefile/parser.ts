// The streaming zone file parser: reads a file chunk by chunk, follows $INCLUDE, yields records as it goes.
import type { PositionedRecord } from '../wire/index.js';
import { ParseContext, type ParseZoneOptions, type RecordSink, type ZoneCodec } from './context.js';
import { fastRecordLine } from './fast-line.js';
import { includeArgs, originDirective, ttlDirective } from './directives.js';
import { ENTRY_DIRECTIVE, ENTRY_INCLUDE, Lexer, type Entry } from './lexer.js';
import { parseRecord } from './record-line.js';

/** NSD's MAXINCLUDES: deeper $INCLUDE nesting is an error ("includes nested too deeply"). */
export const MAX_INCLUDE_DEPTH = 10;

/** A record line, a $TTL or $ORIGIN, or an unknown directive (NSD warns and reads the rest of the line as a record). */
function handleEntry(ctx: ParseContext, file: string, e: Entry): PositionedRecord | null {
  if (e.kind !== ENTRY_DIRECTIVE) return parseRecord(ctx, file, e, e.blankOwner ? 0 : 1, e.blankOwner);
  const name = e.tokens[0].text.toUpperCase();
  if (name === '$TTL') ttlDirective(ctx, file, e);
  else if (name === '$ORIGIN') originDirective(ctx, file, e);
  else {
    ctx.warning('UNKNOWN_DIRECTIVE', `unknown directive ${e.tokens[0].text}`, file, e.tokens[0]);
    if (e.tokens.length > 1) return parseRecord(ctx, file, e, 1, true);
  }
  return null;
}

interface LexProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line: number;
  col: number;
}

/** Lexer problems held back until the parser has handled every entry that starts before them. */
class LexQueue {
  private readonly items: LexProblem[] = [];
  private next = 0;

  constructor(
    private readonly ctx: ParseContext,
    private readonly file: string,
  ) {}

  readonly add = (severity: 'error' | 'warning', code: string, message: string, line: number, col: number): void => {
    this.items.push({ severity, code, message, line, col });
  };

  /** Reports the held problems positioned before line:col. */
  flush(line: number, col: number): void {
    const items = this.items;
    while (this.next < items.length) {
      const p = items[this.next];
      if (p.line > line || (p.line === line && p.col >= col)) break;
      this.ctx.report(p.severity, p.code, p.message, this.file, p.line, p.col);
      this.next++;
    }
    if (this.next === items.length && this.next > 0) {
      items.length = 0;
      this.next = 0;
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads one file (the zone file or an included one) and yields its records, recursing into $INCLUDEs. */
function* readFile(ctx: ParseContext, stack: string[], file: string, from: Entry | null, fromFile: string): Generator<PositionedRecord> {
  const report = (err: unknown): void => {
    if (from) ctx.error('INCLUDE_READ', `cannot open include file '${file}': ${messageOf(err)}`, fromFile, from);
    else ctx.report('error', 'FILE_READ', `cannot open '${file}': ${messageOf(err)}`, file, 0, 0);
  };
  let it: Iterator<string>;
  try {
    it = ctx.opts.source.read(file)[Symbol.iterator]();
  } catch (err) {
    report(err);
    return;
  }
  // Lexical problems wait until the entries before them are handled, so problems come out in file order.
  const pending = new LexQueue(ctx, file);
  const lexer = new Lexer(pending.add);
  const entries: Entry[] = [];
  stack.push(file);
  try {
    for (let done = false; !done; ) {
      let r: IteratorResult<string>;
      try {
        r = it.next();
      } catch (err) {
        pending.flush(Infinity, 0);
        report(err);
        return;
      }
      done = r.done === true;
      if (done) lexer.end(entries);
      else if (ctx.sink !== undefined) feedLines(ctx, stack, file, lexer, r.value, entries, pending);
      else lexer.feed(r.value, entries);
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k];
        pending.flush(e.line, e.col);
        if (e.kind === ENTRY_INCLUDE) {
          yield* include(ctx, stack, file, e);
          continue;
        }
        const rec = handleEntry(ctx, file, e);
        if (rec) yield rec;
      }
      entries.length = 0;
    }
    pending.flush(Infinity, 0);
  } finally {
    stack.pop();
    it.return?.();
  }
}

/**
 * One chunk, for parseZoneInto: each whole line that starts where the lexer is between entries is
 * offered to the fast path (fast-line.ts); every other line goes through the lexer and the general
 * parser, and its records to the sink, before the next line is looked at, so problems stay in file order.
 */
function feedLines(ctx: ParseContext, stack: string[], file: string, lexer: Lexer, chunk: string, entries: Entry[], pending: LexQueue): void {
  const sink = ctx.sink as RecordSink;
  const n = chunk.length;
  for (let s = 0; s < n; ) {
    const nl = chunk.indexOf('\n', s);
    const end = nl < 0 ? n : nl + 1;
    if (nl >= 0 && lexer.atCleanLineStart()) {
      const line = lexer.nextLine;
      pending.flush(line, 1);
      if (fastRecordLine(ctx, file, line, chunk, s, nl)) {
        lexer.skipLine(end - s);
        s = end;
        continue;
      }
    }
    lexer.feed(s === 0 && end === n ? chunk : chunk.slice(s, end), entries);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      pending.flush(e.line, e.col);
      if (e.kind === ENTRY_INCLUDE) {
        for (const rec of include(ctx, stack, file, e)) sink.add(rec); // an included file's last entry comes out here
        continue;
      }
      const rec = handleEntry(ctx, file, e);
      if (rec) sink.add(rec);
    }
    entries.length = 0;
    s = end;
  }
}

/** $INCLUDE file [origin]: the origin is restored afterwards; $TTL and the previous owner carry over, as in NSD. */
function* include(ctx: ParseContext, stack: string[], file: string, e: Entry): Generator<PositionedRecord> {
  const args = includeArgs(ctx, file, e);
  if (!args) return;
  let path: string;
  try {
    path = ctx.opts.source.resolve(file, args.path);
  } catch (err) {
    ctx.error('INCLUDE_READ', `cannot resolve include file '${args.path}': ${messageOf(err)}`, file, e);
    return;
  }
  if (stack.includes(path)) {
    ctx.error('INCLUDE_LOOP', `include loop: '${path}' is already being read`, file, e);
    return;
  }
  if (stack.length > MAX_INCLUDE_DEPTH) {
    ctx.error('INCLUDE_DEPTH', `includes nested too deeply (more than ${MAX_INCLUDE_DEPTH}), skipped`, file, e);
    return;
  }
  const saved = ctx.origin;
  ctx.origin = args.origin;
  try {
    yield* readFile(ctx, stack, path, e, file);
  } finally {
    ctx.origin = saved;
  }
}

/**
 * Parses a zone file as NSD 4 does and yields its records in file order, following $INCLUDE.
 * Never throws on bad input: every error and warning goes to `onProblem` (file:line:col, stable code),
 * and parsing goes on with the next record. A zone with any error should not be loaded.
 */
export function* parseZoneWith(codec: ZoneCodec, opts: ParseZoneOptions): Generator<PositionedRecord> {
  const ctx = new ParseContext(codec, opts);
  yield* readFile(ctx, [], opts.file, null, opts.file);
}

/**
 * parseZoneWith for a loader: the records go to `sink` (the zone builder) as they are read, and the
 * common record lines take the fast path, which builds no Token, Entry, Name or Uint8Array per line.
 * Same records, problems and order as parseZoneWith (a property test holds the two paths together).
 */
export function parseZoneIntoWith(codec: ZoneCodec, opts: ParseZoneOptions, sink: RecordSink): void {
  const ctx = new ParseContext(codec, opts, sink);
  for (const rec of readFile(ctx, [], opts.file, null, opts.file)) sink.add(rec); // the last entry of the file
}
