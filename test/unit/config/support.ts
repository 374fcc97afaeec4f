// Test helpers for config/: an in-memory ConfigSource and shortcuts to load text or collect its errors.
import { pathToFileURL } from 'node:url';
import t from 'tap';
import {
  ConfigError, globComponentToRegExp, hasGlobMagic, loadConfigText,
  type ConfigProblem, type ConfigSource, type LoadedConfig,
} from '../../../src/config/index.js';

/** Files held in a map; glob matches per path component like the file-backed source. */
export class MemSource implements ConfigSource {
  constructor(readonly files: Record<string, string> = {}) {}
  read(path: string): string {
    const text = this.files[path];
    if (text === undefined) throw new Error('No such file or directory');
    return text;
  }
  glob(pattern: string): string[] {
    const parts = pattern.split('/');
    return Object.keys(this.files)
      .filter((f) => {
        const fp = f.split('/');
        return fp.length === parts.length && parts.every((p, i) => (hasGlobMagic(p) ? globComponentToRegExp(p).test(fp[i] as string) : p === fp[i]));
      })
      .sort();
  }
}

/** Load config text as file "nsd.conf" (other files from `files`). */
export function load(text: string, files: Record<string, string> = {}): LoadedConfig {
  return loadConfigText('nsd.conf', text, new MemSource(files));
}

/** The problems of a config that must be refused; throws if it loads. */
export function problemsOf(text: string, files: Record<string, string> = {}): ConfigProblem[] {
  try {
    load(text, files);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the config to be refused');
}

/** "line: message" of each problem, for compact assertions. */
export function brief(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.line}: ${p.message}`);
}

/** A zone clause with a zonefile, so that the nsd-checkconf zone checks pass. */
export function zoneWith(lines: string, name = 'example.com'): string {
  return `zone:\n  name: ${name}\n  zonefile: "%s.zone"\n${lines}`;
}

// `tap dist/test/unit/config/` runs every file of the folder, this helper too: give it one passing test then.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  t.pass('test helpers only');
}
