// Golden zones: test/zones/zonefile/*.zone read from disk, written back, compared with *.expected and with NSD's reading.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalRdata, formatProblem, parseName, type ResourceRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource, parseZone, writeZone, type ZoneSource } from '../../../src/zonefile/index.js';
import { FileZoneSource } from '../../../src/service/zone-source.js';
import { requireTool } from '../../support/tools.js';
import { parseWithFastPath, summary } from './support.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DIR = join(REPO, 'test/zones/zonefile');
const ORIGINS: Record<string, string> = {
  'ugly.zone': 'ugly.example',
  'include-main.zone': 'example.net',
  'crlf.zone': 'crlf.example',
  'errors.zone': 'example.org',
};

function read(origin: string, file: string, source: ZoneSource): { records: ResourceRecord[]; problems: ZoneProblem[] } {
  const problems: ZoneProblem[] = [];
  const records = [...parseZone({ file, origin: parseName(origin + '.', null), source, onProblem: (p) => problems.push(p) })].map((p) => p.record);
  return { records, problems };
}

/** Records as NSD compares them: owner and rdata names ignoring case. */
function canonicalSet(records: readonly ResourceRecord[]): string[] {
  return records
    .map((r) => `${r.owner.key} ${r.ttl} ${r.class} ${r.type} ${Buffer.from(canonicalRdata(r.type, r.rdata)).toString('hex')}`)
    .sort();
}

const HAVE_NSD = ((): boolean => {
  try {
    execFileSync('nsd-checkzone', ['-h'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'ENOENT';
  }
})();

function nsdCheckzone(origin: string, file: string): { status: number; out: string } {
  try {
    const out = execFileSync('nsd-checkzone', ['-p', origin, file], { cwd: DIR, encoding: 'latin1', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, out };
  } catch (e) {
    const x = e as { status?: number; stdout?: string };
    return { status: x.status ?? 1, out: x.stdout ?? '' };
  }
}

t.test('the golden zones are all in the table', async (t) => {
  const zones = readdirSync(DIR).filter((f) => f.endsWith('.zone')).sort();
  t.same(zones, Object.keys(ORIGINS).sort());
});

for (const [name, origin] of Object.entries(ORIGINS)) {
  t.test(`${name}: records and problems as expected`, async (t) => {
    const file = relative(REPO, join(DIR, name));
    const prev = process.cwd();
    process.chdir(REPO);
    let got: ReturnType<typeof read>;
    try {
      got = read(origin, file, new FileZoneSource());
    } finally {
      process.chdir(prev);
    }
    const text = writeZone(got.records) + got.problems.map((p) => `; ${formatProblem(p)}\n`).join('');
    const expectedFile = join(DIR, name.replace(/\.zone$/, '.expected'));
    if (process.env.TSDNS_UPDATE_GOLDEN === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, text, 'latin1');
    t.equal(text, readFileSync(expectedFile, 'latin1'));
  });

  t.test(`${name}: the loader's fast path reads the same records, spellings, positions and problems`, async (t) => {
    const opts = (problems: ZoneProblem[]) => ({ file: join(DIR, name), origin: parseName(origin + '.', null), source: new FileZoneSource(), onProblem: (p: ZoneProblem) => problems.push(p) });
    const generalProblems: ZoneProblem[] = [];
    const general = [...parseZone(opts(generalProblems))];
    const fastProblems: ZoneProblem[] = [];
    const fast = parseWithFastPath(opts(fastProblems));
    const show = (r: (typeof general)[number]): string => `${r.line}:${r.col} ${Buffer.from(r.record.owner.wire).toString('hex')} ${summary(r)}`;
    t.same(fast.records.map(show), general.map(show));
    t.same(fastProblems, generalProblems);
    t.ok(fast.fast > 0, `${fast.fast} of ${general.length} records took the fast path`);
  });

  t.test(`${name}: nsd-checkzone reads the same records, and agrees on ok or not`, async (t) => {
    if (!requireTool(t, HAVE_NSD, 'nsd-checkzone', 'nsd')) return;
    const nsd = nsdCheckzone(origin, name);
    const ours = read(origin, join(DIR, name), new FileZoneSource());
    const ourErrors = ours.problems.filter((p) => p.severity === 'error');
    t.equal(nsd.status === 0, ourErrors.length === 0, `nsd exit ${nsd.status}, ours ${ourErrors.length} errors`);
    if (nsd.status !== 0) return;
    const theirs = read(origin, 'nsd-output', new MemoryZoneSource({ 'nsd-output': nsd.out }));
    t.same(theirs.problems, [], "NSD's printout reads back without problems");
    t.same(canonicalSet(ours.records), canonicalSet(theirs.records));
  });
}
