// Puts the package's commands (package.json "bin") on a PATH as they are after an install, pointing at dist/.
import fs from 'node:fs';
import path from 'node:path';

/** Writes one shell shim per bin of `repo`/package.json into `dir`; returns the bin names. */
export function writeBinShims(repo: string, dir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  fs.mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (const [name, target] of Object.entries(pkg.bin ?? {})) {
    const shim = path.join(dir, name);
    fs.writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${path.join(repo, target)}' "$@"\n`, { mode: 0o755 });
    names.push(name);
  }
  return names;
}

/**
 * What the outer `npm test` and tap put in the environment: npm's run-script variables, and tap's loader
 * (NODE_OPTIONS --import) and coverage settings, which break other Node programs (tsc) started from a test.
 */
const HARNESS_ENV = /^(npm_|TAP|_TAPJS|NODE_OPTIONS$|NODE_V8_COVERAGE$)/i;

/** The environment for a child process: `binDir` first on PATH, the test harness's variables removed. */
export function cleanEnv(binDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!HARNESS_ENV.test(k)) env[k] = v;
  return { ...env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/**
 * tap's process-info hook adds its NODE_OPTIONS back into the environment of every child a test spawns, and its
 * loader breaks some programs (tsc 7 fails to start under it); `env -u` removes it in the child itself.
 */
export function withoutTapHooks(cmd: string, args: readonly string[]): [string, string[]] {
  return ['env', ['-u', 'NODE_OPTIONS', '-u', 'NODE_V8_COVERAGE', cmd, ...args]];
}
