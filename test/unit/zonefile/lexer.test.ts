// Lexer tests: tokens, quotes, escapes, parentheses, comments, directives, positions and chunk-boundary independence.
import t from 'tap';
import fc from 'fast-check';
import { ENTRY_DIRECTIVE, ENTRY_INCLUDE, ENTRY_RECORD, Lexer, type Entry } from '../../../src/zonefile/lexer.js';

interface Lexed {
  entries: Entry[];
  problems: string[];
}

function lex(text: string, chunkSizes: readonly number[] = [text.length || 1]): Lexed {
  const problems: string[] = [];
  const lexer = new Lexer((sev, code, _m, line, col) => problems.push(`${sev} ${code} ${line}:${col}`));
  const entries: Entry[] = [];
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, chunkSizes[k++ % chunkSizes.length]);
    lexer.feed(text.slice(i, i + n), entries);
    i += n;
  }
  lexer.end(entries);
  return { entries, problems };
}

/** Each entry as `line:col[ blank] tok|tok|"quoted"`. */
function shape(entries: readonly Entry[]): string[] {
  return entries.map((e) => {
    const toks = e.tokens.map((x) => (x.quoted ? `"${x.text}"` : x.text) + (x.glued ? '^' : '')).join('|');
    const kind = e.kind === ENTRY_INCLUDE ? ` include[${e.raw}]` : e.kind === ENTRY_DIRECTIVE ? ' directive' : '';
    return `${e.line}:${e.col}${e.blankOwner ? ' blank' : ''}${kind} ${toks}`;
  });
}

t.test('splits records at line breaks, tokens at whitespace', async (t) => {
  const r = lex('a 1 IN A 1.2.3.4\n\tIN A 5.6.7.8\n\n   \n; comment only\nb A 1.1.1.1');
  t.same(shape(r.entries), ['1:1 a|1|IN|A|1.2.3.4', '2:1 blank IN|A|5.6.7.8', '6:1 b|A|1.1.1.1']);
  t.same(r.problems, []);
  t.equal(r.entries[1].tokens[2].col, 7, 'a tab counts as one column');
  t.equal(r.entries[0].endLine, 1);
  t.equal(r.entries[0].endCol, 17, 'the entry ends at its line break');
});

t.test('parentheses join lines; comments inside them are skipped', async (t) => {
  const r = lex('@ SOA ns h ( 1 ; serial\n  2 3 ; x ( y\n  4 5 )\nnext A 1.1.1.1\n');
  t.same(shape(r.entries), ['1:1 @|SOA|ns|h|1|2|3|4|5', '4:1 next|A|1.1.1.1']);
  t.equal(r.entries[0].tokens[6].line, 2);
  t.equal(r.entries[0].tokens[6].col, 5);
  t.equal(r.entries[0].endLine, 3);
});

t.test('parentheses, quotes and comments end a token without whitespace', async (t) => {
  const r = lex('x TXT a(b)c"d"e;f\n');
  t.same(shape(r.entries), ['1:1 x|TXT|a|b^|c^|"d"^|e^']);
});

t.test('quoted strings keep ;, ( and escaped quotes, and may span lines as in NSD', async (t) => {
  const r = lex('x TXT "a;b(c)" "say \\"hi\\"" "two\nlines" ""\ny A 1.1.1.1');
  t.same(shape(r.entries), ['1:1 x|TXT|"a;b(c)"|"say \\"hi\\""|"two\nlines"|""', '3:1 y|A|1.1.1.1']);
});

t.test('a backslash escapes delimiters, line breaks included; text stays raw', async (t) => {
  const r = lex('a\\ b\\;c\\(d\\"e A 1.1.1.1\nf\\\ng A 1.1.1.1\n');
  t.same(shape(r.entries), ['1:1 a\\ b\\;c\\(d\\"e|A|1.1.1.1', '2:1 f\\\ng|A|1.1.1.1']);
  t.equal(r.entries[1].tokens[1].line, 3, 'an escaped line break still counts as a line');
  t.equal(r.entries[1].tokens[1].col, 3);
});

t.test('CRLF is one line break, a lone CR is one too', async (t) => {
  const r = lex('a A 1.1.1.1\r\nb A 2.2.2.2\rc A 3.3.3.3\r\n');
  t.same(shape(r.entries), ['1:1 a|A|1.1.1.1', '2:1 b|A|2.2.2.2', '3:1 c|A|3.3.3.3']);
  const split = lex('a A 1.1.1.1\r\nb A 2.2.2.2\r\n', [12, 1, 100]);
  t.same(shape(split.entries), ['1:1 a|A|1.1.1.1', '2:1 b|A|2.2.2.2'], 'a CRLF split across chunks');
});

t.test('directives: $ in column 1, case kept, $INCLUDE read raw', async (t) => {
  const r = lex('$ttl 1h\n$ORIGIN ex.\n$INCLUDE  sub/a.db  b.ex. ; c (\n$TTL5\n');
  t.same(shape(r.entries), [
    '1:1 directive $ttl|1h',
    '2:1 directive $ORIGIN|ex.',
    '3:1 include[  sub/a.db  b.ex. ; c (] $INCLUDE',
    '4:1 directive $TTL|5^',
  ]);
  t.equal(r.entries[0].kind, ENTRY_DIRECTIVE);
  t.equal(r.entries[3].tokens[1].col, 5);
});

t.test('lexical errors drop the entry and are reported where they are', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['a A 1 )\nb A 2\n', ['error UNBALANCED_PAREN 1:7']],
    ['a ( ( 1 ) )\n', ['error NESTED_PAREN 1:5']],
    ['a A (\n1\nb A 2\n', ['error UNCLOSED_PAREN 1:5']],
    ['a TXT "open\nb A 2\n', ['error UNCLOSED_QUOTE 1:7']],
    ['a TXT $x\n', ['error BAD_DOLLAR 1:7']],
    [' $TTL 5\n', ['error BAD_DOLLAR 1:2']],
    ['$1 A 1\n', ['error BAD_DOLLAR 1:1']],
    ['(a A 1)\n', ['error PAREN_FIRST 1:1']],
    [' ( A 1 )\n', ['error PAREN_FIRST 1:2']],
  ];
  for (const [text, problems] of cases) {
    const r = lex(text);
    t.same(r.problems, problems, JSON.stringify(text));
    t.notOk(r.entries.some((e) => e.line === 1), `${JSON.stringify(text)}: the bad entry is dropped`);
  }
  t.same(shape(lex('a A 1 )\nb A 2\n').entries), ['2:1 b|A|2'], 'lexing goes on with the next line');
});

t.test('a backslash at the very end stays in the token (the parser warns and drops it)', async (t) => {
  const r = lex('a TXT b\\');
  t.same(shape(r.entries), ['1:1 a|TXT|b\\']);
});

t.test('entries are the same however the text is cut into chunks', async (t) => {
  const samples = [
    '$ORIGIN ex.\n@ 1h IN SOA ns h ( 1 2\r\n 3 4 5 ) ; c\n\tA 1.2.3.4\nx TXT "a\\"b;(" c\\ d\\\ne\n$INCLUDE f o.\r\ny A 1\n',
    'a\\\r\nb TXT "x\r\ny" ; c\r\n ( q\r\n ) \n',
  ];
  for (const text of samples) {
    const whole = lex(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (sizes) => {
        const cut = lex(text, sizes);
        const view = (l: Lexed): string => JSON.stringify([shape(l.entries), l.entries.map((e) => [e.endLine, e.endCol]), l.problems]);
        return view(cut) === view(whole);
      }),
      { numRuns: 200 },
    );
    t.pass(`${JSON.stringify(text.slice(0, 20))}...: 200 random cuttings agree`);
  }
  t.equal(lex('a A 1').entries[0].kind, ENTRY_RECORD);
});
