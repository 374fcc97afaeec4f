// Every problem the zone file parser reports, in one table: input, code, file:line:col and wording; and NSD's verdict.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HEAD, parseText } from './support.js';
import { requireTool } from '../../support/tools.js';

interface Case {
  /** Appended to HEAD (4 lines), so the first line of `text` is line 5. */
  text: string;
  code: string;
  severity: 'error' | 'warning';
  at: string;
  message: RegExp;
  files?: Record<string, string>;
  /** What nsd-checkzone 4.6 says when it differs from ours (deliberate differences, see the report). */
  nsd?: 'ok';
}

const CASES: Case[] = [
  // lexer
  { text: 'a A 1.1.1.1 )\n', code: 'UNBALANCED_PAREN', severity: 'error', at: '5:13', message: /^'\)' without an opening '\('$/ },
  { text: 'a A ( ( 1.1.1.1 ) )\n', code: 'NESTED_PAREN', severity: 'error', at: '5:7', message: /^nested '\(' inside parentheses$/ },
  { text: 'a A ( 1.1.1.1\nb A 1.1.1.2\n', code: 'UNCLOSED_PAREN', severity: 'error', at: '5:5', message: /^'\(' opened here is never closed$/ },
  { text: 'a A ( 1.1.1.1', code: 'UNCLOSED_PAREN', severity: 'error', at: '5:5', message: /never closed/, nsd: 'ok' },
  { text: 'a TXT "open\nb A 1.1.1.1\n', code: 'UNCLOSED_QUOTE', severity: 'error', at: '5:7', message: /^quoted string opened here is never closed$/ },
  { text: 'a TXT $x\n', code: 'BAD_DOLLAR', severity: 'error', at: '5:7', message: /cannot start with '\$'/ },
  { text: '$1 A 1.1.1.1\n', code: 'BAD_DOLLAR', severity: 'error', at: '5:1', message: /^'\$' must be followed by a directive name$/ },
  { text: '(a A 1.1.1.1)\n', code: 'PAREN_FIRST', severity: 'error', at: '5:1', message: /^'\(' before the first name or value of the line$/ },
  { text: ' ( A 1.1.1.1 )\n', code: 'PAREN_FIRST', severity: 'error', at: '5:2', message: /before the first name/ },
  // record head
  { text: 'a..b A 1.1.1.1\n', code: 'BAD_OWNER', severity: 'error', at: '5:1', message: /^bad owner name: empty label in 'a\.\.b'$/ },
  { text: '"" A 1.1.1.1\n', code: 'BAD_OWNER', severity: 'error', at: '5:1', message: /^bad owner name '': zero label length$/ },
  { text: `${'a'.repeat(64)} A 1.1.1.1\n`, code: 'BAD_OWNER', severity: 'error', at: '5:1', message: /label longer than 63/ },
  { text: `${'abcdefghi.'.repeat(25)}x A 1.1.1.1\n`, code: 'BAD_OWNER', severity: 'error', at: '5:1', message: /name longer than 255/ },
  { text: 'foo.@ A 1.1.1.1\n', code: 'BAD_OWNER', severity: 'error', at: '5:1', message: /'@' can only stand alone/ },
  { text: 'x(A 1.1.1.1)\n', code: 'OWNER_GLUED', severity: 'error', at: '5:3', message: /^expected whitespace after the owner name$/ },
  { text: 'x 1x A 1.1.1.1\n', code: 'EXPECTED_TYPE', severity: 'error', at: '5:3', message: /^expected a TTL, class or type, got '1x'$/ },
  { text: 'x NONE A 1.1.1.1\n', code: 'EXPECTED_TYPE', severity: 'error', at: '5:3', message: /got 'NONE'$/ },
  { text: 'x AXFR \\# 0\n', code: 'BAD_TYPE', severity: 'error', at: '5:3', message: /^type 'AXFR' cannot be used in a zone file/ },
  { text: 'x TYPE0 \\# 0\n', code: 'BAD_TYPE', severity: 'error', at: '5:3', message: /cannot be used in a zone file/ },
  { text: 'x TYPE65536 \\# 0\n', code: 'EXPECTED_TYPE', severity: 'error', at: '5:3', message: /got 'TYPE65536'/ },
  { text: 'x CLASS0 A 1.1.1.1\n', code: 'EXPECTED_TYPE', severity: 'error', at: '5:3', message: /got 'CLASS0'/ },
  { text: 'x IN IN A 1.1.1.1\n', code: 'CLASS_TWICE', severity: 'error', at: '5:6', message: /^a second class 'IN' in one record$/ },
  { text: 'x 5 IN 6 A 1.1.1.1\n', code: 'TTL_TWICE', severity: 'error', at: '5:8', message: /^a second TTL '6' in one record$/ },
  { text: 'x\n', code: 'MISSING_TYPE', severity: 'error', at: '5:2', message: /^expected a TTL, class or type, got end of line$/ },
  { text: 'x 300 IN ; no type\n', code: 'MISSING_TYPE', severity: 'error', at: '5:19', message: /^expected a type, got end of line$/ },
  { text: 'x A 1.1.1\n', code: 'RDATA_SYNTAX', severity: 'error', at: '5:5', message: /1\.1\.1/ },
  { text: 'x A\n', code: 'RDATA_SYNTAX', severity: 'error', at: '5:4', message: /./ },
  { text: 'x A 1.1.1.1 extra\n', code: 'RDATA_SYNTAX', severity: 'error', at: '5:13', message: /extra/ },
  { text: 'x CH A 1.1.1.1\n', code: 'CLASS_NOT_IN', severity: 'error', at: '5:1', message: /^only class IN is supported/ },
  { text: 'x CLASS3 A 1.1.1.1\n', code: 'CLASS_NOT_IN', severity: 'error', at: '5:1', message: /class IN/ },
  { text: 'www.example.org. A 1.1.1.1\n', code: 'OUT_OF_ZONE', severity: 'error', at: '5:1', message: /^out of zone data: www\.example\.org\. is outside the zone for fqdn example\.com\.$/ },
  { text: '$ORIGIN org.\nx A 1.1.1.1\n', code: 'OUT_OF_ZONE', severity: 'error', at: '6:1', message: /x\.org\./ },
  // directives
  { text: '$TTL\n', code: 'DIRECTIVE_ARGS', severity: 'error', at: '5:5', message: /^\$TTL needs a TTL value$/ },
  { text: '$TTL 1 2\n', code: 'DIRECTIVE_ARGS', severity: 'error', at: '5:8', message: /^\$TTL takes only a TTL value, got '2' too$/ },
  { text: '$TTL5\n', code: 'DIRECTIVE_ARGS', severity: 'error', at: '5:5', message: /^expected whitespace after \$TTL$/ },
  { text: '$ORIGIN\n', code: 'DIRECTIVE_ARGS', severity: 'error', at: '5:8', message: /^\$ORIGIN needs a domain name$/ },
  { text: '$TTL 1x\n', code: 'BAD_TTL', severity: 'error', at: '5:6', message: /^invalid TTL value '1x'$/ },
  { text: '$ORIGIN sub\n', code: 'ORIGIN_RELATIVE', severity: 'error', at: '5:9', message: /^\$ORIGIN needs an absolute name/ },
  { text: '$ORIGIN a..b.\n', code: 'BAD_ORIGIN', severity: 'error', at: '5:9', message: /^bad \$ORIGIN name: empty label in 'a\.\.b\.'$/ },
  { text: '$INCLUDE\n', code: 'INCLUDE_NO_FILE', severity: 'error', at: '5:1', message: /^missing file name in \$INCLUDE$/ },
  { text: '$INCLUDE i.db sub\n', code: 'INCLUDE_ORIGIN_RELATIVE', severity: 'error', at: '5:1', message: /must be an absolute name/, files: { 'i.db': '' } },
  { text: '$INCLUDE i.db a..b.\n', code: 'BAD_INCLUDE_ORIGIN', severity: 'error', at: '5:1', message: /^bad \$INCLUDE origin: empty label in 'a\.\.b\.'$/, files: { 'i.db': '' } },
  { text: '$INCLUDE none.db\n', code: 'INCLUDE_READ', severity: 'error', at: '5:1', message: /^cannot open include file 'none\.db': / },
  // warnings
  { text: '$FOO\n', code: 'UNKNOWN_DIRECTIVE', severity: 'warning', at: '5:1', message: /^unknown directive \$FOO$/ },
  { text: 'a\\256 A 1.1.1.1\n', code: 'ESCAPE_OVERFLOW', severity: 'warning', at: '5:1', message: /^escape \\256 is over 255, read as the digits 256$/ },
  { text: 'x TXT a\\', code: 'TRAILING_BACKSLASH', severity: 'warning', at: '5:7', message: /^trailing backslash ignored$/ },
  { text: 'x 2147483648 A 1.1.1.1\n', code: 'TTL_TOO_LARGE', severity: 'warning', at: '5:3', message: /^TTL '2147483648' is over 2147483647 \(RFC 2181 8\), using 3600$/ },
  { text: 'x MD a\n', code: 'OBSOLETE_TYPE', severity: 'warning', at: '5:1', message: /^MD is obsolete$/ },
  { text: 'x DLV \\# 5 0001010100\n', code: 'EXPERIMENTAL_TYPE', severity: 'warning', at: '5:1', message: /^DLV is experimental$/ },
];

// The include loop and depth cases need several files; the file read error needs no zone file at all (parser.test.ts).
const LOOP: Case = {
  text: '$INCLUDE a.db\n',
  files: { 'a.db': '$INCLUDE b.db\n', 'b.db': '$INCLUDE a.db\n' },
  code: 'INCLUDE_LOOP',
  severity: 'error',
  at: '1:1',
  message: /^include loop: 'a\.db' is already being read$/,
};
const DEPTH_FILES: Record<string, string> = {};
for (let i = 0; i <= 11; i++) DEPTH_FILES[`d${i}.db`] = `$INCLUDE d${i + 1}.db\n`;
DEPTH_FILES['d12.db'] = '';
const DEPTH: Case = {
  text: '$INCLUDE d0.db\n',
  files: DEPTH_FILES,
  code: 'INCLUDE_DEPTH',
  severity: 'error',
  at: '1:1',
  message: /^includes nested too deeply \(more than 10\), skipped$/,
};

t.test('each problem: code, severity, position and message, and nothing else reported', async (t) => {
  for (const c of [...CASES, LOOP, DEPTH]) {
    const r = parseText(HEAD + c.text, { files: c.files });
    const name = `${c.code} for ${JSON.stringify(c.text.slice(0, 40))}`;
    t.equal(r.problems.length, 1, `${name}: exactly one problem (${r.where.join(', ')})`);
    const p = r.problems[0];
    if (!p) continue;
    t.same([p.severity, p.code, `${p.line}:${p.col}`], [c.severity, c.code, c.at], name);
    t.match(p.message, c.message, `${name}: wording`);
  }
});

t.test('every problem code the parser can report is in the table', async (t) => {
  const codes = new Set([...CASES, LOOP, DEPTH].map((c) => c.code));
  const all = ['UNBALANCED_PAREN', 'NESTED_PAREN', 'UNCLOSED_PAREN', 'UNCLOSED_QUOTE', 'BAD_DOLLAR', 'PAREN_FIRST', 'BAD_OWNER',
    'OWNER_GLUED', 'EXPECTED_TYPE', 'BAD_TYPE', 'CLASS_TWICE', 'TTL_TWICE', 'MISSING_TYPE', 'CLASS_NOT_IN', 'OUT_OF_ZONE',
    'DIRECTIVE_ARGS', 'BAD_TTL', 'ORIGIN_RELATIVE', 'BAD_ORIGIN', 'INCLUDE_NO_FILE', 'INCLUDE_ORIGIN_RELATIVE',
    'BAD_INCLUDE_ORIGIN', 'INCLUDE_READ', 'INCLUDE_LOOP', 'INCLUDE_DEPTH', 'UNKNOWN_DIRECTIVE', 'ESCAPE_OVERFLOW',
    'TRAILING_BACKSLASH', 'TTL_TOO_LARGE', 'OBSOLETE_TYPE', 'EXPERIMENTAL_TYPE'];
  for (const c of all) t.ok(codes.has(c), c);
});

function hasNsd(): boolean {
  try {
    execFileSync('nsd-checkzone', ['-h'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch (e) {
    return (e as { status?: number }).status !== undefined && (e as { code?: string }).code !== 'ENOENT';
  }
}

t.test('nsd-checkzone 4.6 agrees on what is an error and what only a warning', async (t) => {
  if (!requireTool(t, hasNsd(), 'nsd-checkzone', 'nsd')) return;
  for (const c of [...CASES, LOOP]) {
    const dir = mkdtempSync(join(tmpdir(), 'tsdns-zf-'));
    try {
      for (const [name, text] of Object.entries({ 'zone.db': HEAD + c.text, ...(c.files ?? {}) })) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text, 'latin1');
      }
      let status = 0;
      let stderr = '';
      try {
        execFileSync('nsd-checkzone', ['example.com', 'zone.db'], { cwd: dir, timeout: 10000, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        const x = e as { status: number; stderr: Buffer };
        status = x.status;
        stderr = x.stderr.toString();
      }
      const ours = c.severity === 'error' ? 'error' : 'ok';
      const theirs = status !== 0 ? 'error' : 'ok';
      t.equal(theirs, c.nsd ?? ours, `${c.code} ${JSON.stringify(c.text.slice(0, 30))}: nsd says ${theirs} ${stderr.split('\n')[0] ?? ''}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
