// Zone file lexer (RFC 1035 5.1): latin1 chunks in, one entry per record or directive out, resumable at any byte.
import { TAB, LF, CR, SPACE, QUOTE, DOLLAR, LPAREN, RPAREN, SEMI, BACKSLASH } from './chars.js';

/** One token as written: `text` is raw (escapes not processed); for a quoted string, the content between the quotes. */
export interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
  readonly col: number;
  /** No whitespace between this token and the previous one (only a parenthesis or a quote split them). */
  readonly glued: boolean;
}

export const ENTRY_RECORD = 0;
export const ENTRY_DIRECTIVE = 1;
export const ENTRY_INCLUDE = 2;

/** A logical line: newlines inside parentheses are whitespace (RFC 1035 5.1). */
export interface Entry {
  kind: number;
  /** The line began with whitespace: the owner is the previous owner (RFC 1035 5.1). */
  blankOwner: boolean;
  tokens: Token[];
  line: number;
  col: number;
  /** Where the entry ended (its newline or the end of the file), for "missing ..." errors. */
  endLine: number;
  endCol: number;
  /** For $INCLUDE: the rest of the line as written, which NSD reads raw (no escapes, no parentheses). */
  raw: string;
}

export type LexReport = (severity: 'error' | 'warning', code: string, message: string, line: number, col: number) => void;

const M_SPACE = 0;
const M_TOKEN = 1;
const M_QUOTED = 2;
const M_COMMENT = 3;
const M_RAW = 4;

// Characters that end an unquoted token (NSD's ZONESTR excludes these; '.' is part of our tokens).
const DELIM = new Uint8Array(256);
for (const c of [TAB, LF, CR, SPACE, QUOTE, LPAREN, RPAREN, SEMI]) DELIM[c] = 1;

/**
 * A resumable zone file lexer. Feed it chunks; it appends every completed entry to `out`.
 * Problems are reported through `report` and the entry they occur in is dropped.
 */
export class Lexer {
  private line = 1;
  private lineStart = 0; // index in the current chunk where the current line starts (may be negative)
  private mode = M_SPACE;
  private parenDepth = 0;
  private parenLine = 0;
  private parenCol = 0;
  private base = 0; // absolute offset of the current chunk
  private crAt = -2; // absolute offset of the last CR counted as a line break (CRLF is one break)
  private tok = '';
  private tokLine = 0;
  private tokCol = 0;
  private tokGlued = false;
  private tokDirective = false;
  private escapeNext = false;
  private entry: Entry | null = null;
  private bad = false;
  private atLineStart = true;
  private spaceBefore = true;

  constructor(private readonly report: LexReport) {}

  /** Lexes one chunk; complete entries are appended to `out`. */
  feed(chunk: string, out: Entry[]): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.mode) {
        case M_TOKEN:
          i = this.scanToken(chunk, i);
          break;
        case M_QUOTED:
          i = this.scanQuoted(chunk, i);
          break;
        case M_COMMENT:
        case M_RAW:
          i = this.scanToEol(chunk, i);
          break;
        default:
          i = this.scanSpace(chunk, i, out);
      }
    }
    this.base += n;
    this.lineStart -= n;
  }

  /**
   * True between entries at the start of a line, outside parentheses: a line starting here is the
   * lexer's to read or the parser's fast path's (fast-line.ts) to take whole.
   */
  atCleanLineStart(): boolean {
    return this.mode === M_SPACE && this.atLineStart && this.parenDepth === 0 && this.entry === null && !this.escapeNext;
  }

  /** The number of the line the next input starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** A whole line (LF-terminated, no CR) was read by the fast path: count it as if lexed. */
  skipLine(length: number): void {
    this.base += length;
    this.line++;
    this.lineStart = 0;
  }

  /** Ends the input: finishes the last entry and reports anything left open. */
  end(out: Entry[]): void {
    const col = this.col(0);
    if (this.mode === M_TOKEN) this.endToken();
    else if (this.mode === M_QUOTED) {
      this.error('UNCLOSED_QUOTE', 'quoted string opened here is never closed', this.tokLine, this.tokCol);
    }
    if (this.parenDepth > 0) {
      this.error('UNCLOSED_PAREN', "'(' opened here is never closed", this.parenLine, this.parenCol);
      this.parenDepth = 0;
    }
    this.mode = M_SPACE;
    this.endEntry(out, this.line, col);
  }

  private col(i: number): number {
    return i - this.lineStart + 1;
  }

  private error(code: string, message: string, line: number, col: number): void {
    this.bad = true;
    this.report('error', code, message, line, col);
  }

  private startEntry(i: number): Entry {
    if (!this.entry) {
      const c = this.col(i);
      this.entry = { kind: ENTRY_RECORD, blankOwner: false, tokens: [], line: this.line, col: c, endLine: 0, endCol: 0, raw: '' };
    }
    return this.entry;
  }

  private endEntry(out: Entry[], line: number, col: number): void {
    const e = this.entry;
    this.entry = null;
    if (e && !this.bad && (e.tokens.length > 0 || e.kind === ENTRY_INCLUDE)) {
      e.endLine = line;
      e.endCol = col;
      out.push(e);
    }
    this.bad = false;
  }

  /** Counts a line break at chunk[i]: CR, LF, or nothing for the LF of a CRLF pair. */
  private newline(chunk: string, i: number): void {
    const at = this.base + i;
    if (chunk.charCodeAt(i) === CR) {
      this.crAt = at;
      this.line++;
    } else if (this.crAt !== at - 1) {
      this.line++;
    }
    this.lineStart = i + 1;
  }

  /** Between tokens: whitespace, line breaks, parentheses, comments and the start of the next token. */
  private scanSpace(chunk: string, i: number, out: Entry[]): number {
    const c = chunk.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      if (this.atLineStart && this.parenDepth === 0 && !this.entry) this.startEntry(i).blankOwner = true;
      this.atLineStart = false;
      this.spaceBefore = true;
      return i + 1;
    }
    if (c === LF || c === CR) {
      if (this.parenDepth === 0) this.endEntry(out, this.line, this.col(i));
      this.newline(chunk, i);
      this.atLineStart = true;
      this.spaceBefore = true;
      return i + 1;
    }
    const atStart = this.atLineStart;
    this.atLineStart = false;
    if (c === LPAREN) return this.openParen(i);
    if (c === RPAREN) {
      if (this.parenDepth === 0) this.error('UNBALANCED_PAREN', "')' without an opening '('", this.line, this.col(i));
      else this.parenDepth--;
      return i + 1;
    }
    if (c === SEMI) {
      this.mode = M_COMMENT;
      return i + 1;
    }
    this.startEntry(i);
    this.tok = '';
    this.tokLine = this.line;
    this.tokCol = this.col(i);
    this.tokGlued = !this.spaceBefore;
    if (c === QUOTE) {
      this.mode = M_QUOTED;
      return i + 1;
    }
    this.tokDirective = false;
    if (c === DOLLAR) {
      // NSD: '$' starts a directive only in column 1 outside parentheses; elsewhere a token cannot start with it.
      if (atStart && this.parenDepth === 0) this.tokDirective = true;
      else this.error('BAD_DOLLAR', "a name or value cannot start with '$' (only directives in column 1 can)", this.line, this.col(i));
    }
    this.mode = M_TOKEN;
    return i;
  }

  private openParen(i: number): number {
    if (this.parenDepth > 0) {
      this.error('NESTED_PAREN', "nested '(' inside parentheses", this.line, this.col(i));
    } else {
      // NSD's grammar has no place for '(' before the owner or, on a blank-owner line, before the type.
      if (!this.entry || this.entry.tokens.length === 0) {
        this.error('PAREN_FIRST', "'(' before the first name or value of the line", this.line, this.col(i));
      }
      this.parenLine = this.line;
      this.parenCol = this.col(i);
    }
    this.startEntry(i);
    this.parenDepth++;
    return i + 1;
  }

  /**
   * A backslash ended the previous chunk: the first character of this one is the escaped one (an escaped line
   * break still counts as a new line). Returns where scanning goes on.
   */
  private finishPendingEscape(chunk: string, i: number): number {
    if (!this.escapeNext) return i;
    this.escapeNext = false;
    const d = chunk.charCodeAt(i);
    if (d === LF || d === CR) this.newline(chunk, i);
    return i + 1;
  }

  /** Inside an unquoted token: up to the next delimiter; a backslash escapes any next character. */
  private scanToken(chunk: string, i: number): number {
    const n = chunk.length;
    let j = this.finishPendingEscape(chunk, i);
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (c === BACKSLASH) {
        if (j + 1 >= n) {
          this.escapeNext = true;
          j = n;
          break;
        }
        const d = chunk.charCodeAt(j + 1);
        if (d === LF || d === CR) this.newline(chunk, j + 1);
        j += 2;
        continue;
      }
      if (c < 256 && DELIM[c] === 1) break;
      j++;
    }
    this.tok += chunk.slice(i, j);
    if (j < n) {
      this.mode = M_SPACE;
      this.endToken();
    }
    return j;
  }

  private endToken(): void {
    const e = this.entry;
    if (!e) return;
    if (this.tokDirective) {
      this.directiveToken(e);
    } else {
      e.tokens.push({ text: this.tok, quoted: false, line: this.tokLine, col: this.tokCol, glued: this.tokGlued });
    }
    this.tok = '';
    this.spaceBefore = false;
  }

  /** `$WORD` in column 1; like NSD's flex rules the name is `$` plus letters and anything after it is a new token. */
  private directiveToken(e: Entry): void {
    const t = this.tok;
    let k = 1;
    while (k < t.length && isLetter(t.charCodeAt(k))) k++;
    if (k === 1) {
      this.error('BAD_DOLLAR', "'$' must be followed by a directive name", this.tokLine, this.tokCol);
      return;
    }
    const name = t.slice(0, k);
    e.kind = ENTRY_DIRECTIVE;
    e.tokens.push({ text: name, quoted: false, line: this.tokLine, col: this.tokCol, glued: false });
    if (name.toUpperCase() === '$INCLUDE') {
      // NSD reads the rest of an $INCLUDE line raw, up to the line break.
      e.kind = ENTRY_INCLUDE;
      e.raw = t.slice(k);
      if (this.parenDepth === 0) this.mode = M_RAW;
      return;
    }
    if (k < t.length) e.tokens.push({ text: t.slice(k), quoted: false, line: this.tokLine, col: this.tokCol + k, glued: true });
  }

  /** Inside a quoted string: up to the closing quote; line breaks are kept (NSD allows them). */
  private scanQuoted(chunk: string, i: number): number {
    const n = chunk.length;
    let j = this.finishPendingEscape(chunk, i);
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (j + 1 >= n) {
          this.escapeNext = true;
          j = n;
          break;
        }
        const d = chunk.charCodeAt(j + 1);
        if (d === LF || d === CR) this.newline(chunk, j + 1);
        j += 2;
        continue;
      }
      if (c === LF || c === CR) this.newline(chunk, j);
      j++;
    }
    this.tok += chunk.slice(i, j);
    if (j >= n) return n;
    const e = this.entry as Entry;
    e.tokens.push({ text: this.tok, quoted: true, line: this.tokLine, col: this.tokCol, glued: this.tokGlued });
    this.tok = '';
    this.spaceBefore = false;
    this.mode = M_SPACE;
    return j + 1;
  }

  /** A comment or the raw $INCLUDE argument: up to (not including) the line break. */
  private scanToEol(chunk: string, i: number): number {
    const n = chunk.length;
    let j = i;
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (c === LF || c === CR) break;
      j++;
    }
    if (this.mode === M_RAW && this.entry) this.entry.raw += chunk.slice(i, j);
    if (j < n) this.mode = M_SPACE;
    return j;
  }
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
