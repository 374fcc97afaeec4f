// loadConfig: read, tokenize, parse and build an nsd.conf; every error of the file is thrown at once.
import { buildConfig } from './build.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { deepFreeze } from './freeze.js';
import { tokenize } from './lexer.js';
import { parseStatements } from './parser.js';
import type { ConfigSource } from './source.js';
import type { Config, LoadedConfig } from './types.js';

/** Problems in file order: files as first met, then by line (stable for one line). */
function inFileOrder(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const rank = new Map<string, number>();
  for (const p of problems) if (!rank.has(p.file)) rank.set(p.file, rank.size);
  return [...problems].sort((a, b) => (rank.get(a.file) as number) - (rank.get(b.file) as number) || a.line - b.line);
}

/** Load from text already read (tests, and nsd-control reconfig later). */
export function loadConfigText(path: string, text: string, source: ConfigSource): LoadedConfig {
  const lexed = tokenize(path, text, source);
  const parsed = parseStatements(lexed.tokens);
  const built = buildConfig(path, parsed.blocks);
  const problems = [...lexed.problems, ...parsed.problems, ...built.problems];
  if (problems.length > 0) throw new ConfigError(inFileOrder(problems));
  return { config: deepFreeze<Config>(built.config), warnings: deepFreeze(inFileOrder(built.warnings)) };
}

/**
 * Load an nsd.conf. Returns the deeply frozen config and the warnings (one per option accepted
 * without effect, with file:line). Throws ConfigError with every problem when the config is refused.
 */
export function loadConfig(path: string, source: ConfigSource): LoadedConfig {
  let text: string;
  try {
    text = source.read(path);
  } catch (e) {
    throw new ConfigError([{ file: path, line: 0, message: `cannot read the config file: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  return loadConfigText(path, text, source);
}
