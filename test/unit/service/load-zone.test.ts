// loadZoneFile: parse + build with NSD's counting and positions (end-of-file line, unreadable file).
import t from 'tap';
import { parseName, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource } from '../../../src/zonefile/index.js';
import { loadZoneFile } from '../../../src/service/load-zone.js';

const origin = parseName('example.com.', null);
const SOA = '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n';

function load(files: Record<string, string>, file = 'z.zone', chunkSize = 7) {
  const problems: ZoneProblem[] = [];
  const r = loadZoneFile({ origin, file, zoneText: 'example.com', source: new MemoryZoneSource(files, chunkSize), onProblem: (p) => problems.push(p) });
  return { ...r, problems: problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`) };
}

t.test('a good zone', async (t) => {
  const r = load({ 'z.zone': `$ORIGIN example.com.\n${SOA}@ IN NS ns1\nns1 IN A 192.0.2.1\n` });
  t.same(r.problems, []);
  t.equal(r.errors, 0);
  t.equal(r.contents?.recordCount, 3);
  t.equal(r.contents?.serial, 1);
});

t.test('the default TTL is 3600 as in NSD', async (t) => {
  const r = load({ 'z.zone': `${SOA}www IN A 192.0.2.1\n` });
  t.equal([...r.contents!.records()][1].ttl, 3600);
});

t.test('end-of-zone problems are at the line after the last, counted across chunks', async (t) => {
  const r = load({ 'z.zone': 'www IN A 192.0.2.1\n; a comment\n\nmore IN A 192.0.2.2\n' });
  t.equal(r.contents, undefined);
  t.equal(r.errors, 1);
  t.same(r.problems, ["z.zone:5: error: zone configured as 'example.com' has no SOA record."]);
});

t.test('lines of included files do not count', async (t) => {
  const r = load({ 'z.zone': '$INCLUDE inc.zone\nwww IN A 192.0.2.1\n', 'inc.zone': 'a IN A 192.0.2.1\nb IN A 192.0.2.1\nc IN A 192.0.2.1\n' });
  t.same(r.problems, ["z.zone:3: error: zone configured as 'example.com' has no SOA record."]);
});

t.test('an unreadable file is one error, as NSD (no "no SOA" after it)', async (t) => {
  const r = load({}, 'missing.zone');
  t.equal(r.errors, 1);
  t.equal(r.contents, undefined);
  t.equal(r.problems.length, 1);
  t.match(r.problems[0], /^missing\.zone:0: error: cannot open 'missing\.zone'/);
});

t.test('errors and warnings are counted; any error drops the zone', async (t) => {
  const r = load({ 'z.zone': `${SOA}t 10 IN A 192.0.2.1\nt 20 IN A 192.0.2.2\nw IN CNAME t\nw IN A 192.0.2.3\n` });
  t.equal(r.warnings, 1);
  t.equal(r.errors, 1);
  t.equal(r.contents, undefined);
  const ok = load({ 'z.zone': `${SOA}t 10 IN A 192.0.2.1\nt 20 IN A 192.0.2.2\n` });
  t.equal(ok.warnings, 1);
  t.ok(ok.contents);
});
