// TTL values in zone files: digits with optional s/m/h/d/w units (BIND and NSD syntax, RFC 1035 5.1 plus units).

/** Largest TTL a record may carry (RFC 2181 8: the top bit must be zero). */
export const MAX_TTL = 0x7fffffff;

/** NSD's default TTL when neither $TTL nor the record gives one (zonec.c opens zones with 3600). */
export const DEFAULT_TTL = 3600;

function unitOf(c: number): number {
  switch (c | 0x20) {
    case 0x73: return 1; // s
    case 0x6d: return 60; // m
    case 0x68: return 3600; // h
    case 0x64: return 86400; // d
    case 0x77: return 604800; // w
    default: return -1;
  }
}

/**
 * Reads a TTL the way NSD's strtottl does: digits accumulate, a unit letter (any case) multiplies what
 * came before it and adds it to the sum, trailing digits are seconds ("1h30" is 3630, a lone "h" is 0).
 * Arithmetic wraps at 2^32 like NSD's uint32_t. Returns -1 when the text is not a TTL at all.
 */
export function parseTtl(text: string): number {
  return parseTtlRange(text, 0, text.length);
}

/** parseTtl of text[from, to), without slicing it (the zone file fast path reads TTLs in place). */
export function parseTtlRange(text: string, from: number, to: number): number {
  if (to <= from) return -1;
  let seconds = 0;
  let cur = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      cur = (cur * 10 + (c - 0x30)) >>> 0;
      continue;
    }
    const mult = c > 0x7f ? -1 : unitOf(c);
    if (mult < 0) return -1;
    seconds = (seconds + cur * mult) >>> 0;
    cur = 0;
  }
  return (seconds + cur) >>> 0;
}

/** Renders seconds as a plain number, the form nsd-checkzone -p prints. */
export function ttlToText(ttl: number): string {
  return String(ttl >>> 0);
}
