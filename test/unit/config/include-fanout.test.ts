// An include loop that fans out (a file including itself twice) is refused at once (found by fuzzing: it hung).
import t from 'tap';
import { ConfigError, loadConfigText, type ConfigSource } from '../../../src/config/index.js';

function source(files: Record<string, string>): ConfigSource {
  return {
    read: (p) => {
      if (files[p] === undefined) throw new Error('No such file or directory');
      return files[p];
    },
    glob: (pattern) => Object.keys(files).filter((f) => f.endsWith('.conf') && pattern === '*.conf').sort(),
  };
}

function problems(main: string, files: Record<string, string>): string[] {
  try {
    loadConfigText('nsd.conf', main, source(files));
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.message);
    throw e;
  }
  return [];
}

t.test('a file that includes itself twice', async (t) => {
  const start = Date.now();
  const found = problems('include: "inc.conf"\n', { 'inc.conf': 'include: "inc.conf"\ninclude: "inc.conf"\n' });
  t.ok(Date.now() - start < 5000, 'refused quickly');
  t.ok(found.some((m) => m.includes('more than 1000 include files')), found.slice(0, 3).join('; '));
});

t.test('every file including every file through a glob', async (t) => {
  const files: Record<string, string> = {};
  for (const n of ['a', 'b', 'c', 'd']) files[`${n}.conf`] = 'include: *.conf\n';
  const found = problems('include: *.conf\n', files);
  t.ok(found.some((m) => m.includes('more than 1000 include files')));
});

t.test('a plain self-include still stops at the depth limit', async (t) => {
  const found = problems('include: "inc.conf"\n', { 'inc.conf': 'include: "inc.conf"\n' });
  t.ok(found.some((m) => m.includes('nested more than 64 deep')));
});

t.test('many distinct includes below the limit still load', async (t) => {
  const files: Record<string, string> = {};
  let main = '';
  for (let i = 0; i < 200; i++) {
    files[`f${i}.conf`] = `# file ${i}\n`;
    main += `include: "f${i}.conf"\n`;
  }
  t.same(problems(main, files), []);
});
