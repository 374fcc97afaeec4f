// The streaming zone file parser: reads a file chunk by chunk, follows $INCLUDE, yields records as it goes.
import type { PositionedRecord } from '../wire/index.js';
import { ParseContext, type ParseZoneOptions, type ZoneCodec } from './context.js';
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
    if (this.next === items.length) {
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
