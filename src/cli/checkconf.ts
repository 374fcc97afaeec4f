#!/usr/bin/env node
// tsdns-checkconf entry point: argv and stdio in, exit status out (the command is in checkconf-command.ts).
import { checkconf } from './checkconf-command.js';

process.exitCode = checkconf(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
