// buildZone's checks, each with NSD 4.6.1's message, and what the builder keeps (duplicates, TTLs, case).
import t from 'tap';
import { nameToText, parseName } from '../../../src/wire/index.js';
import { buildZone } from '../../../src/zone/index.js';
import { BASE, build, mustBuild, n, ORIGIN, positioned, rr, SOA, TYPES } from './helpers.js';

/** `line: severity: message` for each problem. */
function problems(lines: string[]): string[] {
  return build(lines).problems.map((p) => `${p.line}: ${p.severity}: ${p.message}`);
}

t.test('a good zone builds with no problems', async (t) => {
  const b = build(BASE);
  t.ok(b.zone);
  t.same(b.problems, []);
});

t.test('no SOA', async (t) => {
  const b = build(['@ 3600 NS ns1', 'ns1 3600 A 192.0.2.1']);
  t.equal(b.zone, undefined);
  t.same(b.problems.map((p) => [p.code, p.line, p.message]), [
    ['NO_SOA', 3, "zone configured as 'example.com' has no SOA record."],
  ]);
  const problems: string[] = [];
  buildZone(ORIGIN, [], (p) => problems.push(p.message), { zoneText: 'example.com.' });
  t.same(problems, ["zone configured as 'example.com.' has no SOA record."], 'the zone name as the user wrote it');
});

t.test('two SOA records', async (t) => {
  t.same(problems([...BASE, '@ 3600 SOA ns1 hostmaster 2 7200 3600 1209600 3600']), [
    '4: error: this SOA record was already encountered',
  ]);
  t.same(problems([...BASE, SOA]), ['4: error: this SOA record was already encountered'], 'even an identical one');
});

t.test('SOA not at the apex', async (t) => {
  t.same(problems([...BASE, 'sub 3600 SOA ns1 hostmaster 2 7200 3600 1209600 3600']), [
    "4: error: SOA record with invalid domain name, 'sub.example.com.' is not 'example.com.'",
  ]);
  t.same(problems(['sub 3600 SOA ns1 hostmaster 2 7200 3600 1209600 3600', 'ns1 3600 A 192.0.2.1']), [
    "1: error: SOA record with invalid domain name, 'sub.example.com.' is not 'example.com.'",
    "3: error: zone configured as 'example.com' has no SOA record.",
  ]);
});

t.test('CNAME and other data', async (t) => {
  t.same(problems([...BASE, 'www 3600 CNAME ns1', 'www 3600 A 192.0.2.3', 'www 3600 TXT x']), [
    '5: error: CNAME and other data at the same name',
    '6: error: CNAME and other data at the same name',
  ], 'one error per record added while both exist, as NSD');
  t.same(problems([...BASE, 'www 3600 A 192.0.2.3', 'www 3600 TXT x', 'www 3600 CNAME ns1']), [
    '6: error: CNAME and other data at the same name',
  ]);
  t.same(problems([...BASE, '@ 3600 CNAME ns1']), ['4: error: CNAME and other data at the same name'], 'at the apex');
  t.same(problems([...BASE, 'www 3600 CNAME ns1', 'www 3600 RRSIG \\# 00', 'www 3600 NSEC \\# 00']), [], 'RRSIG and NSEC may sit beside a CNAME');
  t.same(problems([...BASE, 'www 3600 CNAME ns1', 'www 3600 KEY \\# 0100']), ['5: error: CNAME and other data at the same name'], 'KEY may not (NSD 4.6)');
});

t.test('multiple CNAMEs, DNAMEs, CNAME with DNAME', async (t) => {
  t.same(problems([...BASE, 'www 3600 CNAME a', 'www 3600 CNAME b', 'www 3600 CNAME c']), [
    '5: error: multiple CNAMEs at the same name',
    '6: error: multiple CNAMEs at the same name',
  ]);
  t.same(problems([...BASE, 'www 3600 CNAME a', 'www 3600 CNAME A']), [], 'a duplicate CNAME is dropped, not a second one');
  t.same(problems([...BASE, 'www 3600 DNAME a', 'www 3600 DNAME b']), ['5: error: multiple DNAMEs at the same name']);
  t.same(problems([...BASE, 'www 3600 CNAME a', 'www 3600 DNAME b']), [
    '5: error: DNAME and CNAME at the same name',
    '5: error: CNAME and other data at the same name',
  ]);
});

t.test('data below a DNAME: the first node in canonical order, as two errors', async (t) => {
  t.same(problems([...BASE, 'www 3600 DNAME a', 'z.x.www 3600 A 192.0.2.9', 'y.www 3600 A 192.0.2.9', 'x.www 3600 A 192.0.2.9']), [
    '8: error: While checking node x.www.example.com.,',
    '8: error: DNAME at www.example.com. has data below it. This is not allowed (rfc 2672).',
  ]);
  t.same(problems([...BASE, '@ 3600 DNAME example.net.']), [
    '5: error: While checking node ns1.example.com.,',
    '5: error: DNAME at example.com. has data below it. This is not allowed (rfc 2672).',
  ], 'a DNAME at the apex');
  t.same(problems([...BASE, 'www 3600 DNAME a', 'h.www 3600 NSEC3 \\# 00']), [], 'NSEC3-only nodes are allowed');
  t.same(problems([...BASE, 'sub 3600 NS ns1', 'sub 3600 DNAME a', 'x.sub 3600 A 192.0.2.1']), [
    '7: error: While checking node x.sub.example.com.,',
    '7: error: DNAME at sub.example.com. has data below it. This is not allowed (rfc 2672).',
  ], 'also below a cut');
});

t.test('out of zone data', async (t) => {
  t.same(problems([...BASE, 'www.example.org. 3600 A 192.0.2.3', 'com. 3600 A 192.0.2.3', 'xexample.com. 3600 A 192.0.2.3']), [
    '4: error: out of zone data: www.example.org. is outside the zone for fqdn example.com.',
    '5: error: out of zone data: com. is outside the zone for fqdn example.com.',
    '6: error: out of zone data: xexample.com. is outside the zone for fqdn example.com.',
  ]);
});

t.test('class other than IN', async (t) => {
  const recs = positioned(BASE);
  recs.push({ record: rr('www 3600 TXT x', 3), file: 'test.zone', line: 4, col: 1 });
  const got: string[] = [];
  t.equal(buildZone(ORIGIN, recs, (p) => got.push(`${p.line}: ${p.code}: ${p.message}`)), undefined);
  t.same(got, ['4: CLASS_NOT_IN: only class IN is supported']);
});

t.test('TTL mismatch inside an RRset: warning, and each record keeps its own TTL as NSD serves it', async (t) => {
  const b = build([...BASE, 'www 100 A 192.0.2.3', 'www 200 A 192.0.2.4', 'www 200 A 192.0.2.4', 'www 300 RRSIG \\# 01', 'www 400 RRSIG \\# 02']);
  t.same(b.problems.map((p) => `${p.line}: ${p.severity}: ${p.code}: ${p.message}`), [
    '5: warning: TTL_MISMATCH: www.example.com. TTL 200 does not match the TTL 100 of the A RRset',
    '6: warning: TTL_MISMATCH: www.example.com. TTL 200 does not match the TTL 100 of the A RRset',
  ], 'warned for the duplicate too, never for RRSIG');
  t.ok(b.zone, 'warnings do not fail the zone');
  const a = b.zone!.findNode(n('www'))!.get(TYPES.A)!;
  t.equal(a.ttl, 100);
  t.same(a.ttls, [100, 200]);
  t.same([a.ttlAt(0), a.ttlAt(1)], [100, 200]);
  t.same(b.zone!.findNode(n('www'))!.get(TYPES.RRSIG)!.ttls, [300, 400]);
  t.same([...b.zone!.records()].filter((r) => r.type === TYPES.A && r.owner.key === n('www').key).map((r) => r.ttl), [100, 200]);
});

t.test('duplicates are dropped silently; names in rdata compare ignoring case, other octets exactly', async (t) => {
  const b = build([
    ...BASE,
    'www 3600 MX 10 Mail.example.com.',
    'www 3600 MX 10 mail.EXAMPLE.com.',
    'www 3600 TXT a',
    'www 3600 TXT A',
    'ns1 3600 A 192.0.2.1',
  ]);
  t.same(b.problems, []);
  const www = b.zone!.findNode(n('www'))!;
  t.equal(www.get(TYPES.MX)!.rdatas.length, 1);
  t.same(parseName('Mail.example.com.', null).wire, www.get(TYPES.MX)!.rdatas[0].subarray(2), 'the first one is kept as written');
  t.equal(www.get(TYPES.TXT)!.rdatas.length, 2);
  t.equal(b.zone!.recordCount, 6);
});

t.test('duplicates in a large RRset', async (t) => {
  const lines = [...BASE];
  for (let i = 0; i < 100; i++) lines.push(`big 3600 A 10.0.${i % 50}.1`);
  lines.push('big 3600 NS Ns.Example.com.', 'big 3600 NS ns.example.com.');
  for (let i = 0; i < 40; i++) lines.push(`big2 3600 NS n${i % 30}.example.com.`);
  const z = mustBuild(lines);
  t.equal(z.findNode(n('big'))!.get(TYPES.A)!.rdatas.length, 50);
  t.equal(z.findNode(n('big'))!.get(TYPES.NS)!.rdatas.length, 1);
  t.equal(z.findNode(n('big2'))!.get(TYPES.NS)!.rdatas.length, 30);
});

t.test('records below a cut are kept, flagged, and give no problem (as nsd-checkzone)', async (t) => {
  const b = build([...BASE, 'sub 3600 NS ns.sub', 'ns.sub 3600 A 192.0.2.5', 'foo.sub 3600 TXT occluded', 'sub 3600 A 192.0.2.6']);
  t.same(b.problems, []);
  t.ok(b.zone!.findNode(n('foo.sub'))!.isOccluded);
  t.equal(b.zone!.recordCount, 7);
});

t.test('no NS at the apex is accepted, as nsd-checkzone does', async (t) => {
  const b = build([SOA, 'www 3600 A 192.0.2.1']);
  t.same(b.problems, []);
  t.ok(b.zone);
});

t.test('owner case: the node keeps the first spelling, each RRset its first record', async (t) => {
  const z = mustBuild([...BASE, 'WWW 3600 TXT x', 'www 3600 A 192.0.2.3', 'Www 3600 A 192.0.2.4']);
  const node = z.findNode(n('www'))!;
  t.equal(nameToText(node.name), 'WWW.example.com.');
  t.equal(nameToText(node.get(TYPES.A)!.owner), 'www.example.com.');
  t.equal(node.get(TYPES.A)!.rdatas.length, 2);
  t.same([...node.rrsets.keys()], [TYPES.TXT, TYPES.A], 'RRsets in load order');
});

t.test('records() puts the SOA first even when it was not first in the file', async (t) => {
  const z = mustBuild(['@ 3600 MX 10 mail', '@ 3600 NS ns1', SOA, 'mail 3600 A 192.0.2.1']);
  t.same([...z.records()].map((r) => r.type), [TYPES.SOA, TYPES.MX, TYPES.NS, TYPES.A]);
});

t.test('the root zone', async (t) => {
  const root = parseName('.', null);
  const recs = [
    { record: { owner: root, type: TYPES.SOA, class: 1, ttl: 1, rdata: new Uint8Array([0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }, file: 'r', line: 1, col: 1 },
    { record: { owner: parseName('com.', null), type: TYPES.NS, class: 1, ttl: 1, rdata: parseName('a.gtld.', null).wire }, file: 'r', line: 2, col: 1 },
  ];
  const z = buildZone(root, recs, () => t.fail('no problem expected'));
  t.ok(z);
  t.equal(z!.serial, 7);
  t.ok(z!.findNode(parseName('com.', null))!.isDelegation);
  t.equal(z!.lookup(parseName('www.example.com.', null)).cut, z!.findNode(parseName('com.', null)));
});
