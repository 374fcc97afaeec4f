// nsd.conf lexer: words and quoted strings with file:line, comments, and include: spliced in (globs too).
import type { ConfigProblem } from './errors.js';
import { hasGlobMagic } from './glob-match.js';
import type { ConfigSource } from './source.js';

/**
 * One word of the config. Like NSD's configlexer.lex the text is kept verbatim (a backslash and
 * the character after it stay as written); a quoted string has its quotes removed.
 */
export interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly file: string;
  readonly line: number;
}

/** Deeper include nesting than this is an include loop (NSD would recurse until memory runs out). */
const MAX_INCLUDE_DEPTH = 64;
/**
 * More include files than this in one config is a loop that fans out: a file that includes itself
 * twice doubles at each level, so the depth limit alone would take 2^64 steps (found by fuzzing).
 */
const MAX_INCLUDES = 1000;

interface LexState {
  readonly source: ConfigSource;
  readonly tokens: Token[];
  readonly problems: ConfigProblem[];
  included: number;
}

/** A cursor over one file's text. */
class Cursor {
  pos = 0;
  line = 1;
  constructor(readonly file: string, readonly text: string) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  /** Skip blanks and newlines (counting lines); a `#` at the start of a word comments out the rest of the line. */
  skipSpace(comments: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\n' || c === '\r') this.newline();
      else if (c === '#' && comments) {
        while (this.pos < this.text.length && this.peek() !== '\n' && this.peek() !== '\r') this.pos++;
      } else return;
    }
  }
  /** Consume one line end; `\r\n` counts once. */
  newline(): void {
    if (this.peek() === '\r' && this.text[this.pos + 1] === '\n') this.pos++;
    this.pos++;
    this.line++;
  }
}

/** Read a quoted string (the opening quote already seen); `closed` is false at end of file. */
function readQuoted(cur: Cursor): { text: string; closed: boolean } {
  cur.pos++;
  let out = '';
  for (;;) {
    const c = cur.peek();
    if (c === undefined) return { text: out, closed: false };
    if (c === '"') {
      cur.pos++;
      return { text: out, closed: true };
    }
    if (c === '\\' && cur.pos + 1 < cur.text.length) {
      // NSD's ANY rule: a backslash pair is kept as written, so \" does not end the string.
      out += cur.text.slice(cur.pos, cur.pos + 2);
      cur.pos += 2;
      continue;
    }
    if (c === '\n' || c === '\r') {
      const at = cur.pos;
      cur.newline();
      out += cur.text.slice(at, cur.pos);
      continue;
    }
    out += c;
    cur.pos++;
  }
}

/** Read an unquoted word: anything up to a blank, line end or quote (NSD's UNQUOTEDLETTER). */
function readWord(cur: Cursor): string {
  const start = cur.pos;
  for (;;) {
    const c = cur.peek();
    if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"') break;
    cur.pos += c === '\\' && cur.pos + 1 < cur.text.length ? 2 : 1;
  }
  return cur.text.slice(start, cur.pos);
}

/** Read the next token of the file, or null at its end. */
function nextToken(cur: Cursor, st: LexState, comments = true): Token | null {
  cur.skipSpace(comments);
  const c = cur.peek();
  if (c === undefined) return null;
  const line = cur.line;
  if (c === '"') {
    const q = readQuoted(cur);
    // An unclosed quote still yields its text, so the statement it ends is not reported twice.
    if (!q.closed) st.problems.push({ file: cur.file, line, message: 'end of file inside a quoted string' });
    return { text: q.text, quoted: true, file: cur.file, line };
  }
  return { text: readWord(cur), quoted: false, file: cur.file, line };
}

/** Splice in the files named by an include: directive (in sorted glob order). */
function include(path: string, at: Token, st: LexState, depth: number): void {
  if (path === '') {
    st.problems.push({ file: at.file, line: at.line, message: 'empty include file name' });
    return;
  }
  const files = hasGlobMagic(path) ? st.source.glob(path) : [path];
  for (const file of files) {
    if (++st.included > MAX_INCLUDES) {
      if (st.included === MAX_INCLUDES + 1) st.problems.push({ file: at.file, line: at.line, message: `more than ${MAX_INCLUDES} include files (an include loop?)` });
      return;
    }
    let text: string;
    try {
      text = st.source.read(file);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      st.problems.push({ file: at.file, line: at.line, message: `cannot open include file '${file}': ${why}` });
      continue;
    }
    lexFile(file, text, st, depth + 1);
  }
}

/** Tokenize one file, following its include: directives. */
function lexFile(file: string, text: string, st: LexState, depth: number): void {
  if (depth > MAX_INCLUDE_DEPTH) {
    st.problems.push({ file, line: 1, message: `include files nested more than ${MAX_INCLUDE_DEPTH} deep (an include loop?)` });
    return;
  }
  const cur = new Cursor(file, text);
  for (;;) {
    const tok = nextToken(cur, st);
    if (tok === null) return;
    if (tok.quoted || tok.text !== 'include:') {
      st.tokens.push(tok);
      continue;
    }
    // include: may appear anywhere, even inside a clause; its file is read in place (nsd.conf(5)).
    const target = nextToken(cur, st, false);
    if (target === null) {
      st.problems.push({ file, line: tok.line, message: 'end of file inside an include: directive' });
      return;
    }
    include(target.text, tok, st, depth);
  }
}

/** Tokenize a config file and everything it includes. Problems are returned, not thrown. */
export function tokenize(
  file: string,
  text: string,
  source: ConfigSource,
): { tokens: Token[]; problems: ConfigProblem[] } {
  const st: LexState = { source, tokens: [], problems: [], included: 0 };
  lexFile(file, text, st, 0);
  return { tokens: st.tokens, problems: st.problems };
}
