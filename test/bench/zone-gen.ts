// The bench's zones and dnsperf query mix, generated into a temp dir so every run measures the same shapes.
import fs from 'node:fs';

export const LOAD_ZONE = 'bench.test';
export const BIG_ZONE = 'big.test';

/** How the query-load zone's names are split (fractions of the total); the rest are hosts. */
const ALIAS_SHARE = 0.1;
const DELEG_SHARE = 0.05;
const WILD_SHARE = 0.01;

export interface LoadZoneShape {
  readonly hosts: number;
  readonly aliases: number;
  readonly delegations: number;
  readonly wildcards: number;
}

/** Splits `names` owner names into hosts, CNAMEs, delegations (each with one glue name) and wildcards. */
export function loadZoneShape(names: number): LoadZoneShape {
  const aliases = Math.max(1, Math.round(names * ALIAS_SHARE));
  const delegations = Math.max(1, Math.round(names * DELEG_SHARE));
  const wildcards = Math.max(1, Math.round(names * WILD_SHARE));
  // A delegation owns two names (the cut and its glue); a wildcard two (the parent and the `*`).
  const hosts = Math.max(1, names - aliases - 2 * delegations - 2 * wildcards);
  return { hosts, aliases, delegations, wildcards };
}

function apexLines(origin: string, serial: number): string[] {
  return [
    `$ORIGIN ${origin}.`,
    '$TTL 3600',
    `@ SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`,
    '@ NS ns1',
    '@ NS ns2',
    '@ MX 10 mail',
    'ns1 A 192.0.2.1',
    'ns1 AAAA 2001:db8::1',
    'ns2 A 192.0.2.2',
    'mail A 192.0.2.25',
  ];
}

/** Host i: an A always; AAAA, MX and TXT on fixed fractions so the query mix can ask for what exists. */
function hostLines(i: number): string[] {
  const a = `192.0.${(i >> 8) & 0xff}.${i & 0xff}`;
  const out = [`host${i} A ${a}`];
  if (i % 2 === 0) out.push(`host${i} AAAA 2001:db8::${i.toString(16)}`);
  if (i % 4 === 0) out.push(`host${i} MX 10 mail`);
  if (i % 4 === 0) out.push(`host${i} TXT "v=spf1 ip4:${a} -all" "host ${i}"`);
  return out;
}

/** Writes the query-load zone file and returns its shape. */
export function writeLoadZone(file: string, names: number): LoadZoneShape {
  const shape = loadZoneShape(names);
  const lines = apexLines(LOAD_ZONE, 1);
  for (let i = 0; i < shape.hosts; i++) lines.push(...hostLines(i));
  for (let i = 0; i < shape.aliases; i++) lines.push(`alias${i} CNAME host${i % shape.hosts}`);
  for (let i = 0; i < shape.delegations; i++) {
    lines.push(`deleg${i} NS ns.deleg${i}`, `deleg${i} NS ns.example.net.`, `ns.deleg${i} A 198.51.100.${i & 0xff}`);
  }
  for (let i = 0; i < shape.wildcards; i++) {
    lines.push(`wild${i} A 203.0.113.1`, `*.wild${i} A 203.0.113.${i & 0xff}`, `*.wild${i} TXT "wildcard ${i}"`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return shape;
}

/** The big zone's record mix: one A per name, one PTR per name under ip6.arpa, or a mix of the common types. */
export type BigKind = 'a' | 'ptr' | 'mixed';
export const BIG_KINDS: readonly BigKind[] = ['a', 'ptr', 'mixed'];

/** The reverse zone of 2001:db8::/32 (RFC 3596 2.5): 8 nibble labels, so each owner below it has 24. */
export const BIG_PTR_ZONE = '8.b.d.0.1.0.0.2.ip6.arpa';

/** The zone name the big zone of a kind is served under. */
export function bigZoneName(kind: BigKind): string {
  return kind === 'ptr' ? BIG_PTR_ZONE : BIG_ZONE;
}

/** What one name of the big zone holds, for the report. */
export function bigKindText(kind: BigKind): string {
  if (kind === 'ptr') return `${BIG_PTR_ZONE}, one PTR record per name (a 24-nibble relative owner, an absolute target)`;
  if (kind === 'mixed') return `${BIG_ZONE}, a mix per ten names: six hosts (A; AAAA on every other one; MX and TXT on one), two CNAMEs, a delegation (two NS) and its glue A`;
  return `${BIG_ZONE}, one A record per name`;
}

function reverseApexLines(serial: number): string[] {
  return [`$ORIGIN ${BIG_PTR_ZONE}.`, '$TTL 3600', `@ SOA ns1.big.test. hostmaster.big.test. ${serial} 7200 3600 1209600 300`, '@ NS ns1.big.test.', '@ NS ns2.big.test.'];
}

const HEX = '0123456789abcdef';
/** The 16 nibble labels of the address's upper 64 bits below the /32 (all zero here), owner order. */
const ZERO_NIBBLES = '.0'.repeat(16);

/** Name i's line(s) of the given kind. */
function bigLines(kind: BigKind, i: number): string {
  if (kind === 'a') return `n${i} A 10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}\n`;
  if (kind === 'ptr') {
    // 2001:db8::<i> written as the reverse owner: the low nibble first (RFC 3596 2.5).
    let owner = '';
    for (let k = 0; k < 8; k++) owner += (k === 0 ? '' : '.') + HEX[(i >>> (4 * k)) & 0xf];
    return `${owner}${ZERO_NIBBLES} PTR h${i}.big.test.\n`;
  }
  return mixedLines(i);
}

function mixedLines(i: number): string {
  const a = `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`;
  const slot = i % 10;
  if (slot < 6) {
    let out = `h${i} A ${a}\n`;
    if (i % 2 === 0) out += `\tAAAA 2001:db8::${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}\n`;
    if (slot === 0) out += `\tMX 10 mail\n\tTXT "v=spf1 ip4:${a} -all"\n`;
    return out;
  }
  if (slot < 8) return `c${i} CNAME h${i - slot}\n`;
  if (slot === 8) return `d${i} NS ns1.d${i}\n\tNS ns.example.net.\n`;
  return `ns1.d${i - 1} A ${a}\n`;
}

/** Writes a zone of `names` owner names of the given kind (the load and transfer test), streamed in chunks. */
export function writeBigZone(file: string, names: number, kind: BigKind = 'a'): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, (kind === 'ptr' ? reverseApexLines(1) : apexLines(BIG_ZONE, 1)).join('\n') + '\n');
    const CHUNK = 10000;
    for (let start = 0; start < names; start += CHUNK) {
      let text = '';
      const end = Math.min(names, start + CHUNK);
      for (let i = start; i < end; i++) text += bigLines(kind, i);
      fs.writeSync(fd, text);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A small deterministic PRNG (mulberry32) so the mix is the same in every run and for every server. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kinds of question in the realistic mix and their weights (percent). */
export const MIX_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['A', 40],
  ['AAAA', 10],
  ['MX', 5],
  ['TXT', 5],
  ['NXDOMAIN', 10],
  ['NODATA', 8],
  ['wildcard', 8],
  ['referral', 7],
  ['CNAME', 7],
];

function pick(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** One dnsperf input line ("name type") for a question of the given kind. */
function mixLine(kind: string, shape: LoadZoneShape, rand: () => number): string {
  const z = LOAD_ZONE;
  const even = (): number => 2 * pick(rand, Math.ceil(shape.hosts / 2));
  const quad = (): number => 4 * pick(rand, Math.ceil(shape.hosts / 4));
  switch (kind) {
    case 'A': return `host${pick(rand, shape.hosts)}.${z} A`;
    case 'AAAA': return `host${even()}.${z} AAAA`;
    case 'MX': return `host${quad()}.${z} MX`;
    case 'TXT': return `host${quad()}.${z} TXT`;
    // A bounded set of missing names, so the floor server can hold an answer for each of them.
    case 'NXDOMAIN': return `nx${pick(rand, 5000)}.${z} A`;
    case 'NODATA': return `host${pick(rand, shape.hosts)}.${z} SRV`;
    case 'wildcard': return `w${pick(rand, 50)}.wild${pick(rand, shape.wildcards)}.${z} ${rand() < 0.8 ? 'A' : 'TXT'}`;
    case 'referral': return `www.deleg${pick(rand, shape.delegations)}.${z} A`;
    case 'CNAME': return `alias${pick(rand, shape.aliases)}.${z} A`;
    default: throw new Error(`unknown mix kind ${kind}`);
  }
}

/** Writes `count` dnsperf lines of the realistic mix, shuffled by weight with a fixed seed. */
export function writeQueryMix(file: string, shape: LoadZoneShape, count: number, seed = 7): void {
  const rand = prng(seed);
  const total = MIX_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    let r = rand() * total;
    let kind = MIX_WEIGHTS[0][0];
    for (const [k, w] of MIX_WEIGHTS) {
      if (r < w) {
        kind = k;
        break;
      }
      r -= w;
    }
    lines.push(mixLine(kind, shape, rand));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Writes `count` dnsperf lines of A queries for existing hosts only (the reference load). */
export function writeAMix(file: string, shape: LoadZoneShape, count: number, seed = 11): void {
  const rand = prng(seed);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) lines.push(mixLine('A', shape, rand));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}
