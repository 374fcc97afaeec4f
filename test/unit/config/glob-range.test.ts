// A glob bracket range that runs backwards ([z-a]) matches nothing, as glob(3) and nsd-checkconf have it (found by fuzzing: it threw SyntaxError).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { globComponentToRegExp, loadConfig } from '../../../src/config/index.js';
import { FileConfigSource, globFiles } from '../../../src/service/config-source.js';

t.test('the component pattern matches nothing instead of throwing', async (t) => {
  for (const p of ['[z-a]', '[z-a].conf', 'x[9-0]*', '[!z-a]']) {
    const re = globComponentToRegExp(p);
    t.notOk(['a', 'z', 'a.conf', 'x5', 'b'].some((name) => re.test(name)), p);
  }
  t.ok(globComponentToRegExp('[a-z].conf').test('b.conf'), 'a forward range still works');
});

t.test('an include: with such a glob includes nothing, and the config loads', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-glob-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'b.conf'), 'server:\n  port: 5353\n');
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, `include: "${dir}/[z-a].conf"\nserver:\n  verbosity: 1\n`);
  t.same(globFiles(`${dir}/[z-a].conf`), []);
  const { config } = loadConfig(conf, new FileConfigSource());
  t.equal(config.server.port, 53);
  t.equal(config.server.verbosity, 1);
});
