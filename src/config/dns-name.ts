// Domain names as the config uses them (zone, key and tls-auth names): validate, label, compare.
// config/ imports nothing of tsdns, so this is a small presentation-format reader (RFC 1035 5.1).

/** A validated name: its labels (presentation text, root excluded) and a canonical comparison key. */
export interface DnsName {
  /** Labels left to right, in presentation form (as NSD's wirelabel2str prints them). */
  readonly labels: readonly string[];
  /** The labels lower-cased (ASCII), as NSD's dname_parse stores them. */
  readonly lowerLabels: readonly string[];
  /** Lower-cased, fully qualified presentation form ("example.com.", "." for the root). */
  readonly key: string;
}

/** Presentation text of one label's bytes: specials escaped, non-printables as \DDD. */
function labelText(bytes: readonly number[]): string {
  let s = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9_-]/.test(ch)) s += ch;
    else if (ch === '.' || ch === '\\') s += `\\${ch}`;
    else if (b <= 0x20 || b >= 0x7f) s += `\\${String(b).padStart(3, '0')}`;
    else s += ch;
  }
  return s;
}

/** The octets of one character (config text is UTF-8). */
function utf8(c: string): number[] {
  const code = c.charCodeAt(0);
  return code < 0x80 ? [code] : [...new TextEncoder().encode(c)];
}

/** Split a presentation name into label byte arrays; a string describes the error. */
function splitLabels(text: string): number[][] | string {
  const labels: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '.') {
      if (cur.length === 0) return 'empty label';
      labels.push(cur);
      cur = [];
    } else if (c === '\\') {
      const ddd = /^\d{3}/.exec(text.slice(i + 1));
      if (ddd) {
        const v = Number(ddd[0]);
        if (v > 255) return `bad escape \\${ddd[0]}`;
        cur.push(v);
        i += 3;
      } else if (i + 1 < text.length) {
        cur.push(...utf8(text[++i] as string));
      } else return 'backslash at end of name';
    } else {
      cur.push(...utf8(c));
    }
  }
  if (cur.length > 0) labels.push(cur);
  return labels;
}

/**
 * Parse a domain name as written in nsd.conf (trailing dot optional, "." is the root).
 * Returns a message instead of a name when it is not a valid name (RFC 1035 2.3.4 limits).
 */
export function parseDnsName(text: string): DnsName | string {
  if (text === '') return 'empty name';
  if (text === '.') return { labels: [], lowerLabels: [], key: '.' };
  const split = splitLabels(text);
  if (typeof split === 'string') return split;
  let wire = 1;
  for (const l of split) {
    if (l.length > 63) return 'label longer than 63 octets';
    wire += l.length + 1;
  }
  if (wire > 255) return 'name longer than 255 octets';
  const lower = split.map((l) => l.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b)));
  const lowerLabels = lower.map(labelText);
  return { labels: split.map(labelText), lowerLabels, key: `${lowerLabels.join('.')}.` };
}

/** True when two names are the same domain name (case-insensitive, trailing dot optional). */
export function sameDnsName(a: string, b: string): boolean {
  const x = parseDnsName(a);
  const y = parseDnsName(b);
  if (typeof x === 'string' || typeof y === 'string') return a === b;
  return x.key === y.key;
}
