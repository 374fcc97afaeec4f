// The loader's fast path (zonefile/fast-line.ts) against the general parser: same records, positions, problems, zones.
import t from 'tap';
import fc from 'fast-check';
import { nameToText, parseName, rdataToText, type ZoneProblem } from '../../../src/wire/index.js';
import { buildZone, ZoneBuilder, type ZoneContents } from '../../../src/zone/index.js';
import { MemoryZoneSource, parseZone, parseZoneInto } from '../../../src/zonefile/index.js';
import { HEAD, lastFastCount, parseText } from './support.js';

const OWNERS = ['a', 'B', 'www', 'Mail.Sub', 'x-y_z', '*', '*.w', 'n0', 'a..b', 'a.', 'example.com.', '@', 'a\\.b', 'é', 'a(b', 'x;c', '$x', 'A'.repeat(63), 'a'.repeat(64)];
const TTLS = ['', '0', '300', '1h', '1H30m', '2147483647', '2147483648', '4294967296', '010'];
const CLASSES = ['', 'IN', 'in', 'CH', 'CLASS1'];
const TYPES = ['A', 'a', 'AAAA', 'TXT', 'TYPE1', 'NS', 'A(', 'AA'];
const ADDRS = ['192.0.2.1', '10.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 5', '"1.2.3.4"', '\\# 4 01020304', '( 1.2.3.4 )', '1.2.3.4;c', '::1', ''];
const GAPS = [' ', '\t', '  \t'];
const ENDS = ['\n', ' \n', ' ; comment\n', ';c "(\\\n', '\r\n', ' ;x\ry\n'];
const DIRECTIVES = ['$TTL 60\n', '$TTL 1d\n', '$ORIGIN sub.example.com.\n', '$ORIGIN other.net.\n', '$ORIGIN example.com.\n', 'p ( A\n 192.0.2.7 )\n', '\n', '; only a comment\n'];

const gap = fc.constantFrom(...GAPS);

/** One record line, most of them ones the fast path takes, some it must leave to the general parser. */
const recordLine = fc
  .tuple(fc.oneof(fc.constantFrom(...OWNERS), fc.constant('')), gap, fc.constantFrom(...TTLS), fc.constantFrom(...CLASSES), fc.boolean(), fc.constantFrom(...TYPES), gap, fc.constantFrom(...ADDRS), fc.constantFrom(...ENDS))
  .map(([owner, g, ttl, cls, classFirst, type, g2, addr, end]) => {
    const head = (classFirst ? [cls, ttl] : [ttl, cls]).filter((x) => x !== '');
    return [owner, ...head, type].join(g) + g2 + addr + end;
  });

/** A line that loads: the builder then sees the records and checks them. */
const goodLine = fc
  .tuple(fc.constantFrom('', 'a', 'B', 'Mail.Sub', '*.w', 'n0', 'c', 'C'), fc.constantFrom('', '60', '1h'), fc.constantFrom('', 'IN'), fc.constantFrom('A', 'a', 'CNAME x', 'TXT "t"'), fc.constantFrom('192.0.2.1', '192.0.2.2', '10.0.0.0'), fc.constantFrom('\n', ' ; c\n', '\r\n'))
  .map(([owner, ttl, cls, type, addr, end]) => [owner, ttl, cls, type].filter((x, i) => i === 0 || x !== '').join(' ') + (type.length < 2 ? ` ${addr}` : '') + end);

const goodBody = fc.array(fc.oneof({ weight: 8, arbitrary: goodLine }, { weight: 1, arbitrary: fc.constantFrom('$TTL 60\n', '$ORIGIN sub.example.com.\n', '$ORIGIN example.com.\n') }), { maxLength: 30 }).map((a) => a.join(''));

const zoneBody = fc.array(fc.oneof({ weight: 6, arbitrary: recordLine }, { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES) }), { maxLength: 30 }).map((a) => a.join(''));

t.test('the fast path and the general parser read any mix of lines the same (property)', async (t) => {
  let fastSeen = 0;
  fc.assert(
    fc.property(zoneBody, fc.integer({ min: 1, max: 40 }), (body, chunkSize) => {
      parseText(HEAD + body, { chunkSize }); // throws on any difference in records, positions or problems
      fastSeen += lastFastCount;
      parseText(HEAD + body, {});
      fastSeen += lastFastCount;
    }),
    { numRuns: 3000 },
  );
  t.ok(fastSeen > 3000, `the fast path took ${fastSeen} records`);
});

t.test('a plain line is taken by the fast path with its TTL, class and position', async (t) => {
  const r = parseText(HEAD + 'www 300 IN A 192.0.2.80 ; web\nWWW\tin 60\ta 192.0.2.81\n\tA 192.0.2.82\n');
  t.equal(lastFastCount, 4, 'ns1 of HEAD and the three lines');
  t.same(r.lines.slice(-3), ['www.example.com. 300 1 1 c0000250', 'WWW.example.com. 60 1 1 c0000251', 'WWW.example.com. 3600 1 1 c0000252']);
  t.same(r.records.slice(-3).map((x) => `${x.line}:${x.col}`), ['5:1', '6:1', '7:1']);
});

t.test('lines the fast path leaves alone still get the general parser’s errors, in file order', async (t) => {
  const r = parseText(HEAD + 'a A 192.0.2.1\nb A 01.2.3.4\nc A 192.0.2.3\nd 2147483648 A 192.0.2.4\n');
  t.same(r.where.map((w) => w.replace(/ [A-Z_]+ /, ' ')), ['error 6:5', 'warning 8:3']);
  t.equal(r.problems[1]?.code, 'TTL_TOO_LARGE');
  t.equal(r.records.length, 6);
});

function zoneText(z: ZoneContents | undefined): string {
  if (!z) return 'no zone';
  return [...z.records()].map((r) => `${nameToText(r.owner)} ${r.ttl} ${r.type} ${rdataToText(r.type, r.rdata)}`).join('\n');
}

function buildBoth(text: string, chunkSize = 65536): { general: string; loader: string } {
  const origin = parseName('example.com.', null);
  const opts = (problems: ZoneProblem[]) => ({ file: 'zone.db', origin, source: new MemoryZoneSource({ 'zone.db': text }, chunkSize), onProblem: (p: ZoneProblem) => problems.push(p) });
  const gp: ZoneProblem[] = [];
  const general = buildZone(origin, parseZone(opts(gp)), (p) => gp.push(p), { endFile: 'zone.db', endLine: 99 });
  const lp: ZoneProblem[] = [];
  const b = new ZoneBuilder(origin, (p) => lp.push(p));
  parseZoneInto(opts(lp), b);
  const loader = b.finish({ endFile: 'zone.db', endLine: 99 });
  return { general: zoneText(general) + JSON.stringify(gp), loader: zoneText(loader) + JSON.stringify(lp) };
}

t.test('the zone built from the fast path is the zone built from the general parser (property)', async (t) => {
  fc.assert(
    fc.property(fc.oneof(goodBody, zoneBody), fc.constantFrom(7, 64, 65536), (body, chunkSize) => {
      const { general, loader } = buildBoth(HEAD + body, chunkSize);
      return general === loader;
    }),
    { numRuns: 1500 },
  );
  t.pass('same zones, same problems');
});

t.test('builder checks reach fast-path records: duplicates, TTL mismatch, CNAME and other data', async (t) => {
  const { general, loader } = buildBoth(HEAD + 'a A 192.0.2.1\na A 192.0.2.1\na 60 A 192.0.2.2\nc CNAME x\nc A 192.0.2.3\nC A 192.0.2.4\n');
  t.equal(loader, general);
  t.match(loader, /TTL_MISMATCH/);
  t.match(loader, /CNAME_AND_OTHER_DATA/);
});
