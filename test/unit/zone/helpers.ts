// Test helpers: hand-made records (a tiny rdata encoder for the types the zone tests use).
import { parseName, type Name, type PositionedRecord, type ResourceRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { buildZone, type ZoneContents } from '../../../src/zone/index.js';

export const TYPES: Record<string, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28, DNAME: 39, DS: 43, RRSIG: 46, NSEC: 47, KEY: 25, NSEC3: 50,
};

export const ORIGIN = parseName('example.com.', null);

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function nameBytes(text: string, origin: Name): number[] {
  return Array.from(parseName(text, origin).wire);
}

/** Rdata for the few types used here; other types take raw hex (`\# hex`). */
export function rdata(type: string, text: string, origin: Name = ORIGIN): Uint8Array {
  const f = text.split(/\s+/).filter((x) => x.length > 0);
  switch (type) {
    case 'A':
      return Uint8Array.from(f[0].split('.').map(Number));
    case 'NS':
    case 'CNAME':
    case 'DNAME':
      return Uint8Array.from(nameBytes(f[0], origin));
    case 'MX':
      return Uint8Array.from([0, Number(f[0]), ...nameBytes(f[1], origin)]);
    case 'TXT':
      return Uint8Array.from([f[0].length, ...Array.from(f[0], (c) => c.charCodeAt(0))]);
    case 'SOA':
      return Uint8Array.from([...nameBytes(f[0], origin), ...nameBytes(f[1], origin), ...f.slice(2).flatMap((x) => u32(Number(x)))]);
    default:
      return Uint8Array.from(Buffer.from(f.slice(1).join(''), 'hex'));
  }
}

/** `owner ttl type rdata...` with owner relative to example.com. unless absolute. */
export function rr(line: string, klass = 1): ResourceRecord {
  const [owner, ttl, type, ...rest] = line.split(/\s+/);
  return { owner: parseName(owner, ORIGIN), type: TYPES[type], class: klass, ttl: Number(ttl), rdata: rdata(type, rest.join(' ')) };
}

export const SOA = '@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 3600';
export const BASE = [SOA, '@ 3600 NS ns1', 'ns1 3600 A 192.0.2.1'];

export function positioned(lines: readonly string[]): PositionedRecord[] {
  return lines.map((l, i) => ({ record: rr(l), file: 'test.zone', line: i + 1, col: 1 }));
}

export interface Built {
  zone: ZoneContents | undefined;
  problems: ZoneProblem[];
}

export function build(lines: readonly string[], origin: Name = ORIGIN): Built {
  const problems: ZoneProblem[] = [];
  const zone = buildZone(origin, positioned(lines), (p) => problems.push(p), { endFile: 'test.zone', endLine: lines.length + 1 });
  return { zone, problems };
}

export function mustBuild(lines: readonly string[]): ZoneContents {
  const b = build(lines);
  if (!b.zone) throw new Error('zone did not build: ' + b.problems.map((p) => p.message).join('; '));
  return b.zone;
}

export function n(text: string): Name {
  return parseName(text, ORIGIN);
}
