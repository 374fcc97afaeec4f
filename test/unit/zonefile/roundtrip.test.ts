// parse(write(records)) == records for generated records: any octet in names and strings survives the text form.
import t from 'tap';
import fc from 'fast-check';
import { CLASS, nameFromLabels, parseName, type Name, type ResourceRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource, parseZone, recordToText, writeZone } from '../../../src/zonefile/index.js';

const ORIGIN = parseName('example.com.', null);

const label = fc.uint8Array({ minLength: 1, maxLength: 12 });
/** Any name (rdata targets may be anywhere). */
const anyName = fc.array(label, { maxLength: 4 }).map((ls) => nameFromLabels(ls));
/** A name in the zone (owners must be). */
const ownerName = fc.array(label, { maxLength: 3 }).map((ls) => nameFromLabels([...ls, ...['example', 'com'].map((s) => Buffer.from(s))]));

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

function be(n: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = bytes - 1; i >= 0; i--) out.push(Math.floor(n / 2 ** (8 * i)) % 256);
  return out;
}
const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const str = (b: Uint8Array): number[] => [b.length, ...b];
const charString = fc.uint8Array({ maxLength: 40 });

const rdataOf: fc.Arbitrary<[number, Uint8Array]> = fc.oneof(
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b): [number, Uint8Array] => [1, b]),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b): [number, Uint8Array] => [28, b]),
  fc.tuple(fc.constantFrom(2, 5, 12, 39), anyName).map(([ty, n]): [number, Uint8Array] => [ty, n.wire]),
  fc.tuple(u16, anyName).map(([p, n]): [number, Uint8Array] => [15, bytes(be(p, 2), n.wire)]),
  fc.array(charString, { minLength: 1, maxLength: 4 }).map((ss): [number, Uint8Array] => [16, bytes(...ss.map(str))]),
  fc.tuple(charString, charString).map(([a, b]): [number, Uint8Array] => [13, bytes(str(a), str(b))]),
  fc.tuple(anyName, anyName, fc.array(u32, { minLength: 5, maxLength: 5 })).map(([m, r, ns]): [number, Uint8Array] => [
    6, bytes(m.wire, r.wire, ...ns.map((n) => be(n, 4))),
  ]),
  fc.tuple(u16, u16, u16, anyName).map(([a, b, c, n]): [number, Uint8Array] => [33, bytes(be(a, 2), be(b, 2), be(c, 2), n.wire)]),
  fc.tuple(u16, u8, u8, fc.uint8Array({ minLength: 1, maxLength: 48 })).map(([k, a, d, h]): [number, Uint8Array] => [43, bytes(be(k, 2), [a, d], h)]),
  fc.tuple(fc.integer({ min: 65280, max: 65534 }), fc.uint8Array({ maxLength: 30 })).map(([ty, b]): [number, Uint8Array] => [ty, b]),
);

const record: fc.Arbitrary<ResourceRecord> = fc
  .tuple(ownerName, fc.integer({ min: 0, max: 0x7fffffff }), rdataOf)
  .map(([owner, ttl, [type, rdata]]) => ({ owner, ttl, class: CLASS.IN, type, rdata }));

function reparse(text: string): { records: ResourceRecord[]; problems: ZoneProblem[] } {
  const problems: ZoneProblem[] = [];
  const source = new MemoryZoneSource({ 'zone.db': text });
  const records = [...parseZone({ file: 'zone.db', origin: ORIGIN, source, onProblem: (p) => problems.push(p) })].map((p) => p.record);
  return { records, problems };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** Exact comparison: names keep their case, rdata octet for octet. */
const flat = (r: ResourceRecord): string => `${hex(r.owner.wire)} ${r.ttl} ${r.class} ${r.type} ${hex(r.rdata)}`;

t.test('parse(write(records)) gives the same records, octet for octet', async (t) => {
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), (records) => {
      const text = writeZone(records, { origin: ORIGIN });
      const back = reparse(text);
      if (back.problems.length > 0) throw new Error(`${back.problems[0].message} in:\n${text}`);
      return JSON.stringify(back.records.map(flat)) === JSON.stringify(records.map(flat));
    }),
    { numRuns: 400 },
  );
  t.pass('400 generated zones round-tripped');
});

t.test('one record per line: absolute owner, TTL, class, type, rdata, tab separated', async (t) => {
  const owner: Name = parseName('a\\ b.Example.COM.', null);
  const line = recordToText({ owner, ttl: 300, class: CLASS.IN, type: 16, rdata: Uint8Array.from([2, 0x22, 0x3b]) });
  t.equal(line, 'a\\032b.Example.COM.\t300\tIN\tTXT\t"\\";"');
  t.equal(writeZone([]), '');
  t.equal(writeZone([], { origin: ORIGIN }), '$ORIGIN example.com.\n');
});

t.test('rdata its type cannot print (malformed) is written in the RFC 3597 form instead of throwing', async (t) => {
  const rr: ResourceRecord = { owner: ORIGIN, ttl: 1, class: CLASS.IN, type: 1, rdata: Uint8Array.from([1, 2, 3]) };
  t.equal(writeZone([rr]), 'example.com.\t1\tIN\tA\t\\# 3 010203\n');
  const back = reparse(writeZone([rr]));
  t.same(back.problems.map((p) => p.code), ['RDATA_SYNTAX'], 'and the reader still refuses it');
});
