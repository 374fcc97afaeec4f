// ZoneDb: the most specific zone for a name, and DS answered from the parent side (RFC 4035 3.1.4.1).
import t from 'tap';
import { nameToText, parseName, type Name } from '../../../src/wire/index.js';
import { buildZone, ZoneDb, type ZoneContents } from '../../../src/zone/index.js';
import { rdata } from './helpers.js';

function zoneAt(origin: string): ZoneContents {
  const o = parseName(origin, null);
  const soa = { owner: o, type: 6, class: 1, ttl: 60, rdata: rdata('SOA', 'ns1 h 1 2 3 4 5', o) };
  const z = buildZone(o, [{ record: soa, file: '', line: 0, col: 0 }], () => undefined);
  if (!z) throw new Error('no zone');
  return z;
}

const db = new ZoneDb();
for (const o of ['com.', 'example.com.', 'sub.example.com.', 'other.org.']) db.set(zoneAt(o));
const q = (s: string): Name => parseName(s, null);
const origin = (z: ZoneContents | undefined) => (z ? nameToText(z.origin) : undefined);

t.test('findZone picks the most specific zone', async (t) => {
  t.equal(origin(db.findZone(q('www.example.com.'))), 'example.com.');
  t.equal(origin(db.findZone(q('a.b.sub.EXAMPLE.com.'))), 'sub.example.com.');
  t.equal(origin(db.findZone(q('sub.example.com.'))), 'sub.example.com.');
  t.equal(origin(db.findZone(q('example.com.'))), 'example.com.');
  t.equal(origin(db.findZone(q('net.'))), undefined);
  t.equal(origin(db.findZone(q('.'))), undefined);
  t.equal(origin(db.findZone(q('org.'))), undefined);
  t.equal(origin(db.findZone(q('x.other.org.'))), 'other.org.');
});

t.test('findZoneForDS goes to the parent at an apex', async (t) => {
  t.equal(origin(db.findZoneForDS(q('sub.example.com.'))), 'example.com.');
  t.equal(origin(db.findZoneForDS(q('example.com.'))), 'com.');
  t.equal(origin(db.findZoneForDS(q('com.'))), 'com.', 'no parent served: the zone itself answers');
  t.equal(origin(db.findZoneForDS(q('other.org.'))), 'other.org.');
  t.equal(origin(db.findZoneForDS(q('www.sub.example.com.'))), 'sub.example.com.', 'not an apex: as findZone');
  t.equal(origin(db.findZoneForDS(q('nothing.net.'))), undefined);
});

t.test('set replaces, get and remove, zones', async (t) => {
  const d = new ZoneDb();
  const a = zoneAt('a.test.');
  const a2 = zoneAt('A.TEST.');
  d.set(a);
  d.set(a2);
  t.equal(d.size, 1);
  t.equal(d.get(q('a.test.')), a2);
  t.same([...d.zones()], [a2]);
  t.ok(d.remove(q('a.TEST.')));
  t.notOk(d.remove(q('a.test.')));
  t.equal(d.findZone(q('x.a.test.')), undefined);
});

t.test('a root zone catches everything', async (t) => {
  const d = new ZoneDb();
  d.set(zoneAt('.'));
  d.set(zoneAt('example.'));
  t.equal(origin(d.findZone(q('www.test.'))), '.');
  t.equal(origin(d.findZoneForDS(q('example.'))), '.');
  t.equal(origin(d.findZoneForDS(q('.'))), '.');
});
