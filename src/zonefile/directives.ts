// The $TTL, $ORIGIN and $INCLUDE directives (RFC 1035 5.1, RFC 2308 4), read the way NSD 4 reads them.
import { TsdnsError, type Name } from '../wire/index.js';
import type { ParseContext } from './context.js';
import type { Entry, Token } from './lexer.js';
import { checkTtl } from './record-line.js';
import { badName, isAbsoluteText, nameFromToken } from './token-text.js';
import { parseTtl } from './ttl.js';

/** The one argument of a directive, or null after reporting a missing or extra one. */
function oneArg(ctx: ParseContext, file: string, e: Entry, what: string): Token | null {
  const t = e.tokens;
  if (t.length < 2) {
    ctx.error('DIRECTIVE_ARGS', `${t[0].text} needs ${what}`, file, { line: e.endLine, col: e.endCol });
    return null;
  }
  if (t[1].glued) {
    ctx.error('DIRECTIVE_ARGS', `expected whitespace after ${t[0].text}`, file, t[1]);
    return null;
  }
  if (t.length > 2) {
    ctx.error('DIRECTIVE_ARGS', `${t[0].text} takes only ${what}, got '${t[2].text}' too`, file, t[2]);
    return null;
  }
  return t[1];
}

/** $TTL: the default TTL of the records that follow (RFC 2308 4). A bad value falls back to the default, as in NSD. */
export function ttlDirective(ctx: ParseContext, file: string, e: Entry): void {
  const arg = oneArg(ctx, file, e, 'a TTL value');
  if (!arg) return;
  const v = parseTtl(arg.text);
  if (v < 0) {
    ctx.error('BAD_TTL', `invalid TTL value '${arg.text}'`, file, arg);
    ctx.ttl = ctx.defaultTtl;
    return;
  }
  ctx.ttl = checkTtl(ctx, file, arg, v);
}

/** $ORIGIN: the name relative names are completed with. NSD requires it to be absolute. */
export function originDirective(ctx: ParseContext, file: string, e: Entry): void {
  const arg = oneArg(ctx, file, e, 'a domain name');
  if (!arg) return;
  if (arg.text === '@' && !arg.quoted) return;
  if (arg.quoted || !isAbsoluteText(arg.text)) {
    ctx.error('ORIGIN_RELATIVE', `$ORIGIN needs an absolute name (ending in '.'), got '${arg.text}'`, file, arg);
    return;
  }
  try {
    ctx.origin = nameFromToken(arg.text, false, ctx.origin, ctx.warnAt(file, arg));
  } catch (err) {
    if (!(err instanceof TsdnsError)) throw err;
    ctx.error('BAD_ORIGIN', badName('$ORIGIN name', arg.text, err.message), file, arg);
  }
}

/** The parts of an $INCLUDE line: the file to read and the origin inside it (the current one if not given). */
export interface IncludeArgs {
  path: string;
  origin: Name;
}

/**
 * Splits the raw rest of an $INCLUDE line as NSD's lexer does: cut at the last ';', trim, and if a space
 * (else a tab) remains, the text after the last one is the origin, which must be absolute.
 */
export function includeArgs(ctx: ParseContext, file: string, e: Entry): IncludeArgs | null {
  const at = e.tokens[0];
  let raw = e.raw;
  const semi = raw.lastIndexOf(';');
  if (semi >= 0) raw = raw.slice(0, semi);
  raw = cTrim(raw);
  let origin = ctx.origin;
  let cut = raw.lastIndexOf(' ');
  if (cut < 0) cut = raw.lastIndexOf('\t');
  if (cut >= 0) {
    const text = raw.slice(cut + 1);
    raw = cTrim(raw.slice(0, cut));
    // NSD reports a bad origin and still reads the file with the current origin.
    if (!isAbsoluteText(text)) {
      ctx.error('INCLUDE_ORIGIN_RELATIVE', `$INCLUDE origin must be an absolute name (ending in '.'), got '${text}'`, file, at);
    } else {
      try {
        origin = nameFromToken(text, false, ctx.origin, ctx.warnAt(file, at));
      } catch (err) {
        if (!(err instanceof TsdnsError)) throw err;
        ctx.error('BAD_INCLUDE_ORIGIN', badName('$INCLUDE origin', text, err.message), file, at);
      }
    }
  }
  if (raw.length === 0) {
    ctx.error('INCLUDE_NO_FILE', 'missing file name in $INCLUDE', file, at);
    return null;
  }
  return { path: raw, origin };
}

/** Trims what C's isspace() trims (String.prototype.trim would also eat latin1 0xA0). */
function cTrim(s: string): string {
  return s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}
