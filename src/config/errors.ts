// Config problems (file:line: message) and ConfigError, which carries every problem of a refused config.
import { TsdnsError } from '../wire/errors.js';

/** An error or warning in a config file, located at file:line (line 0: the file as a whole). */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** `file:line: error: message` (or `warning:`), the form nsd-checkconf and every tsdns tool print. */
export function formatConfigProblem(p: ConfigProblem, severity: 'error' | 'warning' = 'error'): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${severity}: ${p.message}`;
}

/**
 * The config was refused. Like NSD we read the whole file first and report every error found,
 * so `problems` holds all of them (in file order), not just the first.
 */
export class ConfigError extends TsdnsError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super('CONFIG', problems.map((p) => formatConfigProblem(p)).join('\n'));
    this.problems = Object.freeze([...problems]);
  }
}
