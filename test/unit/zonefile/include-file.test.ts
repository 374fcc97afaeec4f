// $INCLUDE through the real file system: FileZoneSource chunks, paths relative to the including file, latin1 octets.
import t from 'tap';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseName, type ZoneProblem } from '../../../src/wire/index.js';
import { parseZone } from '../../../src/zonefile/index.js';
import { FileZoneSource } from '../../../src/service/zone-source.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdns-include-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'parts', 'deeper'), { recursive: true });

writeFileSync(
  join(dir, 'main.zone'),
  '$ORIGIN example.com.\n@ SOA ns1 hostmaster 1 2 3 4 5\n NS ns1\n' +
    '$INCLUDE parts/hosts.zone hosts.example.com.\n' +
    `$INCLUDE ${join(dir, 'parts', 'abs.zone')}\n` +
    'back A 192.0.2.9\n',
);
writeFileSync(join(dir, 'parts', 'hosts.zone'), 'a A 192.0.2.1\n$INCLUDE deeper/leaf.zone\n');
writeFileSync(join(dir, 'parts', 'deeper', 'leaf.zone'), 'leaf A 192.0.2.2\n');
writeFileSync(join(dir, 'parts', 'abs.zone'), Buffer.from('caf\xe9 A 192.0.2.3\n', 'latin1'));

function parse(file: string, chunkSize?: number): { owners: string[]; problems: ZoneProblem[]; files: string[] } {
  const problems: ZoneProblem[] = [];
  const recs = [
    ...parseZone({ file, origin: parseName('example.com.', null), source: new FileZoneSource(chunkSize), onProblem: (p) => problems.push(p) }),
  ];
  return { owners: recs.map((r) => r.record.owner.toString()), problems, files: recs.map((r) => r.file) };
}

t.test('includes are read relative to the including file, absolute paths as they are', async (t) => {
  const r = parse(join(dir, 'main.zone'));
  t.same(r.problems, []);
  t.same(r.owners, ['example.com.', 'example.com.', 'a.hosts.example.com.', 'leaf.hosts.example.com.', 'caf\\233.example.com.', 'back.example.com.']);
  t.same(r.files.slice(2, 5), [join(dir, 'parts', 'hosts.zone'), join(dir, 'parts', 'deeper', 'leaf.zone'), join(dir, 'parts', 'abs.zone')]);
});

t.test('tiny read chunks give the same result', async (t) => {
  t.same(parse(join(dir, 'main.zone'), 3), parse(join(dir, 'main.zone')));
});

t.test('a missing include is an error at the $INCLUDE line, with the system reason', async (t) => {
  writeFileSync(join(dir, 'missing.zone'), 'x A 192.0.2.1\n$INCLUDE nope.zone\ny A 192.0.2.2\n');
  const r = parse(join(dir, 'missing.zone'));
  t.same(r.owners, ['x.example.com.', 'y.example.com.']);
  t.same(r.problems.map((p) => [p.code, p.line, p.col]), [['INCLUDE_READ', 2, 1]]);
  t.match(r.problems[0].message, /^cannot open include file '.*nope\.zone': No such file or directory$/);
});

t.test('a missing zone file is one FILE_READ problem; a directory is one too', async (t) => {
  t.same(parse(join(dir, 'absent.zone')).problems.map((p) => [p.code, p.line]), [['FILE_READ', 0]]);
  const d = parse(join(dir, 'parts'));
  t.same(d.problems.map((p) => p.code), ['FILE_READ']);
  t.match(d.problems[0].message, /Is a directory/);
});

t.test('files are closed, also when the reader stops early', async (t) => {
  const fds = (): number => readdirSync('/proc/self/fd').length;
  const before = fds();
  for (let i = 0; i < 50; i++) {
    const it = parseZone({ file: join(dir, 'main.zone'), origin: parseName('example.com.', null), source: new FileZoneSource(), onProblem: () => {} });
    it.next();
    it.next();
    it.next();
    it.return(undefined);
  }
  for (let i = 0; i < 20; i++) parse(join(dir, 'main.zone'));
  t.ok(fds() <= before + 1, `open descriptors ${before} -> ${fds()}`);
});
