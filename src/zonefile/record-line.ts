// One resource record line (RFC 1035 5.1): owner, TTL and class in either order, type, then rdata.
import { CLASS, RdataError, TsdnsError, classToText, isSubdomain, nameToText, type Name, type PositionedRecord } from '../wire/index.js';
import type { ParseContext } from './context.js';
import type { Entry, Token } from './lexer.js';
import { badName, fixEscapes, nameFromToken, plainRelativeName } from './token-text.js';
import { MAX_TTL, parseTtl } from './ttl.js';

// Types NSD accepts with a warning (zparser.y).
const OBSOLETE: Record<number, string> = { 3: 'MD', 4: 'MF', 7: 'MB' };
const TYPE_DLV = 32769;
const TYPE_SOA = 6;

/**
 * The type a token names, NSD style: a known mnemonic or TYPEnnn with 1 <= nnn <= 65535. The query-only
 * mnemonics (TKEY 249 to ANY 255, RFC 6895 3.1) are not types in a zone file, though TYPE252 is.
 */
export function typeOfToken(ctx: ParseContext, text: string): number | undefined {
  return memo(ctx.typeMemo, text, () => typeOf(ctx, text));
}

/** The class a token names, NSD style: IN, CS, CH, HS or CLASSnnn (the mnemonics NONE and ANY are query-only). */
export function classOfToken(ctx: ParseContext, text: string): number | undefined {
  return memo(ctx.classMemo, text, () => classOf(ctx, text));
}

const MEMO_MAX = 512;

function memo(map: Map<string, number>, text: string, compute: () => number | undefined): number | undefined {
  let v = map.get(text);
  if (v === undefined) {
    if (map.size >= MEMO_MAX) map.clear(); // random junk must not grow it without bound
    v = compute() ?? -1;
    map.set(text, v);
  }
  return v < 0 ? undefined : v;
}

function typeOf(ctx: ParseContext, text: string): number | undefined {
  const t = ctx.codec.typeFromText(text);
  if (t === undefined || t <= 0 || t > 0xffff) return undefined;
  if ((text.charCodeAt(0) | 0x20) === 0x74 && /^type/i.test(text)) return /^type[0-9]+$/i.test(text) ? t : undefined;
  return t >= 249 && t <= 255 ? undefined : t;
}

function classOf(ctx: ParseContext, text: string): number | undefined {
  const c = ctx.codec.classFromText(text);
  if (c === undefined || c <= 0 || c > 0xffff) return undefined;
  if ((text.charCodeAt(0) | 0x20) === 0x63 && /^class/i.test(text)) return /^class[0-9]+$/i.test(text) ? c : undefined;
  return c === CLASS.NONE || c === CLASS.ANY ? undefined : c;
}

/** The owner named by a token, or null after reporting why not. Caches the last owner (zones repeat them). */
function ownerOf(ctx: ParseContext, file: string, tok: Token): Name | null {
  if (!tok.quoted && tok.text === ctx.lastOwnerText && ctx.origin === ctx.lastOwnerOrigin && ctx.lastOwner) {
    return ctx.lastOwner;
  }
  if (!tok.quoted) {
    const fast = plainRelativeName(tok.text, ctx.origin);
    if (fast) {
      // A relative name under an origin inside the zone is inside the zone: no need to check it again.
      if (ctx.originInZone()) ctx.lastInZone = fast;
      return remember(ctx, tok, fast);
    }
  }
  // Not cached: escapes may warn, and NSD warns on every line that has them.
  try {
    return nameFromToken(tok.text, tok.quoted, ctx.origin, ctx.warnAt(file, tok));
  } catch (err) {
    if (!(err instanceof TsdnsError)) throw err;
    ctx.error('BAD_OWNER', badName('owner name', tok.text, err.message), file, tok);
    return null;
  }
}

function remember(ctx: ParseContext, tok: Token, name: Name): Name {
  ctx.lastOwnerText = tok.text;
  ctx.lastOwnerOrigin = ctx.origin;
  ctx.lastOwner = name;
  return name;
}

interface Head {
  ttl: number;
  cls: number;
  type: number;
  /** Index of the first rdata token. */
  next: number;
}

/** Reads [TTL] [class] in either order and the type, from tokens[k]; null after reporting an error. */
function readHead(ctx: ParseContext, file: string, e: Entry, k: number): Head | null {
  const toks = e.tokens;
  let ttl = -1;
  let cls = -1;
  for (; k < toks.length; k++) {
    const tok = toks[k];
    const type = typeOfToken(ctx, tok.text);
    if (type !== undefined) return { ttl: ttl < 0 ? ctx.ttl : ttl, cls: cls < 0 ? CLASS.IN : cls, type, next: k + 1 };
    const c = classOfToken(ctx, tok.text);
    if (c !== undefined) {
      if (cls >= 0) return headError(ctx, file, 'CLASS_TWICE', `a second class '${tok.text}' in one record`, tok);
      cls = c;
      continue;
    }
    const v = parseTtl(tok.text);
    if (v < 0) return notAType(ctx, file, tok);
    if (ttl >= 0) return headError(ctx, file, 'TTL_TWICE', `a second TTL '${tok.text}' in one record`, tok);
    ttl = checkTtl(ctx, file, tok, v);
  }
  const what = ttl < 0 && cls < 0 ? 'a TTL, class or type' : 'a type';
  return headError(ctx, file, 'MISSING_TYPE', `expected ${what}, got end of line`, { line: e.endLine, col: e.endCol });
}

/** A token that is neither TTL, class nor type; says so more precisely for query-only or reserved types. */
function notAType(ctx: ParseContext, file: string, tok: Token): null {
  const t = ctx.codec.typeFromText(tok.text);
  if (t !== undefined) {
    return headError(ctx, file, 'BAD_TYPE', `type '${tok.text}' cannot be used in a zone file (query-only or reserved)`, tok);
  }
  return headError(ctx, file, 'EXPECTED_TYPE', `expected a TTL, class or type, got '${tok.text}'`, tok);
}

function headError(ctx: ParseContext, file: string, code: string, message: string, at: { line: number; col: number }): null {
  ctx.error(code, message, file, at);
  return null;
}

/** TTLs with the top bit set are replaced by the default TTL, as NSD does (RFC 2181 8 forbids them). */
export function checkTtl(ctx: ParseContext, file: string, tok: Token, v: number): number {
  if (v <= MAX_TTL) return v;
  ctx.warning('TTL_TOO_LARGE', `TTL '${tok.text}' is over ${MAX_TTL} (RFC 2181 8), using ${ctx.defaultTtl}`, file, tok);
  return ctx.defaultTtl;
}

/** The rdata tokens with NSD's escape fix-ups applied (copies only the tokens that change). */
function rdataTokens(ctx: ParseContext, file: string, toks: readonly Token[], from: number): Token[] {
  const out = toks.slice(from);
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.text.indexOf('\\') < 0) continue;
    const text = fixEscapes(t.text, ctx.warnAt(file, t));
    if (text !== t.text) out[i] = { ...t, text };
  }
  return out;
}

function rdataOf(ctx: ParseContext, file: string, e: Entry, type: number, toks: Token[]): Uint8Array | null {
  try {
    return ctx.codec.rdataFromText(type, toks, ctx.origin);
  } catch (err) {
    if (!(err instanceof TsdnsError)) throw err;
    const idx = err instanceof RdataError ? err.token : 0;
    const at = idx >= 0 && idx < toks.length ? toks[idx] : { line: e.endLine, col: e.endCol };
    ctx.error(err.code, err.message, file, at);
    return null;
  }
}

/**
 * Parses a record entry whose owner is tokens[0], or the previous owner when `blank`; the head starts at
 * `start`. Returns the record, or null after reporting why it is not one.
 */
export function parseRecord(ctx: ParseContext, file: string, e: Entry, start: number, blank: boolean): PositionedRecord | null {
  let owner: Name | null;
  const ownerTok = e.tokens[0];
  if (blank) {
    if (ctx.prevOwnerBad) return null;
    owner = ctx.prevOwner;
  } else {
    owner = ownerOf(ctx, file, ownerTok);
    ctx.prevOwnerBad = owner === null;
    if (owner === null) return null;
    ctx.prevOwner = owner;
    // NSD's lexer only leaves the owner at whitespace: `x(A ...)` or `x"A"` are syntax errors there.
    const t = e.tokens[start];
    if (t !== undefined && t.glued) return headError(ctx, file, 'OWNER_GLUED', 'expected whitespace after the owner name', t);
  }
  const head = readHead(ctx, file, e, start);
  if (!head) return null;
  const toks = rdataTokens(ctx, file, e.tokens, head.next);
  const rdata = rdataOf(ctx, file, e, head.type, toks);
  if (!rdata) return null;
  const at = blank ? e : ownerTok;
  return finish(ctx, file, at, { owner, type: head.type, class: head.cls, ttl: head.ttl, rdata });
}

/**
 * The checks of NSD's process_rr that concern one record alone (class IN, inside the zone), in NSD's order,
 * then the record with its position. The zone builder makes the checks that need the other records.
 */
function finish(
  ctx: ParseContext,
  file: string,
  at: { line: number; col: number },
  record: PositionedRecord['record'],
): PositionedRecord | null {
  if (record.class !== CLASS.IN) {
    ctx.error('CLASS_NOT_IN', `only class IN is supported, not ${classToText(record.class)}`, file, at);
    return null;
  }
  // NSD checks an SOA's owner before zone membership; the zone builder reports an SOA away from the apex.
  // Blank-owner lines reuse the last owner found inside the zone, so the check runs once per owner.
  if (record.owner !== ctx.lastInZone) {
    if (isSubdomain(record.owner, ctx.zone)) {
      ctx.lastInZone = record.owner;
    } else if (record.type !== TYPE_SOA) {
      const msg = `out of zone data: ${nameToText(record.owner)} is outside the zone for fqdn ${nameToText(ctx.zone)}`;
      ctx.error('OUT_OF_ZONE', msg, file, at);
      return null;
    }
  }
  const obsolete = OBSOLETE[record.type];
  if (obsolete) ctx.warning('OBSOLETE_TYPE', `${obsolete} is obsolete`, file, at);
  if (record.type === TYPE_DLV && !ctx.dlvWarned) {
    ctx.dlvWarned = true;
    ctx.warning('EXPERIMENTAL_TYPE', 'DLV is experimental', file, at);
  }
  return { record, file, line: at.line, col: at.col };
}
