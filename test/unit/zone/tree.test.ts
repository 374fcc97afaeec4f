// The name tree of a snapshot: exact and closest-encloser lookups, ENTs, cuts, occlusion, wildcards, DNAME.
import t from 'tap';
import { nameToText } from '../../../src/wire/index.js';
import { RRset, ZoneError, type ZoneNode } from '../../../src/zone/index.js';
import { BASE, mustBuild, n, TYPES } from './helpers.js';

const zone = mustBuild([
  ...BASE,
  'www 3600 A 192.0.2.2',
  'a.b.c 3600 A 192.0.2.3', // b.c and c are empty non-terminals
  'sub 3600 NS ns.sub',
  'ns.sub 3600 A 192.0.2.4', // glue
  'deep.x.sub 3600 TXT occluded', // below the cut, x.sub an ENT below it
  '*.wild 3600 A 192.0.2.5',
  'host.wild 3600 A 192.0.2.6',
  'dn 3600 DNAME example.net.',
  'sub.sub2 3600 NS ns1',
  'sub2 3600 NS ns1', // a cut above another cut
]);

const name = (node: ZoneNode | undefined) => (node ? nameToText(node.name) : undefined);

t.test('apex, soa and counts', async (t) => {
  t.equal(nameToText(zone.origin), 'example.com.');
  t.ok(zone.apex.isApex);
  t.equal(zone.serial, 1);
  t.equal(zone.soa.type, TYPES.SOA);
  t.equal(zone.recordCount, 13);
  // 12 owners + the ENTs c, b.c, x.sub and wild
  t.equal(zone.nodeCount, 16);
  t.equal([...zone.nodes()].length, 16);
});

t.test('exact lookups ignore case and include empty non-terminals', async (t) => {
  t.equal(name(zone.findNode(n('WWW.Example.COM.'))), 'www.example.com.');
  t.equal(zone.findNode(n('nope')), undefined);
  const ent = zone.findNode(n('b.c'));
  t.ok(ent, 'b.c exists as an ENT');
  t.ok(ent!.isEmptyNonTerminal);
  t.equal(ent!.rrsets.size, 0);
  t.ok(zone.findNode(n('c'))!.isEmptyNonTerminal);
  t.notOk(zone.findNode(n('www'))!.isEmptyNonTerminal);
  t.equal(zone.findNode(n('a.b.c'))!.parent, ent, 'parents are linked through ENTs');
  t.equal(zone.findNode(n('c'))!.parent, zone.apex);
  t.equal(zone.apex.parent, undefined);
});

t.test('closest encloser', async (t) => {
  let l = zone.lookup(n('www'));
  t.equal(name(l.node), 'www.example.com.');
  t.equal(l.closestEncloser, l.node);
  l = zone.lookup(n('x.y.b.c'));
  t.equal(l.node, undefined);
  t.equal(name(l.closestEncloser), 'b.c.example.com.');
  l = zone.lookup(n('nothing.here'));
  t.equal(l.closestEncloser, zone.apex);
  t.equal(l.cut, undefined);
  t.equal(l.dname, undefined);
  t.equal(zone.lookup(n('example.com.')).node, zone.apex);
});

t.test('cuts and occluded glue', async (t) => {
  const cut = zone.findNode(n('sub'))!;
  t.ok(cut.isDelegation);
  t.notOk(cut.isOccluded, 'the cut node itself is not occluded');
  t.notOk(zone.apex.isDelegation, 'apex NS is not a cut');
  t.ok(zone.findNode(n('ns.sub'))!.isOccluded, 'glue is occluded');
  t.ok(zone.findNode(n('x.sub'))!.isOccluded, 'an ENT below a cut is occluded');
  t.ok(zone.findNode(n('deep.x.sub'))!.isOccluded);
  t.equal(zone.lookup(n('sub')).cut, cut, 'the cut at the name');
  t.equal(zone.lookup(n('ns.sub')).cut, cut);
  t.equal(zone.lookup(n('a.b.deep.x.sub')).cut, cut);
  t.equal(name(zone.lookup(n('a.b.deep.x.sub')).closestEncloser), 'deep.x.sub.example.com.');
  t.equal(zone.lookup(n('www')).cut, undefined);
  const l = zone.lookup(n('q.sub.sub2'));
  t.equal(name(l.cut), 'sub2.example.com.', 'the highest cut wins');
  t.ok(zone.findNode(n('sub.sub2'))!.isDelegation);
  t.ok(zone.findNode(n('sub.sub2'))!.isOccluded, 'a cut below a cut is occluded');
});

t.test('wildcard child', async (t) => {
  t.ok(zone.findNode(n('wild'))!.hasWildcardChild);
  t.ok(zone.findNode(n('wild'))!.isEmptyNonTerminal);
  t.notOk(zone.apex.hasWildcardChild);
  t.notOk(zone.findNode(n('*.wild'))!.hasWildcardChild);
  const l = zone.lookup(n('other.wild'));
  t.equal(l.node, undefined);
  t.equal(name(l.closestEncloser), 'wild.example.com.');
});

t.test('DNAME', async (t) => {
  const dn = zone.findNode(n('dn'))!;
  t.equal(zone.lookup(n('dn')).dname, undefined, 'a DNAME does not apply to its own owner');
  t.equal(zone.lookup(n('dn')).node, dn);
  const l = zone.lookup(n('a.b.dn'));
  t.equal(l.dname, dn);
  t.equal(l.closestEncloser, dn);
  t.equal(l.cut, undefined);
  t.equal(l.node, undefined);
});

t.test('DNAME at the apex applies below it', async (t) => {
  const z = mustBuild([...BASE.slice(0, 2), '@ 3600 DNAME example.net.']);
  t.equal(z.lookup(n('x')).dname, z.apex);
  t.equal(z.lookup(n('example.com.')).dname, undefined);
  t.equal(z.lookup(n('a.b')).closestEncloser, z.apex);
});

t.test('lookup outside the zone is a programmer error', async (t) => {
  t.throws(() => zone.lookup(n('example.org.')), ZoneError);
  try {
    zone.lookup(n('com.'));
  } catch (e) {
    t.equal((e as ZoneError).code, 'NOT_IN_ZONE');
  }
});

t.test('RRset access', async (t) => {
  const www = zone.findNode(n('www'))!;
  t.equal(www.get(TYPES.A)!.rdatas.length, 1);
  t.same(Array.from(www.get(TYPES.A)!.rdatas[0]), [192, 0, 2, 2]);
  t.equal(www.get(TYPES.AAAA), undefined);
  t.equal(www.get(TYPES.A)!.ttlAt(0), 3600);
  t.equal(www.get(TYPES.A)!.ttls, undefined);
});

t.test('DNAME and cut above an occluded node', async (t) => {
  const z = mustBuild([...BASE, 'sub 3600 NS ns1', 'd.sub 3600 DNAME example.net.', 'dn 3600 DNAME example.org.', 'h.dn 3600 NSEC3 \\# 00']);
  const sub = z.findNode(n('sub'));
  const d = z.findNode(n('d.sub'))!;
  let l = z.lookup(n('d.sub'));
  t.equal(l.node, d);
  t.equal(l.cut, sub);
  t.equal(l.dname, undefined, "the name's own DNAME is not above it");
  l = z.lookup(n('a.d.sub'));
  t.equal(l.dname, d);
  t.equal(l.cut, sub);
  t.equal(l.closestEncloser, d);
  l = z.lookup(n('h.dn'));
  t.equal(name(l.node), 'h.dn.example.com.', 'an NSEC3-only node below a DNAME is allowed and found');
  t.equal(name(l.dname), 'dn.example.com.');
});

t.test('a node is the read-only map of its RRsets; RRset.of', async (t) => {
  const z = mustBuild([...BASE, 'm 3600 A 192.0.2.7', 'm 3600 TXT x', 'm 3600 A 192.0.2.8']);
  const m = z.findNode(n('m'))!;
  t.equal(m.rrsets, m);
  t.equal(m.size, 2);
  t.same([...m.keys()], [TYPES.A, TYPES.TXT]);
  t.same([...m].map(([type, r]) => [type, r.size]), [[TYPES.A, 2], [TYPES.TXT, 1]]);
  t.same([...m.entries()].map(([type]) => type), [TYPES.A, TYPES.TXT]);
  const seen: number[] = [];
  m.forEach((r, type, map) => {
    t.equal(map, m);
    seen.push(type, r.size);
  });
  t.same(seen, [TYPES.A, 2, TYPES.TXT, 1]);
  t.ok(m.has(TYPES.TXT));
  t.notOk(m.has(TYPES.MX));
  t.same(m.get(TYPES.A)!.rdatas.map((x) => Array.from(x)), [[192, 0, 2, 7], [192, 0, 2, 8]]);
  t.same(Array.from(m.get(TYPES.A)!.rdataAt(1)), [192, 0, 2, 8]);
  t.same([...zone.findNode(n('c'))!.values()], [], 'an ENT has no RRsets');

  const r = RRset.of(n('x'), TYPES.A, 1, 60, [new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6, 7, 8])], [60, 70]);
  t.equal(nameToText(r.owner), 'x.example.com.');
  t.equal(r.size, 2);
  t.same(r.rdatas.map((x) => Array.from(x)), [[1, 2, 3, 4], [5, 6, 7, 8]]);
  t.same([r.ttlAt(0), r.ttlAt(1)], [60, 70]);
  t.equal(RRset.of(n('x'), TYPES.A, 1, 60, [new Uint8Array([1, 2, 3, 4])]).ttlAt(0), 60);
});
