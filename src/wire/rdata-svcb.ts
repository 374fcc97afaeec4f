// SVCB/HTTPS SvcParams (RFC 9460 2.2, 7, 8 and Appendix A), with dohpath (RFC 9461) and ohttp (RFC 9540).
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './rdata-addr.js';
import { fromBase64, get16, toBase64, type ByteSink } from './rdata-bytes.js';
import { bad, fixed, type KindCodec } from './rdata-kind.js';
import { escapeText, parseUint, unescapeText, type TextCursor } from './rdata-text.js';
import { WireError } from './errors.js';

const KEY_NAMES = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp'];
const MANDATORY = 0;
const ALPN = 1;
const NO_DEFAULT_ALPN = 2;
const INVALID_KEY = 65535; // RFC 9460 14.3.2: reserved "Invalid key"

/** A key number from its name or keyNNNNN (RFC 9460 2.1); undefined when unknown. */
function keyFromText(s: string): number | undefined {
  const l = s.toLowerCase();
  const i = KEY_NAMES.indexOf(l);
  if (i >= 0) return i;
  const m = /^key([0-9]{1,5})$/.exec(l);
  const v = m ? Number(m[1]) : undefined;
  return v !== undefined && v < INVALID_KEY ? v : undefined;
}

function keyToText(k: number): string {
  return KEY_NAMES[k] ?? `key${k}`;
}

/** Splits a value-list on unescaped commas, `\X` giving X (RFC 9460 A.1); empty items are refused. */
function splitList(v: Uint8Array): Uint8Array[] | undefined {
  const items: Uint8Array[] = [];
  let cur: number[] = [];
  for (let i = 0; i <= v.length; i++) {
    if (i === v.length || v[i] === 0x2c) {
      if (cur.length === 0) return undefined;
      items.push(Uint8Array.from(cur));
      cur = [];
    } else if (v[i] === 0x5c) {
      if (++i === v.length) return undefined;
      cur.push(v[i]);
    } else cur.push(v[i]);
  }
  return items;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

type ValueParser = (v: Uint8Array | undefined) => Uint8Array | string;

function listOf(parse: (s: string) => Uint8Array | undefined, what: string): ValueParser {
  return (v) => {
    const items = v && splitList(v);
    if (!items) return `expected a comma-separated list of ${what}`;
    const parts = items.map((x) => parse(latin1(x)));
    if (parts.some((x) => x === undefined)) return `expected a comma-separated list of ${what}`;
    const out: number[] = [];
    for (const x of parts) out.push(...x!);
    return Uint8Array.from(out);
  };
}

const noValue: ValueParser = (v) => (v && v.length > 0 ? 'takes no value' : new Uint8Array(0));

/** Presentation value -> wire value for each key; a string is the complaint. */
const VALUE_PARSERS: Record<number, ValueParser> = {
  0: (v) => {
    const keys = v && splitList(v)?.map((x) => keyFromText(latin1(x)));
    if (!keys || keys.some((k) => k === undefined)) return 'expected a comma-separated list of keys';
    if (keys.includes(MANDATORY)) return 'mandatory must not list itself (RFC 9460 8)';
    if (new Set(keys).size !== keys.length) return 'mandatory lists a key twice';
    // RFC 9460 8: the wire form lists the keys in increasing order.
    return Uint8Array.from((keys as number[]).sort((a, b) => a - b).flatMap((k) => [k >> 8, k & 0xff]));
  },
  1: (v) => {
    const ids = v && splitList(v);
    if (!ids || ids.some((x) => x.length > 255)) return 'expected a comma-separated list of ALPN ids of 1-255 octets';
    const out: number[] = [];
    for (const id of ids) out.push(id.length, ...id);
    return Uint8Array.from(out);
  },
  2: noValue,
  3: (v) => {
    const port = v && parseUint(latin1(v), 16);
    return port === undefined ? 'expected a port number (0-65535)' : Uint8Array.of(port >> 8, port & 0xff);
  },
  4: listOf(parseIpv4, 'IPv4 addresses'),
  // NSD accepts a bare "ech" (and prints an empty value that way).
  5: (v) => (v ? fromBase64(latin1(v)) : new Uint8Array(0)) ?? 'expected base64 (an ECHConfigList)',
  6: listOf(parseIpv6, 'IPv6 addresses'),
  7: (v) => v ?? 'expected a value (a URI template, RFC 9461)',
  8: noValue,
};

/** Splits one param token (or token pair `key=` "value") into key text and raw value text. */
function takeParam(c: TextCursor): { key: string; raw: string | undefined } {
  const t = c.take('a SvcParam').text;
  const eq = t.indexOf('=');
  if (eq < 0) return { key: t, raw: undefined };
  const key = t.slice(0, eq);
  let raw = t.slice(eq + 1);
  if (raw === '' && c.peek()?.quoted) raw = c.take('a SvcParam value').text;
  else if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
  return { key, raw };
}

function parseParams(c: TextCursor): Map<number, Uint8Array> {
  const params = new Map<number, Uint8Array>();
  while (!c.done) {
    const { key, raw } = takeParam(c);
    const at = c.last;
    const k = keyFromText(key);
    if (k === undefined) c.fail('a SvcParamKey (a known name or key0-key65534)', undefined, at);
    if (params.has(k)) c.error(`SvcParamKey ${keyToText(k)} appears twice`, at);
    let value: Uint8Array | undefined;
    try {
      value = raw === undefined ? undefined : unescapeText(raw);
    } catch (e) {
      if (e instanceof WireError) c.error(`${keyToText(k)}: ${e.message}`, at);
      throw e;
    }
    const parsed = VALUE_PARSERS[k] ? VALUE_PARSERS[k](value) : (value ?? new Uint8Array(0));
    if (typeof parsed === 'string') c.error(`${keyToText(k)}: ${parsed}`, at);
    if (parsed.length > 0xffff) c.error(`${keyToText(k)}: value longer than 65535 octets`, at);
    params.set(k, parsed);
  }
  const problem = consistency(params);
  if (problem) c.error(problem, -1);
  return params;
}

/** The self-consistency rules of RFC 9460 7.1.1 (no-default-alpn needs alpn) and 8 (mandatory keys present). */
function consistency(params: Map<number, Uint8Array>): string | undefined {
  if (params.has(NO_DEFAULT_ALPN) && !params.has(ALPN)) return 'no-default-alpn requires alpn (RFC 9460 7.1.1)';
  const m = params.get(MANDATORY);
  for (let i = 0; m && i < m.length; i += 2) {
    const k = get16(m, i);
    if (!params.has(k)) return `mandatory lists ${keyToText(k)}, which is not present (RFC 9460 8)`;
  }
  return undefined;
}

/** Checks the wire value of one key; returns a complaint or undefined. */
function checkValue(k: number, b: Uint8Array, p: number, end: number): string | undefined {
  const len = end - p;
  switch (k) {
    case MANDATORY:
      if (len === 0 || len % 2) return 'mandatory value has a bad length';
      for (let i = p; i < end; i += 2) {
        if (get16(b, i) === MANDATORY) return 'mandatory lists itself';
        if (i > p && get16(b, i) <= get16(b, i - 2)) return 'mandatory keys not in increasing order';
      }
      return undefined;
    case ALPN:
      if (len === 0) return 'empty alpn';
      for (let i = p; i < end; i += 1 + b[i]) if (b[i] === 0 || i + 1 + b[i] > end) return 'bad alpn id';
      return undefined;
    case 2: case 8: return len === 0 ? undefined : `${keyToText(k)} has a value`;
    case 3: return len === 2 ? undefined : 'port value is not 2 octets';
    case 4: return len > 0 && len % 4 === 0 ? undefined : 'ipv4hint value is not a list of IPv4 addresses';
    case 6: return len > 0 && len % 16 === 0 ? undefined : 'ipv6hint value is not a list of IPv6 addresses';
    default: return undefined;
  }
}

function printValue(k: number, b: Uint8Array, p: number, end: number): string {
  const items: string[] = [];
  switch (k) {
    case MANDATORY:
      for (let i = p; i < end; i += 2) items.push(keyToText(get16(b, i)));
      return items.join(',');
    case ALPN: {
      for (let i = p; i < end; i += 1 + b[i]) {
        items.push(latin1(b.subarray(i + 1, i + 1 + b[i])).replace(/[\\,]/g, (x) => '\\' + x));
      }
      const listText = Uint8Array.from(items.join(','), (ch) => ch.charCodeAt(0));
      return '"' + escapeText(listText, 0, listText.length) + '"';
    }
    case 3: return String(get16(b, p));
    case 4:
      for (let i = p; i < end; i += 4) items.push(formatIpv4(b, i));
      return items.join(',');
    case 5: return toBase64(b, p, end);
    case 6:
      for (let i = p; i < end; i += 16) items.push(formatIpv6(b, i));
      return items.join(',');
    default: return '"' + escapeText(b, p, end) + '"';
  }
}

export const svcparams: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const params = parseParams(c);
    for (const k of [...params.keys()].sort((a, b) => a - b)) {
      const v = params.get(k)!;
      out.u16(k);
      out.u16(v.length);
      out.bytes(v);
    }
  },
  scan(b, p, end) {
    const params = new Map<number, Uint8Array>();
    let prev = -1;
    while (p < end) {
      fixed(p, 4, end, 'SvcParam header');
      const k = get16(b, p);
      const next = fixed(p + 4, get16(b, p + 2), end, 'SvcParam value');
      if (k <= prev) bad('SvcParamKeys not in strictly increasing order (RFC 9460 2.2)');
      if (k === INVALID_KEY) bad('SvcParamKey 65535 is reserved');
      const problem = checkValue(k, b, p + 4, next);
      if (problem) bad(problem);
      params.set(k, b.subarray(p + 4, next));
      prev = k;
      p = next;
    }
    const problem = consistency(params);
    if (problem) bad(problem);
    return p;
  },
  print(b, p, next) {
    const parts: string[] = [];
    while (p < next) {
      const k = get16(b, p);
      const e = p + 4 + get16(b, p + 2);
      const valueless = e === p + 4 && k !== 7; // dohpath always has a value
      parts.push(valueless ? keyToText(k) : `${keyToText(k)}=${printValue(k, b, p + 4, e)}`);
      p = e;
    }
    return parts.join(' ');
  },
  optional: true,
};
