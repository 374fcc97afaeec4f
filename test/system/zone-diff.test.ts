// Differential test of the zone file parser: the records tsdns reads from each test zone must equal the records
// BIND's named-compilezone reads from the same file, compared as normalised record sets (wire-form rdata).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { canonicalRdata, parseName, type ZoneProblem } from '../../src/wire/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { FileZoneSource } from '../../src/service/zone-source.js';
import { REPO } from '../support/servers.js';

const ZONES: Array<[origin: string, file: string]> = [
  ['ugly.example', 'test/zones/diff/ugly.example.zone'],
  ['example.net', 'test/zones/serve/example.net.zone'],
  ['sub.example.net', 'test/zones/serve/sub.example.net.zone'],
  ['example.org', 'test/zones/serve/example.org.zone'],
  ['2.0.192.in-addr.arpa', 'test/zones/serve/2.0.192.in-addr.arpa.zone'],
  ['example.com', 'zones/example.com.zone'],
  ['8.b.d.0.1.0.0.2.ip6.arpa', 'zones/8.b.d.0.1.0.0.2.ip6.arpa.zone'],
];

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** Every record of a zone text as `owner ttl class type rdata-hex`, sorted; problems are collected. */
function recordSet(origin: string, file: string, source: FileZoneSource | MemoryZoneSource, problems: ZoneProblem[]): string[] {
  const out: string[] = [];
  const records = parseZone({ file, origin: parseName(origin + '.', null), source, onProblem: (p) => problems.push(p) });
  for (const { record: r } of records) out.push(`${r.owner.key} ${r.ttl} ${r.class} ${r.type} ${hex(canonicalRdata(r.type, r.rdata))}`);
  return out.sort();
}

function bindsReading(origin: string, file: string): string {
  // -s full: one record a line with absolute names; the integrity checks are off, only reading is compared.
  return execFileSync('named-compilezone', ['-q', '-s', 'full', '-i', 'none', '-k', 'ignore', '-n', 'ignore', '-o', '-', origin, file], {
    encoding: 'latin1',
    timeout: 30000,
  });
}

for (const [origin, rel] of ZONES) {
  t.test(`${rel} reads the same as named-compilezone`, (t) => {
    const file = path.join(REPO, rel);
    const problems: ZoneProblem[] = [];
    const ours = recordSet(origin, file, new FileZoneSource(), problems);
    t.same(problems.filter((p) => p.severity === 'error'), [], 'tsdns reads the original without errors');
    const bindText = bindsReading(origin, file);
    const bindProblems: ZoneProblem[] = [];
    const theirs = recordSet(origin, 'bind-output', new MemoryZoneSource({ 'bind-output': bindText }), bindProblems);
    t.same(bindProblems.filter((p) => p.severity === 'error'), [], "tsdns reads BIND's rendering without errors");
    t.ok(ours.length > 3, `${ours.length} records read`);
    t.same(ours, theirs, 'the same records, TTLs and rdata as BIND read');
    t.end();
  });
}
