// The module boundaries of docs/architecture.md, checked on the source: every import between src/ modules must be
// an allowed arrow, and the pure modules must not reach for sockets, files, timers or `process`.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../../support/servers.js';

/**
 * Which modules each module may import. The shared ARCHITECTURE.md table, plus the arrows docs/architecture.md
 * explains: wire is the base everyone may use (the TsdnsError base class, names, the codec); acl reads config's
 * ACL types; process reads zone snapshots; cli reaches control (tsdns-control) and dnssec (checkzone warnings).
 */
const ALLOWED: Record<string, string[]> = {
  wire: [],
  zonefile: ['wire'],
  zone: ['wire'],
  dnssec: ['zone', 'wire'],
  query: ['dnssec', 'zone', 'wire'],
  tsig: ['wire'],
  acl: ['wire', 'config'],
  rrl: [],
  stats: [],
  xfr: ['zone', 'tsig', 'wire'],
  process: ['query', 'xfr', 'tsig', 'acl', 'rrl', 'zone', 'wire'],
  server: ['process', 'wire'],
  config: ['wire'],
  control: ['config', 'stats', 'wire'],
  health: ['stats', 'wire'],
  service: ['*'],
  cli: ['service', 'config', 'zonefile', 'control', 'dnssec', 'wire'],
};

/** Modules that must stay pure: no I/O, timers or process (node:crypto is allowed for hashing). */
const PURE = ['wire', 'zonefile', 'zone', 'dnssec', 'query', 'tsig', 'acl', 'rrl', 'xfr', 'stats'];
const IMPURE_IMPORT = /from ['"](node:)?(dgram|net|http|https|tls|fs|fs\/promises|timers|child_process|cluster|os)['"]/;
const IMPURE_USE = /\bprocess\.(on|exit|env|argv|stdout|stderr|hrtime)\b|\bset(Timeout|Interval|Immediate)\(/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const SRC = path.join(REPO, 'src');
const modules = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

t.test('every src/ module is in the table', (t) => {
  for (const m of modules) t.ok(ALLOWED[m], `src/${m} has a row in ALLOWED (add it and describe it in docs/architecture.md)`);
  t.end();
});

t.test('imports between modules follow the allowed arrows', (t) => {
  const bad: string[] = [];
  for (const m of modules) {
    const allowed = ALLOWED[m] ?? [];
    for (const file of sourceFiles(path.join(SRC, m))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '\.\.\/([a-z0-9-]+)\//g)) {
        const target = match[1];
        if (!allowed.includes('*') && !allowed.includes(target)) bad.push(`${path.relative(REPO, file)} imports ${target}/`);
      }
    }
  }
  t.same(bad, [], 'no forbidden arrow');
  t.end();
});

t.test('pure modules touch no sockets, files, timers or process', (t) => {
  const bad: string[] = [];
  for (const m of PURE.filter((p) => modules.includes(p))) {
    for (const file of sourceFiles(path.join(SRC, m))) {
      const text = fs.readFileSync(file, 'utf8');
      if (IMPURE_IMPORT.test(text) || IMPURE_USE.test(text)) bad.push(path.relative(REPO, file));
    }
  }
  t.same(bad, [], 'pure modules stay pure');
  t.end();
});
