// The nsd.conf lexer: comments, quoting, line numbers and include: (plain, glob, nested, missing, loops).
import t from 'tap';
import { tokenize } from '../../../src/config/lexer.js';
import { brief, load, MemSource, problemsOf } from './support.js';

const words = (text: string, files: Record<string, string> = {}) =>
  tokenize('f', text, new MemSource(files)).tokens.map((k) => `${k.file}:${k.line}:${k.quoted ? 'q' : 'u'}:${k.text}`);

t.test('comments start a word with #; inside a word or quotes # is text', async (t) => {
  t.same(words('server: # a comment\n identity: foo#bar # end\n'), ['f:1:u:server:', 'f:2:u:identity:', 'f:2:u:foo#bar']);
  t.same(words('identity: "a # b"# c\n'), ['f:1:u:identity:', 'f:1:q:a # b']);
});

t.test('quoted strings keep blanks, backslash pairs and newlines; lines are counted inside', async (t) => {
  t.same(words('a: "x\\"y"\nb: "multi\nline"\nc: z\n'), ['f:1:u:a:', 'f:1:q:x\\"y', 'f:2:u:b:', 'f:2:q:multi\nline', 'f:4:u:c:', 'f:4:u:z']);
  t.same(words('a: abc"def"ghi'), ['f:1:u:a:', 'f:1:u:abc', 'f:1:q:def', 'f:1:u:ghi'], 'a quote ends a word');
  t.same(words('a: b\r\nc: d\re: f'), ['f:1:u:a:', 'f:1:u:b', 'f:2:u:c:', 'f:2:u:d', 'f:3:u:e:', 'f:3:u:f']);
});

t.test('an unterminated quote is an error at its line', async (t) => {
  t.same(brief(problemsOf('server:\n identity: "abc\n\n')), ['2: end of file inside a quoted string']);
});

t.test('include: splices the file in place, even inside a clause and mid-line', async (t) => {
  const files = { 'inc.conf': ' verbosity:', 'port.conf': 'port: 5353\n' };
  t.same(words('server: include: inc.conf 3\ninclude: "port.conf"\n', files), [
    'f:1:u:server:', 'inc.conf:1:u:verbosity:', 'f:1:u:3', 'port.conf:1:u:port:', 'port.conf:1:u:5353',
  ]);
  const { config } = load('server:\n include: inc.conf 3\n include: port.conf\n', files);
  t.equal(config.server.verbosity, 3);
  t.equal(config.server.port, 5353);
});

t.test('include: globs are read in sorted order; no match is not an error', async (t) => {
  const files = {
    'd/b.conf': 'server:\n verbosity: 2\n',
    'd/a.conf': 'server:\n verbosity: 1\n',
    'd/.hidden.conf': 'server:\n verbosity: 9\n',
    'd/c.txt': 'bogus',
  };
  t.equal(load('include: "d/*.conf"\n', files).config.server.verbosity, 2, 'b.conf is read last');
  t.equal(load('include: d/[a]?conf\n', files).config.server.verbosity, 1);
  t.equal(load('include: d/*.nomatch\n', files).config.server.verbosity, 0);
});

t.test('errors in an included file carry its name and line', async (t) => {
  const p = problemsOf('server:\n include: x.conf\n port: 99\n', { 'x.conf': ' port: 77\n tcp-count: abc\n' });
  t.same(p, [{ file: 'x.conf', line: 2, message: "bad value for tcp-count: expected a number, not 'abc'" }]);
});

t.test('a missing include file, an empty name and an include loop are errors', async (t) => {
  t.same(brief(problemsOf('server:\n\ninclude: /nonexist.conf\n')), [
    "3: cannot open include file '/nonexist.conf': No such file or directory",
  ]);
  t.same(brief(problemsOf('include: ""\n')), ['1: empty include file name']);
  t.same(brief(problemsOf('include:')), ['1: end of file inside an include: directive']);
  const loop = problemsOf('include: a.conf\n', { 'a.conf': 'include: b.conf\n', 'b.conf': 'include: a.conf\n' });
  t.equal(loop.length, 1);
  t.match(loop[0]?.message, /nested more than 64 deep/);
});
