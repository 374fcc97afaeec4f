// The loader's fast path (zonefile/fast-line.ts) against the general parser: same records, positions, problems, zones.
import t from 'tap';
import fc from 'fast-check';
import { nameToText, parseName, rdataToText, type ZoneProblem } from '../../../src/wire/index.js';
import { buildZone, ZoneBuilder, type ZoneContents } from '../../../src/zone/index.js';
import { MemoryZoneSource, parseZone, parseZoneInto } from '../../../src/zonefile/index.js';
import { fastTypesSeen, HEAD, lastFastCount, parseText } from './support.js';

const OWNERS = ['a', 'B', 'www', 'Mail.Sub', 'x-y_z', '*', '*.w', 'n0', 'a..b', 'a.', 'example.com.', 'x.example.com.', 'Y.Sub.Example.COM.', 'other.net.', 'com.', 'a.example.com.evil.', '.', '@', 'a\\.b', 'é', 'a(b', 'x;c', '$x', 'A'.repeat(63), 'a'.repeat(64)];
const TTLS = ['', '0', '300', '1h', '1H30m', '2147483647', '2147483648', '4294967296', '010'];
const CLASSES = ['', 'IN', 'in', 'CH', 'CLASS1'];
const TYPES = ['A', 'a', 'AAAA', 'aaaa', 'NS', 'ns', 'CNAME', 'PTR', 'ptr', 'DNAME', 'MX', 'Mx', 'TXT', 'txt', 'TYPE1', 'SOA', 'NS(', 'AA'];
const ADDRS = ['192.0.2.1', '10.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 5', '"1.2.3.4"', '\\# 4 01020304', '( 1.2.3.4 )', '1.2.3.4;c', '::1', ''];
const ADDRS6 = ['2001:db8::1', '::', '::1', '1::', 'FE80::A:b', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1::2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:::2', ':1::', '1:2', '1:', '00001::', '0000::ffff', '::ffff:1.2.3.4', 'g::1', '1::2::3', '2001:db8::1;c', '"::1"', '::1 x'];
// Names in rdata: relative, absolute, case, and every kind the general parser must read instead.
// 242 octets: with example.com. exactly 255, with sub.example.com. over; absolute, 243; with 13 more, 256.
const LONG = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(58)}`;
const NAMES = ['ns1', 'NS1.Example.COM.', 'a.b', 'x.example.net.', 'x.example.net', '*', '*.w', '.', '@', 'a.@', 'a..b', 'a\\.b', '$x', 'a$', 'é.x.', 'A'.repeat(63), 'a'.repeat(64), LONG, `${LONG}.`, `${LONG}.${'e'.repeat(12)}.`, 'x;c', 'x(y', '"q"', '', 'a b'];
const MXS = ['10 mail', '0 Mail.Example.NET.', '65535 mx.', '65536 m', '010 m', '000010 m', 'x m', '10', '10\tm', '10;c m', '1 @', '1 "m"'];
const TXTS = ['"a"', '"v=spf1 -all"', '"a" "b"', '"a"\t"B c"', '"a""b"', '"a"b', 'plain', '""', '"a;b(c)"', '"tab\there"', '"esc\\"x"', '"x', `"${'x'.repeat(255)}"`, `"${'x'.repeat(256)}"`, '"é"', '"a" ;c', '"a" x', '"a"(', '"a" "b" "c" "d"', '"a\rb"'];
const POOLS: Record<string, readonly string[]> = { A: ADDRS, AAAA: ADDRS6, NS: NAMES, CNAME: NAMES, PTR: NAMES, DNAME: NAMES, MX: MXS, TXT: TXTS };
const ALL_RDATA = [ADDRS, ADDRS6, NAMES, MXS, TXTS];
const GAPS = [' ', '\t', '  \t'];
const ENDS = ['\n', ' \n', ' ; comment\n', ';c "(\\\n', '\r\n', ' ;x\ry\n'];
const DIRECTIVES = ['$TTL 60\n', '$TTL 1d\n', '$ORIGIN sub.example.com.\n', '$ORIGIN Sub.EXAMPLE.com.\n', '$ORIGIN other.net.\n', '$ORIGIN example.com.\n', 'p ( A\n 192.0.2.7 )\n', 't TXT "two\nlines"\n', '\n', '; only a comment\n'];

/** Rdata for a type: mostly from its own pool, sometimes another type's (which must fail the same way on both paths). */
function rdataFor(type: string, own: boolean, k: number, j: number): string {
  const pool = (own ? POOLS[type.toUpperCase()] : undefined) ?? ALL_RDATA[k % ALL_RDATA.length];
  return pool[j % pool.length];
}

const gap = fc.constantFrom(...GAPS);

/** One record line, most of them ones the fast path takes, some it must leave to the general parser. */
const recordLine = fc
  .tuple(fc.oneof(fc.constantFrom(...OWNERS), fc.constant('')), gap, fc.constantFrom(...TTLS), fc.constantFrom(...CLASSES), fc.boolean(), fc.constantFrom(...TYPES), gap, fc.tuple(fc.nat(9) .map((x) => x > 0), fc.nat(99), fc.nat(999)), fc.constantFrom(...ENDS))
  .map(([owner, g, ttl, cls, classFirst, type, g2, [own, k, j], end]) => {
    const head = (classFirst ? [cls, ttl] : [ttl, cls]).filter((x) => x !== '');
    return [owner, ...head, type].join(g) + g2 + rdataFor(type, own, k, j) + end;
  });

/** A line that loads: the builder then sees the records and checks them. */
const GOOD_TYPES = ['A', 'a', 'CNAME x', 'CNAME X.example.NET.', 'TXT "t"', 'TXT "t" "u"', 'TXT "T"', 'AAAA 2001:db8::1', 'AAAA 2001:DB8:0::1', 'NS ns1', 'NS Ns1', 'NS ns.example.net.', 'MX 10 mail', 'MX 10 Mail', 'MX 20 mail', 'PTR host.', 'PTR Host.', 'DNAME y.example.net.'];
const goodLine = fc
  .tuple(fc.constantFrom('', 'a', 'B', 'Mail.Sub', '*.w', 'n0', 'c', 'C', 'd.example.com.', 'D.Example.Com.'), fc.constantFrom('', '60', '1h'), fc.constantFrom('', 'IN'), fc.constantFrom(...GOOD_TYPES), fc.constantFrom('192.0.2.1', '192.0.2.2', '10.0.0.0'), fc.constantFrom('\n', ' ; c\n', '\r\n'))
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
  t.same([...fastTypesSeen].sort((a, b) => a - b), [1, 2, 5, 12, 15, 16, 28, 39], 'A NS CNAME PTR MX TXT AAAA DNAME all took it');
});

t.test('a plain line is taken by the fast path with its TTL, class and position', async (t) => {
  const r = parseText(HEAD + 'www 300 IN A 192.0.2.80 ; web\nWWW\tin 60\ta 192.0.2.81\n\tA 192.0.2.82\n');
  t.equal(lastFastCount, 4, 'ns1 of HEAD and the three lines');
  t.same(r.lines.slice(-3), ['www.example.com. 300 1 1 c0000250', 'WWW.example.com. 60 1 1 c0000251', 'WWW.example.com. 3600 1 1 c0000252']);
  t.same(r.records.slice(-3).map((x) => `${x.line}:${x.col}`), ['5:1', '6:1', '7:1']);
});

t.test('AAAA, NS, CNAME, PTR, DNAME, MX and TXT lines take the fast path; names keep their case', async (t) => {
  const body = [
    'h AAAA 2001:DB8::a:1',
    '\tMX 10 Mail ; relative, completed with the origin',
    'h 60 IN TXT "v=spf1 -all" "two"',
    'd IN 60 NS NS.Example.NET.',
    'c CNAME h',
    '1.0 PTR host.Example.com.',
    'R.example.com. DNAME r.example.net.',
  ].join('\n');
  const r = parseText(HEAD + body + '\n');
  t.equal(lastFastCount, 1 + 7, 'ns1 of HEAD and the seven');
  t.same(r.lines.slice(-7), [
    'h.example.com. 3600 1 28 20010db80000000000000000000a0001',
    'h.example.com. 3600 1 15 000a044d61696c076578616d706c6503636f6d00',
    'h.example.com. 60 1 16 0b763d73706631202d616c6c0374776f',
    'd.example.com. 60 1 2 024e53074578616d706c65034e455400',
    'c.example.com. 3600 1 5 0168076578616d706c6503636f6d00',
    '1.0.example.com. 3600 1 12 04686f7374074578616d706c6503636f6d00',
    'R.example.com. 3600 1 39 0172076578616d706c65036e657400',
  ]);
});

t.test('an absolute owner outside the zone and odd rdata still get the general parser’s errors', async (t) => {
  const r = parseText(HEAD + 'x.example.net. AAAA ::1\ny MX 65536 m\nz TXT "a\n');
  t.same(r.where.map((w) => w.replace(/:\d+$/, '')), ['error OUT_OF_ZONE 5', 'error RDATA_SYNTAX 6', 'error UNCLOSED_QUOTE 7']);
});

t.test('TXT at the fast path rdata limit: 4,095 octets and an empty string fit, 4,096 and one go to the general parser', async (t) => {
  const strings = (n: number, last: number): string => [...Array.from({ length: n }, () => `"${'y'.repeat(255)}"`), `"${'y'.repeat(last)}"`, '""'].join(' ');
  const fits = parseText(HEAD + `x TXT ${strings(15, 254)}\n`); // throws if the two paths differ
  t.equal(lastFastCount, 2, 'ns1 of HEAD and the TXT');
  t.equal(fits.lines.at(-1)?.split(' ')[4].length, 2 * 4096);
  const over = parseText(HEAD + `x TXT ${strings(15, 255)}\n`);
  t.equal(lastFastCount, 1, 'only ns1 of HEAD');
  t.equal(over.lines.at(-1)?.split(' ')[4].length, 2 * 4097);
});

t.test('lines the fast path leaves alone still get the general parser’s errors, in file order', async (t) => {
  const r = parseText(HEAD + 'a A 192.0.2.1\nb A 01.2.3.4\nc A 192.0.2.3\nd 2147483648 A 192.0.2.4\n');
  t.same(r.where.map((w) => w.replace(/ [A-Z_]+ /, ' ')), ['error 6:5', 'warning 8:3']);
  t.equal(r.problems[1]?.code, 'TTL_TOO_LARGE');
  t.equal(r.records.length, 6);
});

function zoneText(z: ZoneContents | undefined): string {
  if (!z) return 'no zone';
  return [...z.records()].map((r) => `${nameToText(r.owner)} ${r.ttl} ${r.type} ${rdataToText(r.type, r.rdata)} ${Buffer.from(r.rdata).toString('hex')}`).join('\n');
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
