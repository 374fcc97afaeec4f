// IPv4 and IPv6 address text forms (RFC 1035 3.4.1, RFC 4291 2.2), parsed and printed like inet_pton/inet_ntop.

/**
 * A strict dotted quad: four decimal octets, no leading zeros (as inet_pton); undefined when malformed.
 * One pass over the char codes: a big zone has one per A record, and split + regex + Number per octet
 * was a tenth of the time to load a million of them (issue 7).
 */
export function parseIpv4(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x2e; // a dot after the end closes the last octet
    if (c === 0x2e) {
      if (digits === 0 || part === 4) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && value === 0) return undefined; // a leading zero
      value = value * 10 + (c - 0x30);
      if (++digits > 3 || value > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return part === 4 ? out : undefined;
}

export function formatIpv4(b: Uint8Array, p: number): string {
  return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}

function parseGroups(text: string, allowV4: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (allowV4 && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIpv4(p);
      if (!v4) return undefined;
      out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(parseInt(p, 16));
    }
  }
  return out;
}

/**
 * Every RFC 4291 2.2 text form: eight groups of 1-4 hex digits, one `::` for a run of zero groups,
 * and an embedded dotted quad as the last 32 bits. Undefined when malformed.
 */
export function parseIpv6(text: string): Uint8Array | undefined {
  const dbl = text.indexOf('::');
  let groups: number[] | undefined;
  if (dbl < 0) {
    groups = parseGroups(text, true);
    if (!groups || groups.length !== 8) return undefined;
  } else {
    if (text.indexOf('::', dbl + 1) >= 0) return undefined;
    const head = parseGroups(text.slice(0, dbl), false);
    const tail = parseGroups(text.slice(dbl + 2), true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i] >> 8;
    out[2 * i + 1] = groups[i] & 0xff;
  }
  return out;
}

/**
 * The address as glibc's inet_ntop prints it (what NSD shows): lower-case hex without leading zeros,
 * the first longest run of two or more zero groups as `::`, and a trailing dotted quad for the
 * IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) forms.
 */
export function formatIpv6(b: Uint8Array, p: number): string {
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push((b[p + 2 * i] << 8) | b[p + 2 * i + 1]);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) best = -1;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      s += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    if (i === 6 && best === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
      return s + formatIpv4(b, p + 12);
    }
    s += w[i].toString(16) + (i < 7 ? ':' : '');
  }
  return s;
}
