// Every input the fuzzers ever found (test/regress/fuzz/<target>/) runs through its target again: no throw, no hang.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { TARGETS } from '../../../fuzz/targets/index.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/regress/fuzz');

for (const name of fs.readdirSync(dir).sort()) {
  const target = TARGETS.find((x) => x.name === name);
  t.test(name, async (t) => {
    t.ok(target, `a fuzz target is called ${name}`);
    for (const file of fs.readdirSync(path.join(dir, name)).sort()) {
      const input = new Uint8Array(fs.readFileSync(path.join(dir, name, file)));
      const start = performance.now();
      t.doesNotThrow(() => target?.run(input), file);
      const ms = performance.now() - start;
      t.ok(ms < 2000, `${file} ran in ${ms.toFixed(0)} ms`);
    }
  });
}
