// docs/configuration.md is generated from the option table: the committed page must be what the code renders now.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { CLAUSES, OPTIONS, optionsOf } from '../../../src/config/index.js';
import { showDefault, showStatus } from '../../../src/config/docs-table.js';
import { GENERATED_PAGES, REPO } from '../../docs/write-docs.js';

t.test('every generated page matches its generator (run `npm run docs` after changing an option)', async (t) => {
  for (const page of GENERATED_PAGES) {
    const file = path.join(REPO, page.file);
    const onDisk = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const want = page.render();
    if (onDisk === want) {
      t.pass(page.file);
      continue;
    }
    // Name the first differing line so the failure says what drifted.
    const a = onDisk.split('\n');
    const b = want.split('\n');
    const i = a.findIndex((line, n) => line !== b[n]);
    const at = i === -1 ? a.length : i;
    t.fail(`${page.file} is stale at line ${at + 1}: run \`npm run docs\``, { found: a[at], wanted: b[at] });
  }
});

t.test('the page lists every option of every clause with its status', async (t) => {
  const page = GENERATED_PAGES.find((p) => p.file === 'docs/configuration.md')?.render() ?? '';
  for (const clause of CLAUSES) {
    const start = page.indexOf(`## \`${clause}:\``);
    t.ok(start > 0, `${clause}: has a section`);
    const end = page.indexOf('\n## ', start + 1);
    const section = page.slice(start, end === -1 ? undefined : end);
    for (const d of optionsOf(clause)) {
      const name = d.name === 'server-N-cpu-affinity' ? 'server-<N>-cpu-affinity' : d.name;
      const line = section.split('\n').find((l) => l.startsWith(`| \`${name}:\``));
      t.ok(line, `${clause}/${d.name} has a row`);
      t.ok(line?.includes(showStatus(d).replace(/\|/g, '\\|')), `${clause}/${d.name} shows its status`);
    }
  }
  t.match(page, /`health-interface:` \*\*tsdns extension\*\*/, 'the tsdns extension is marked');
  t.equal((page.match(/^\| `/gm) ?? []).length, CLAUSES.reduce((n, c) => n + optionsOf(c).length, 0), 'no extra rows');
  t.ok(OPTIONS.length > 100);
});

t.test('defaults are written as in nsd.conf', async (t) => {
  const byName = (n: string) => OPTIONS.find((d) => d.name === n)!;
  t.equal(showDefault(byName('port')), '`53`');
  t.equal(showDefault(byName('do-ip4')), 'yes');
  t.equal(showDefault(byName('identity')), 'unset');
  t.equal(showDefault(byName('ip-address')), 'none');
  t.equal(showDefault(byName('pidfile')), '`"/run/nsd/nsd.pid"`');
  t.match(showStatus(byName('database')), /^no effect: /);
});
