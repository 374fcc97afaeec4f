// Parser tests: owners, TTL/class/type order, directives, escapes and $INCLUDE, against NSD 4.6's behaviour.
import t from 'tap';
import { parseName, type PositionedRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource, parseZoneWith } from '../../../src/zonefile/index.js';
import { codec, HEAD, parseText } from './support.js';

const A = (owner: string, ttl: number, hex: string): string => `${owner} ${ttl} 1 1 ${hex}`;

/** The records after the HEAD (SOA, NS, A) lines. */
function body(text: string, o = {}): { lines: string[]; where: string[]; problems: ZoneProblem[]; records: PositionedRecord[] } {
  const r = parseText(HEAD + text, o);
  return { lines: r.lines.slice(3), where: r.where, problems: r.problems, records: r.records.slice(3) };
}

t.test('owner names', async (t) => {
  const r = body('x A 1.1.1.1\n\tA 1.1.1.2\nY.Example.COM. A 1.1.1.3\n@ A 1.1.1.4\na\\.b\\065 A 1.1.1.5\n' +
    '"q.r" A 1.1.1.6\n@x A 1.1.1.7\n* A 1.1.1.8\n');
  t.same(r.where, []);
  t.same(r.lines, [
    A('x.example.com.', 3600, '01010101'),
    A('x.example.com.', 3600, '01010102'),
    A('Y.Example.COM.', 3600, '01010103'),
    A('example.com.', 3600, '01010104'),
    A('a\\.bA.example.com.', 3600, '01010105'),
    A('q\\.r.example.com.', 3600, '01010106'),
    A('\\@x.example.com.', 3600, '01010107'),
    A('*.example.com.', 3600, '01010108'),
  ]);
});

t.test('a blank owner on the first line is the zone origin (NSD starts the previous owner there)', async (t) => {
  const r = parseText(' A 1.1.1.1\n');
  t.same(r.lines, [A('example.com.', 3600, '01010101')]);
});

t.test('TTL and class in either order, or omitted; case-insensitive mnemonics; CLASSnnn and TYPEnnn', async (t) => {
  const r = body('a 5 IN A 1.1.1.1\nb IN 6 A 1.1.1.1\nc 7 A 1.1.1.1\nd in a 1.1.1.1\ne class1 type1 1.1.1.1\n' +
    'f CLASS01 TYPE01 1.1.1.1\ng "8" "IN" "A" 1.1.1.1\nh 1w2d3h4m5s A 1.1.1.1\ni 1H30 A 1.1.1.1\nj h A 1.1.1.1\n');
  t.same(r.where, []);
  t.same(r.lines.map((l) => l.split(' ').slice(0, 2).join(' ')), [
    'a.example.com. 5', 'b.example.com. 6', 'c.example.com. 7', 'd.example.com. 3600', 'e.example.com. 3600',
    'f.example.com. 3600', 'g.example.com. 8', 'h.example.com. 788645', 'i.example.com. 3630', 'j.example.com. 0',
  ]);
});

t.test('TTL default: $TTL, else the configured default (NSD 4.6: 3600), never the SOA minimum or the last TTL', async (t) => {
  t.same(body('y 100 A 1.1.1.1\nz A 1.1.1.1\n').lines.map((l) => l.split(' ')[1]), ['100', '3600']);
  t.same(parseText(HEAD).lines.map((l) => l.split(' ')[1]), ['3600', '3600', '3600']);
  t.same(parseText(HEAD, { defaultTtl: 60 }).lines.map((l) => l.split(' ')[1]), ['60', '60', '60']);
  t.same(body('$TTL 1d\nz A 1.1.1.1\n$TTL 0\nw A 1.1.1.1\n').lines.map((l) => l.split(' ')[1]), ['86400', '0']);
});

t.test('TTLs above 2^31-1 become the default TTL with a warning; uint32 wrap as in NSD', async (t) => {
  const r = body('$TTL 100\na 2147483647 A 1.1.1.1\nb 2147483648 A 1.1.1.1\nc 99999999999 A 1.1.1.1\nd 4294967296 A 1.1.1.1\n');
  t.same(r.lines.map((l) => l.split(' ')[1]), ['2147483647', '3600', '1215752191', '0']);
  t.same(r.where, ['warning TTL_TOO_LARGE 7:3']);
});

t.test('$ORIGIN: absolute only, @ keeps it, relative names follow it, owners stay in the zone', async (t) => {
  const r = body('$ORIGIN sub.example.com.\nx A 1.1.1.1\n$ORIGIN @\ny A 1.1.1.1\n$ORIGIN Example.Com. ; back\nz A 1.1.1.1\n');
  t.same(r.where, []);
  t.same(r.lines.map((l) => l.split(' ')[0]), ['x.sub.example.com.', 'y.sub.example.com.', 'z.Example.Com.']);
});

t.test('escapes: \\DDD over 255 and a trailing backslash are warnings, as in NSD', async (t) => {
  const r = body('a\\256 A 1.1.1.1\nt TXT "\\256" "x\\\\" \\065\nu TXT end\\');
  t.same(r.lines, [
    A('a256.example.com.', 3600, '01010101'),
    't.example.com. 3600 1 16 0332353602785c0141',
    'u.example.com. 3600 1 16 03656e64',
  ]);
  t.same(r.where, ['warning ESCAPE_OVERFLOW 5:1', 'warning ESCAPE_OVERFLOW 6:7', 'warning TRAILING_BACKSLASH 7:7']);
});

t.test('generic \\# rdata and TYPEnnn', async (t) => {
  const r = body('g TYPE65000 \\# 3 010203\nh TYPE1 \\# ( 4 0102\n 0304 )\ni TYPE252 \\# 0\n');
  t.same(r.where, []);
  t.same(r.lines, ['g.example.com. 3600 1 65000 010203', A('h.example.com.', 3600, '01020304'), 'i.example.com. 3600 1 252 ']);
});

t.test('type warnings: MD, MF, MB obsolete; DLV experimental once', async (t) => {
  const r = body('a MD x\nb MF x\nc MB x\nd DLV 1 1 1 00\ne DLV 2 1 1 00\n');
  t.same(r.where, ['warning OBSOLETE_TYPE 5:1', 'warning OBSOLETE_TYPE 6:1', 'warning OBSOLETE_TYPE 7:1', 'warning EXPERIMENTAL_TYPE 8:1']);
  t.equal(r.lines.length, 5);
});

t.test('an unknown directive is a warning; the rest of its line is a record for the previous owner (NSD)', async (t) => {
  const r = body('x A 1.1.1.1\n$FOO A 1.2.3.4\n$BAR\n$GENERATE 1-2 a A 1.1.1.1\n');
  t.same(r.lines, [A('x.example.com.', 3600, '01010101'), A('x.example.com.', 3600, '01020304')]);
  t.same(r.where, ['warning UNKNOWN_DIRECTIVE 6:1', 'warning UNKNOWN_DIRECTIVE 7:1', 'warning UNKNOWN_DIRECTIVE 8:1', 'error EXPECTED_TYPE 8:11']);
});

t.test('after an error parsing goes on with the next record, and every error is reported', async (t) => {
  const r = body('a A 1.1.1\nb A 1.1.1.1\nc FOO 1\nd A 1.1.1.2\n');
  t.same(r.lines, [A('b.example.com.', 3600, '01010101'), A('d.example.com.', 3600, '01010102')]);
  t.same(r.where, ['error RDATA_SYNTAX 5:5', 'error EXPECTED_TYPE 7:3']);
});

t.test('blank-owner lines after a bad owner are dropped quietly (one error, not a cascade)', async (t) => {
  const r = body('a..b A 1.1.1.1\n A 1.1.1.2\nc A 1.1.1.3\n A 1.1.1.4\n');
  t.same(r.lines, [A('c.example.com.', 3600, '01010103'), A('c.example.com.', 3600, '01010104')]);
  t.same(r.where, ['error BAD_OWNER 5:1']);
});

t.test('$INCLUDE: origin argument, origin restored after, $TTL and previous owner carried over (NSD)', async (t) => {
  const files = {
    'inc1.db': 'x A 3.3.3.3\n$TTL 77\n$ORIGIN other.example.com.\ny A 4.4.4.4\n',
    'dir/inc2.db': 'z A 5.5.5.5\n$INCLUDE inc3.db\n',
    'dir/inc3.db': 'w A 6.6.6.6\n',
  };
  const r = body('$INCLUDE inc1.db sub.example.com. ; comment\n A 1.1.1.9\na A 1.1.1.1\n$INCLUDE\tinc1.db\n$INCLUDE dir/inc2.db\n', { files });
  t.same(r.where, []);
  t.same(r.lines, [
    A('x.sub.example.com.', 3600, '03030303'),
    A('y.other.example.com.', 77, '04040404'),
    A('y.other.example.com.', 77, '01010109'),
    A('a.example.com.', 77, '01010101'),
    A('x.example.com.', 77, '03030303'),
    A('y.other.example.com.', 77, '04040404'),
    A('z.example.com.', 77, '05050505'),
    A('w.example.com.', 77, '06060606'),
  ]);
  const rec = parseText(HEAD + '$INCLUDE dir/inc2.db\n', { files }).records;
  t.same(rec.slice(3).map((x) => `${x.file}:${x.line}:${x.col}`), ['dir/inc2.db:1:1', 'dir/inc3.db:1:1'], 'records carry the file they came from');
});

t.test('$INCLUDE problems: missing file, unreadable, relative origin, loop, depth', async (t) => {
  t.same(body('$INCLUDE\n$INCLUDE ; just a comment\n').where, ['error INCLUDE_NO_FILE 5:1', 'error INCLUDE_NO_FILE 6:1']);
  t.same(body('$INCLUDE nope.db\nx A 1.1.1.1\n').where, ['error INCLUDE_READ 5:1']);
  const rel = body('$INCLUDE i.db sub\n', { files: { 'i.db': 'x A 1.1.1.1\n' } });
  t.same(rel.where, ['error INCLUDE_ORIGIN_RELATIVE 5:1'], 'NSD still reads the file with the current origin');
  t.same(rel.lines, [A('x.example.com.', 3600, '01010101')]);
  const loop = body('$INCLUDE a.db\n', { files: { 'a.db': 'a A 1.1.1.1\n$INCLUDE b.db\n', 'b.db': '$INCLUDE a.db\n' } });
  t.same(loop.where, ['error INCLUDE_LOOP 1:1']);
  t.equal(loop.problems[0].file, 'b.db');
  t.same(loop.lines, [A('a.example.com.', 3600, '01010101')]);
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`d${i}.db`] = `l${i} A 1.1.1.1\n$INCLUDE d${i + 1}.db\n`;
  files['d12.db'] = 'end A 1.1.1.1\n';
  const deep = body('$INCLUDE d0.db\n', { files });
  t.same(deep.where, ['error INCLUDE_DEPTH 2:1']);
  t.equal(deep.lines.length, 10, 'ten levels of nesting are read, as NSD allows');
});

t.test('problems in an included file are reported under its name', async (t) => {
  const r = parseText(HEAD + '$INCLUDE bad.db\n', { files: { 'bad.db': '\nbad line here\n' } });
  t.same(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`), ['bad.db:2:5 EXPECTED_TYPE']);
});

t.test('the zone file itself cannot be read: one error at line 0, no records, no throw', async (t) => {
  const problems: ZoneProblem[] = [];
  const source = new MemoryZoneSource({});
  const recs = [...parseZoneWith(codec, { file: 'gone.db', origin: parseName('example.com.', null), source, onProblem: (p) => problems.push(p) })];
  t.same(recs, []);
  t.same(problems.map((p) => [p.code, p.file, p.line]), [['FILE_READ', 'gone.db', 0]]);
  t.match(problems[0].message, /^cannot open 'gone\.db': no such file/);
});

t.test('an empty file, comments only, or blank lines give no records and no problems', async (t) => {
  for (const text of ['', '\n\n', '; only a comment', '   \n\t; x\n']) {
    const r = parseText(text);
    t.same([r.lines, r.where], [[], []], JSON.stringify(text));
  }
});

t.test('escapes in owner names: \\X keeps X (delimiters included), \\DDD is the octet', async (t) => {
  const r = body('a\\(b\\)c\\;d\\"e\\ f A 1.1.1.1\n\\000\\255\\046 A 1.1.1.2\nx\\\\y A 1.1.1.3\n');
  t.same(r.where, []);
  t.same(r.records.map((x) => Buffer.from(x.record.owner.wire.subarray(0, x.record.owner.wire[0] + 1)).toString('latin1')), [
    '\x0ba(b)c;d"e f',
    '\x03\x00\xff.',
    '\x03x\\y',
  ]);
});

t.test('quoted strings in rdata keep their escapes for the rdata reader; quotes split tokens as in NSD', async (t) => {
  const r = body('t TXT "a\\"b" "c\\\\" "\\065" "a;b(c)" "abc"def ghi"jkl"\n');
  t.same(r.where, []);
  t.equal(r.lines[0], `t.example.com. 3600 1 16 ${Buffer.from('\x03a"b\x02c\\\x01A\x06a;b(c)\x03abc\x03def\x03ghi\x03jkl', 'latin1').toString('hex')}`);
});
