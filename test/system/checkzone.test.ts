// tsdns-checkzone against nsd-checkzone 4.6 on the same files: exit codes, stdout, and every problem's line and text.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalRdata, nameToText, parseName, toHex, type ZoneProblem } from '../../src/wire/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { requireTool } from '../support/tools.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const zones = join(root, 'test/zones/checkzone');
const cli = join(root, 'dist/src/cli/checkzone.js');
const nsd = ['/usr/sbin/nsd-checkzone', '/usr/bin/nsd-checkzone'].find((p) => existsSync(p));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { cwd: zones, encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ours = (args: string[]): Run => run(process.execPath, [cli, ...args]);

/** `severity line message` from nsd-checkzone's log lines: `[time] nsd-checkzone[pid]: error: file:line: message`. */
function nsdProblems(stderr: string): string[] {
  const out: string[] = [];
  for (const l of stderr.split('\n')) {
    const m = /^\[[^\]]*\] nsd-checkzone\[\d+\]: (error|warning): (?:([^:]+):(\d+): )?(.*)$/.exec(l);
    if (m) out.push(`${m[1]} ${m[3] ?? 0} ${m[4]}`);
  }
  return out;
}

/** The same from ours: `file:line:col: error: message` (formatProblem). */
function ourProblems(stderr: string): string[] {
  const out: string[] = [];
  for (const l of stderr.split('\n')) {
    const m = /^(?:([^:]+):(\d+):(\d+)|[^:]+): (error|warning): (.*)$/.exec(l);
    if (m) out.push(`${m[4]} ${m[2] ?? 0} ${m[5]}`);
  }
  return out;
}

// Where we knowingly differ: NSD gives the line a multi-line record ends on, we the line it starts on.
const START_LINE: Record<string, [nsd: string, ours: string]> = {
  'multiline.zone': [' 11 ', ' 9 '],
};

// Wording that the zone file parser (zonefile/record-line.ts) extends beyond NSD's: it rejects the
// class itself and names it ("only class IN is supported, not CH"); NSD 4.6.1 stops at "supported".
function parserWording(p: string): string {
  return p.replace(/^(error \d+ only class IN is supported), not \S+$/, '$1');
}

const files = readdirSync(zones).filter((f) => f.endsWith('.zone')).sort();

t.test('the zone files are there', async (t) => {
  t.ok(files.length >= 15, `${files.length} zone files`);
  t.ok(existsSync(cli), 'the CLI is built');
});

for (const file of files) {
  t.test(file, async (t) => {
    if (!requireTool(t, nsd, 'nsd-checkzone', 'nsd')) return;
    const theirs = run(nsd!, ['example.com', file]);
    const mine = ours(['example.com', file]);
    t.equal(mine.status, theirs.status, 'exit status');
    t.equal(mine.stdout, theirs.stdout, 'stdout', { stderr: mine.stderr });
    let expected = nsdProblems(theirs.stderr);
    const fix = START_LINE[file];
    if (fix) expected = expected.map((p) => p.replace(fix[0], fix[1]));
    t.same(ourProblems(mine.stderr).map(parserWording), expected, 'problems: severity, line and message');
    t.ok(expected.length > 0 || theirs.status === 0, 'nsd saw problems or accepted the zone');
  });
}

/** The records of a zone text, in order, as comparable lines (names lower-cased as NSD prints them). */
function recordsOf(text: string): string[] {
  const problems: ZoneProblem[] = [];
  const source = new MemoryZoneSource({ 'p.zone': text });
  const origin = parseName('example.com.', null);
  const out: string[] = [];
  for (const { record: r } of parseZone({ file: 'p.zone', origin, source, onProblem: (p) => problems.push(p) })) {
    out.push(`${nameToText(r.owner).toLowerCase()} ${r.ttl} ${r.class} ${r.type} ${toHex(canonicalRdata(r.type, r.rdata))}`);
  }
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  return out;
}

t.test('-p prints the same records in the same order (SOA first, then canonical order)', async (t) => {
  if (!requireTool(t, nsd, 'nsd-checkzone', 'nsd')) return;
  let compared = 0;
  for (const file of files) {
    const theirs = run(nsd!, ['-p', 'example.com', file]);
    if (theirs.status !== 0) continue;
    const mine = ours(['-p', 'example.com', file]);
    t.equal(mine.status, 0, file);
    t.match(mine.stdout, /\n; zone example\.com is ok\n$/, `${file}: the verdict as a comment`);
    const records = recordsOf(mine.stdout);
    t.same(records, recordsOf(theirs.stdout), `${file}: records`);
    t.ok(records.length >= 2, `${file}: ${records.length} records`);
    compared++;
  }
  t.ok(compared >= 5, `${compared} zones compared`);
  const bad = ours(['-p', 'example.com', 'no-soa.zone']);
  t.equal(bad.status, 1);
  t.equal(bad.stdout, 'zone example.com file no-soa.zone has 1 errors\n', 'nothing printed for a bad zone');
});

t.test('a file that does not exist', async (t) => {
  if (!requireTool(t, nsd, 'nsd-checkzone', 'nsd')) return;
  const theirs = run(nsd!, ['example.com', 'missing.zone']);
  const mine = ours(['example.com', 'missing.zone']);
  t.equal(mine.status, theirs.status);
  t.equal(mine.stdout, theirs.stdout);
  t.same(ourProblems(mine.stderr), nsdProblems(theirs.stderr));
});

t.test('the zone name is printed as given', async (t) => {
  if (!requireTool(t, nsd, 'nsd-checkzone', 'nsd')) return;
  for (const args of [['example.com.', 'good.zone'], ['EXAMPLE.COM', 'good.zone'], ['example.com.', 'no-soa.zone']]) {
    const theirs = run(nsd!, args);
    const mine = ours(args);
    t.equal(mine.stdout, theirs.stdout, args.join(' '));
    t.same(ourProblems(mine.stderr), nsdProblems(theirs.stderr), args.join(' '));
  }
});

t.test('usage and argument errors', async (t) => {
  const h = ours(['-h']);
  t.equal(h.status, 0, '-h exits 0 as nsd-checkzone does');
  t.equal(h.stdout, '');
  t.match(h.stderr, /^Usage: tsdns-checkzone \[-p\] \[-h\] <zone name> <zone file>/);
  const none = ours([]);
  t.equal(none.status, 1);
  t.match(none.stderr, /^wrong number of arguments\.\nUsage:/);
  const three = ours(['a', 'b', 'c']);
  t.equal(three.status, 1);
  t.match(three.stderr, /^wrong number of arguments\./);
  const bad = ours(['-x', 'example.com', 'good.zone']);
  t.equal(bad.status, 1);
  t.match(bad.stderr, /^tsdns-checkzone: invalid option -- 'x'\nUsage:/);
  const badName = ours(['bad..name', 'good.zone']);
  t.equal(badName.status, 1);
  t.equal(badName.stdout, '');
  t.equal(badName.stderr, "error: cannot parse zone name 'bad..name'\n");
});
