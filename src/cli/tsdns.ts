#!/usr/bin/env node
// tsdns entry point: `tsdns -c nsd.conf` serves the configured zones until SIGTERM (see service/daemon.ts).
import { ConfigError, formatConfigProblem } from '../config/index.js';
import { installSignals, startDaemon, TSDNS_VERSION } from '../service/index.js';
import { TsdnsError } from '../wire/index.js';
import { parseTsdnsArgs, USAGE } from './tsdns-args.js';

async function main(argv: readonly string[]): Promise<number | null> {
  const parsed = parseTsdnsArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`tsdns ${TSDNS_VERSION}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`tsdns: ${parsed.message}\n${USAGE}`);
    return 1;
  }
  try {
    installSignals(await startDaemon(parsed.args));
    return null; // serving until a signal
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) process.stderr.write(`${formatConfigProblem(p)}\n`);
      process.stderr.write(`tsdns: could not read the config file ${parsed.args.configFile}\n`);
      return 1;
    }
    if (e instanceof TsdnsError) {
      process.stderr.write(`tsdns: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((code) => {
  if (code !== null) process.exit(code);
});
