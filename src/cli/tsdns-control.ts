#!/usr/bin/env node
// tsdns-control entry point: argv, stdin and stdio in, exit status out (the command is in control-command.ts).
import { controlMain } from './control-command.js';

async function stdinLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('latin1');
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

controlMain(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stdin: stdinLines,
}).then((code) => {
  process.exitCode = code;
});
