// Value kinds for single-word options: yes/no, numbers, strings, names, secrets, NSID, enums.
import { parseDnsName } from './dns-name.js';
import type { Token } from './lexer.js';
import { ValueError, type ValueKind } from './schema-types.js';

/** The one word of a single-valued option. */
function one(args: readonly Token[]): string {
  return (args[0] as Token).text;
}

/** yes or no, exactly as NSD's parse_boolean accepts them (case-sensitive). */
export const bool: ValueKind<boolean> = {
  name: 'yes or no',
  arity: 'one',
  quoted: false,
  parse(args) {
    const t = one(args);
    if (t === 'yes') return true;
    if (t === 'no') return false;
    throw new ValueError(`expected yes or no, not '${t}'`);
  },
  show: (v) => (v ? 'yes' : 'no'),
};

/** NSD's parse_number: digits only (no sign, no suffix). */
function digits(t: string): number {
  if (!/^\d+$/.test(t)) throw new ValueError(`expected a number, not '${t}'`);
  return Number(t);
}

/** An integer in [min, max]. */
export function int(min: number, max: number): ValueKind<number> {
  const name = max >= 2 ** 31 - 1 ? (min === 0 ? 'a number' : `a number of at least ${min}`) : `a number from ${min} to ${max}`;
  return {
    name,
    arity: 'one',
    quoted: false,
    parse(args) {
      const n = digits(one(args));
      if (n < min || n > max) throw new ValueError(`expected ${name}, not ${one(args)}`);
      return n;
    },
    show: (v) => String(v),
  };
}

export const INT_MAX = 2 ** 31 - 1;
/** A count or number of seconds (0 and up, as NSD's int options). */
export const count = int(0, INT_MAX);
/** A number greater than zero (NSD: "expected a number greater than zero"). */
export const positive = int(1, INT_MAX);
/** A size in bytes (NSD takes plain digits; no k/m suffixes). */
export const size: ValueKind<number> = { ...int(0, INT_MAX), name: 'a size in bytes' };
export const port = int(1, 65535);

/** Any string; quoted when it has a blank. */
export function str(name = 'a string', maxLength = Infinity): ValueKind<string> {
  return {
    name,
    arity: 'one',
    quoted: true,
    parse(args) {
      const t = one(args);
      if (t.length > maxLength) throw new ValueError(`${name} longer than ${maxLength} characters`);
      return t;
    },
    show: (v) => v,
  };
}
export const string = str();
export const path = str('a file name');

/** A domain name (key, tls-auth, zone names); kept as written once validated. */
export const dname: ValueKind<string> = {
  name: 'a domain name',
  arity: 'one',
  quoted: true,
  parse(args) {
    const r = parseDnsName(one(args));
    if (typeof r === 'string') throw new ValueError(`bad domain name '${one(args)}': ${r}`);
    return one(args);
  },
  show: (v) => v,
};

/** A pattern name: a case-sensitive string without blanks (NSD refuses spaces in it). */
export const patternName: ValueKind<string> = {
  name: 'a pattern name',
  arity: 'one',
  quoted: true,
  parse(args) {
    const t = one(args);
    if (t === '' || /\s/.test(t)) throw new ValueError(`space is not allowed in pattern name: '${t}'`);
    return t;
  },
  show: (v) => v,
};

/** One of a fixed set of words. */
export function oneOf<T extends string>(words: readonly T[], caseInsensitive = false): ValueKind<T> {
  const name = words.join(', ');
  return {
    name: `one of ${name}`,
    arity: 'one',
    quoted: false,
    parse(args) {
      const t = caseInsensitive ? one(args).toLowerCase() : one(args);
      const w = words.find((x) => x === t);
      if (w === undefined) throw new ValueError(`expected one of ${name}, not '${one(args)}'`);
      return w;
    },
    show: (v) => v,
  };
}

/** nsid: hex digits (even count) or ascii_ followed by text; the value is the payload in hex. */
export const nsid: ValueKind<string> = {
  name: 'hex digits or ascii_text',
  arity: 'one',
  quoted: true,
  parse(args) {
    const t = one(args);
    if (t.slice(0, 6).toLowerCase() === 'ascii_') return Buffer.from(t.slice(6), 'utf8').toString('hex');
    if (t.length % 2 !== 0) throw new ValueError('the NSID must be a hex string of an even length');
    if (!/^[0-9A-Fa-f]*$/.test(t)) throw new ValueError(`hex string cannot be parsed in NSID: '${t}'`);
    if (t.length / 2 > 65535) throw new ValueError('NSID too long');
    return t.toLowerCase();
  },
  show: (v) => v,
};

/** A 128-bit secret as 32 hex digits (cookie-secret). */
export const hex128: ValueKind<string> = {
  name: 'a 128 bit hex string',
  arity: 'one',
  quoted: true,
  parse(args) {
    const t = one(args);
    if (!/^[0-9A-Fa-f]{32}$/.test(t)) throw new ValueError(`expected a 128 bit hex string (32 hex digits), not '${t}'`);
    return t.toLowerCase();
  },
  show: (v) => v,
};

/**
 * A base64 blob as ISC b64_pton reads it: blanks ignored, padding required, the unused bits
 * of the last character zero. An empty secret is refused (a TSIG key needs key material).
 */
export const base64: ValueKind<string> = {
  name: 'a base64 blob',
  arity: 'one',
  quoted: true,
  parse(args) {
    const t = one(args);
    const s = t.replace(/[ \t\r\n]/g, '');
    const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(s);
    const bad = (why: string): never => {
      throw new ValueError(`cannot base64 decode the secret: ${why}`);
    };
    if (s === '') bad('it is empty');
    if (!m || s.length % 4 !== 0) bad('not a multiple of 4 base64 characters');
    const last = (m as RegExpExecArray)[1]?.slice(-1) ?? '';
    const bits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(last);
    const pad = (m as RegExpExecArray)[2]?.length ?? 0;
    if ((pad === 2 && (bits & 0x0f) !== 0) || (pad === 1 && (bits & 0x03) !== 0)) bad('stray bits before the padding');
    return t;
  },
  show: (v) => v,
};

/** TSIG algorithm names NSD accepts (tsig_get_algorithm_by_name), mapped to the canonical name. */
const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

export const algorithm: ValueKind<string> = {
  name: 'hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384 or hmac-sha512',
  arity: 'one',
  quoted: true,
  parse(args) {
    const t = one(args).toLowerCase();
    const short = t.startsWith('hmac-') ? t.slice(5) : t;
    if (!ALGORITHMS.includes(short)) throw new ValueError(`bad tsig key algorithm ${one(args)}`);
    return `hmac-${short}`;
  },
  show: (v) => v,
};

/** min-expire-time: seconds or the literal refresh+retry+1. */
export const expire: ValueKind<number | 'refresh+retry+1'> = {
  name: 'a number of seconds or refresh+retry+1',
  arity: 'one',
  quoted: false,
  parse(args) {
    const t = one(args);
    if (t === 'refresh+retry+1') return t;
    if (/^\d+$/.test(t)) return Number(t);
    throw new ValueError(`expected an expire time in seconds or "refresh+retry+1", not '${t}'`);
  },
  show: (v) => String(v),
};

/** Words after the option up to the next option: cpu-affinity numbers ("0 1" or 0 1). */
export const cpus: ValueKind<readonly number[]> = {
  name: 'CPU numbers',
  arity: 'rest',
  quoted: false,
  parse(args) {
    const words = args.flatMap((a) => a.text.split(/[ \t]+/).filter((w) => w !== ''));
    if (words.length === 0) throw new ValueError('expected one or more CPU numbers');
    return words.map(digits);
  },
  show: (v) => v.join(' '),
};

/** verifier: a command and its arguments. */
export const command: ValueKind<readonly string[]> = {
  name: 'a command and its arguments',
  arity: 'rest',
  quoted: false,
  parse(args) {
    if (args.length === 0) throw new ValueError('expected a command');
    return args.map((a) => a.text);
  },
  show: (v) => v.map((w) => `"${w}"`).join(' '),
};
