#!/usr/bin/env node
// tsdns-checkzone entry point: argv and stdio in, exit status out (the command is in checkzone-command.ts).
import { checkzone } from './checkzone-command.js';

process.exitCode = checkzone(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
