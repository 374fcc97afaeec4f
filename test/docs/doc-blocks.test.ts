// The doc-command test's own parts: which fenced blocks it runs, writes or compares, and the link checker.
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docBlocks, fences, missingLines } from './doc-blocks.js';
import { brokenLinks, headingSlugs } from './doc-links.js';

const PAGE = [
  '# Title', '', '```sh', 'not run', '```', '',
  '```sh test', 'dig example.com', '```', '', '```text output', 'answer', '```', '',
  '```conf file=a/b.conf', 'server:', '```', '',
  '  ```sh test timeout=5', '  indented', '  ```', '',
  '````md', '```sh test', 'inside a longer fence: text', '```', '````', '',
].join('\n');

t.test('marked blocks are found in order with their options; others are text', async (t) => {
  t.equal(fences(PAGE).length, 6, 'the fence inside the longer one is text');
  t.same(docBlocks(PAGE), [
    { kind: 'run', line: 7, body: 'dig example.com', timeoutMs: 30000, output: 'answer' },
    { kind: 'file', line: 15, body: 'server:\n', path: 'a/b.conf' },
    { kind: 'run', line: 19, body: 'indented', timeoutMs: 5000 },
  ]);
});

t.test('an output block must follow a test block, and file= stays in the scratch directory', async (t) => {
  t.throws(() => docBlocks('```sh\nx\n```\n```text output\ny\n```\n'), /must follow a test block/);
  t.throws(() => docBlocks('```conf file=../x\ny\n```\n'), /scratch directory/);
  t.throws(() => docBlocks('```conf file=/etc/x\ny\n```\n'), /scratch directory/);
});

t.test('shown output: every line must be printed, spaces squashed, ... matches anything', async (t) => {
  const out = 'a.\t3600\tIN\tA\t192.0.2.1\n;; status: NOERROR, id: 4711\n';
  t.same(missingLines('a. 3600 IN A 192.0.2.1\n...\n;; status: NOERROR, id: ...', out), []);
  t.same(missingLines('a. 3600 IN A 192.0.2.2', out), ['a. 3600 IN A 192.0.2.2']);
  t.same(missingLines('status: NOERROR', out), ['status: NOERROR'], 'whole lines, not parts');
  t.same(missingLines('a. (3600) IN', 'a. (3600) IN'), [], 'regexp characters are literal');
});

t.test('links: files and #headings must exist; code and web links are not checked', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-links-'));
  fs.writeFileSync(path.join(dir, 'b.md'), '# The `server:` clause\n## Again\n## Again\n```\n# not a heading\n```\n');
  fs.writeFileSync(path.join(dir, 'a.md'), [
    '[ok](b.md) [ok](b.md#the-server-clause) [ok](b.md#again-1) [web](https://example.com/x.md)',
    '[gone](c.md) [bad](b.md#not-a-heading) `[code](d.md)`', '```', '[fenced](e.md)', '```', '',
  ].join('\n'));
  t.same([...headingSlugs(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'))], ['the-server-clause', 'again', 'again-1']);
  t.same(brokenLinks(path.join(dir, 'a.md')), ['c.md: no such file', 'b.md#not-a-heading: no heading #not-a-heading']);
  fs.rmSync(dir, { recursive: true, force: true });
});
