// The file-backed ConfigSource with real temp files: reading, glob expansion, include: with globs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { globComponentToRegExp, hasGlobMagic, loadConfig } from '../../../src/config/index.js';
import { FileConfigSource, globFiles } from '../../../src/service/config-source.js';

t.test('glob components as glob(7) matches them', async (t) => {
  const m = (g: string, name: string) => globComponentToRegExp(g).test(name);
  t.ok(m('*.conf', 'a.conf'));
  t.notOk(m('*.conf', '.a.conf'), 'a leading dot is not matched by *');
  t.ok(m('.*.conf', '.a.conf'));
  t.ok(m('?.conf', 'a.conf'));
  t.notOk(m('?.conf', 'ab.conf'));
  t.ok(m('[ab].conf', 'b.conf'));
  t.notOk(m('[!ab].conf', 'b.conf'));
  t.ok(m('[^ab].conf', 'c.conf'));
  t.ok(m('[a-c]x', 'bx'));
  t.ok(m('[]]x', ']x'));
  t.ok(m('a\\*', 'a*'));
  t.notOk(m('a\\*', 'ab'));
  t.ok(m('[unclosed', '[unclosed'));
  t.ok(m('a+b(c)', 'a+b(c)'), 'regexp specials are literal');
  t.ok(hasGlobMagic('/etc/nsd/*.conf'));
  t.notOk(hasGlobMagic('/etc/nsd/nsd.conf'));
});

t.test('globFiles and include: with real files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdns-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'conf.d'));
  mkdirSync(join(dir, 'zones.d'));
  mkdirSync(join(dir, 'zones.d', 'sub'));
  writeFileSync(join(dir, 'conf.d', '20-b.conf'), 'server:\n  verbosity: 2\n');
  writeFileSync(join(dir, 'conf.d', '10-a.conf'), 'server:\n  verbosity: 1\n  port: 5353\n');
  writeFileSync(join(dir, 'conf.d', '.hidden.conf'), 'server:\n  verbosity: 9\n');
  writeFileSync(join(dir, 'conf.d', 'notes.txt'), 'not a config');
  writeFileSync(join(dir, 'zones.d', 'sub', 'x.conf'), 'zone:\n  name: x.example\n  zonefile: x.zone\n');
  writeFileSync(join(dir, 'nsd.conf'), `include: "${dir}/conf.d/*.conf"\ninclude: ${dir}/*.d/s?b/*.conf\ninclude: ${dir}/none/*.conf\n`);
  t.same(globFiles(`${dir}/conf.d/*.conf`), [join(dir, 'conf.d', '10-a.conf'), join(dir, 'conf.d', '20-b.conf')]);
  t.same(globFiles(`${dir}/*/sub/*.conf`), [join(dir, 'zones.d', 'sub', 'x.conf')]);
  t.same(globFiles(`${dir}/nothing-*`), []);
  const { config } = loadConfig(join(dir, 'nsd.conf'), new FileConfigSource());
  t.equal(config.server.verbosity, 2, 'files are read in sorted order');
  t.equal(config.server.port, 5353);
  t.same(config.zones.map((z) => [z.name, z.file, z.line]), [['x.example', join(dir, 'zones.d', 'sub', 'x.conf'), 1]]);
  t.throws(() => new FileConfigSource().read(join(dir, 'missing.conf')), { message: 'No such file or directory' });
  t.throws(() => new FileConfigSource().read(dir), { message: 'Is a directory' });
});
