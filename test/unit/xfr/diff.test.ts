// computeDiff lists exactly the changed records; applyDiffs(old, computeDiff(old, new)) rebuilds new (fast-check).
import fc from 'fast-check';
import t from 'tap';
import { applyDiffs, computeDiff, type Diff } from '../../../src/xfr/index.js';
import { recordKey } from '../../../src/xfr/record-key.js';
import type { ZoneContents } from '../../../src/zone/index.js';
import { rrText, sortedTexts, zoneOf, zoneText } from './support.js';

/** The zone's records as comparable keys (owner ignoring case, names in rdata per RFC 4034 6.2, TTL). */
function contentKeys(z: ZoneContents): string[] {
  return [...z.records()].map(recordKey).sort();
}

const BASE = [
  'www 300 IN A 192.0.2.80',
  'www 300 IN A 192.0.2.81',
  'mail 300 IN MX 10 mx1',
  'mail 300 IN MX 20 mx2',
  'mx1 300 IN A 192.0.2.25',
  'txt 300 IN TXT "hello"',
  'sub 3600 IN NS ns.sub',
  'ns.sub 3600 IN A 192.0.2.53',
];

t.test('exactly the changed records', async (t) => {
  const old = zoneOf(zoneText(1, BASE));
  const edited = BASE.filter((l) => l !== 'www 300 IN A 192.0.2.81')
    .map((l) => (l === 'txt 300 IN TXT "hello"' ? 'txt 600 IN TXT "hello"' : l))
    .concat(['new 300 IN AAAA 2001:db8::1', 'www 300 IN A 192.0.2.82']);
  const next = zoneOf(zoneText(2, edited));
  const d = computeDiff(old, next);
  t.equal(d.oldSerial, 1);
  t.equal(d.newSerial, 2);
  t.same(d.removed.map(rrText).sort(), ['txt.example.com. 300 1 TXT "hello"', 'www.example.com. 300 1 A 192.0.2.81']);
  t.same(d.added.map(rrText).sort(), ['new.example.com. 300 1 AAAA 2001:db8::1', 'txt.example.com. 600 1 TXT "hello"', 'www.example.com. 300 1 A 192.0.2.82']);
  t.equal(d.oldSoa.type, 6);
  t.equal(d.newSoa.type, 6);
});

t.test('unchanged RRsets are not re-sent, even reordered or with names in another case', async (t) => {
  const old = zoneOf(zoneText(1, BASE));
  const shuffled = [...BASE].reverse().map((l) => l.replace('mail 300 IN MX 10 mx1', 'MAIL 300 IN MX 10 MX1'));
  const d = computeDiff(old, zoneOf(zoneText(5, shuffled)));
  t.same(d.removed, []);
  t.same(d.added, []);
  t.equal(d.newSerial, 5);
});

t.test('whole names added and removed, empty non-terminals ignored', async (t) => {
  const old = zoneOf(zoneText(1, [...BASE, 'a.b.c 300 IN A 192.0.2.9']));
  const next = zoneOf(zoneText(2, [...BASE.filter((l) => !l.startsWith('mail')), 'x.y.z 300 IN A 192.0.2.10']));
  const d = computeDiff(old, next);
  t.same(sortedTexts(d.removed), ['a.b.c.example.com. 300 1 A 192.0.2.9', 'mail.example.com. 300 1 MX 10 mx1.example.com.', 'mail.example.com. 300 1 MX 20 mx2.example.com.']);
  t.same(sortedTexts(d.added), ['x.y.z.example.com. 300 1 A 192.0.2.10']);
  const applied = applyDiffs(old, [d]);
  t.ok(applied.ok);
  if (applied.ok) t.same(contentKeys(applied.zone), contentKeys(next));
});

t.test('applyDiffs refuses what does not fit the copy', async (t) => {
  const old = zoneOf(zoneText(1, BASE));
  const next = zoneOf(zoneText(2, BASE.slice(1)));
  const d = computeDiff(old, next);
  t.match(applyDiffs(next, [d]), { ok: false, code: 'IXFR_CHAIN_BROKEN' });
  const missing: Diff = { ...d, removed: [...d.removed, ...computeDiff(zoneOf(zoneText(1, [])), zoneOf(zoneText(2, ['gone 1 IN A 192.0.2.1']))).added] };
  t.match(applyDiffs(old, [missing]), { ok: false, code: 'IXFR_DELETE_MISSING' });
  t.match(applyDiffs(old, [{ ...d, newSerial: 1 }]), { ok: false, code: 'IXFR_SERIAL_NOT_NEWER' });
  const cname = computeDiff(zoneOf(zoneText(1, [])), zoneOf(zoneText(2, ['www 300 IN CNAME elsewhere.example.'])));
  const clash: Diff = { ...d, added: [...d.added, ...cname.added] };
  t.match(applyDiffs(old, [clash]), { ok: false, code: 'ZONE_INVALID' }, 'CNAME and other data fail the zone checks');
  t.same(contentKeys(old), contentKeys(zoneOf(zoneText(1, BASE))), 'the old snapshot is untouched');
  t.match(applyDiffs(old, []), { ok: true, zone: old });
});

t.test('a chain applied step by step or at once gives the same zone', async (t) => {
  const v1 = zoneOf(zoneText(1, BASE));
  const v2 = zoneOf(zoneText(2, [...BASE, 'b 300 IN A 192.0.2.2']));
  const v3 = zoneOf(zoneText(3, [...BASE.slice(2), 'b 600 IN A 192.0.2.2']));
  const v4 = zoneOf(zoneText(4, [...BASE, 'c 300 IN A 192.0.2.3']));
  const chain = [computeDiff(v1, v2), computeDiff(v2, v3), computeDiff(v3, v4)];
  const r = applyDiffs(v1, chain);
  t.ok(r.ok);
  if (r.ok) {
    t.same(contentKeys(r.zone), contentKeys(v4));
    t.equal(r.zone.serial, 4);
  }
});

// fast-check: random zones and random edits.
const label = fc.constantFrom('a', 'b', 'c', 'www', 'mail', 'x.y', 'deep.x.y', 'Mixed');
const record = fc.oneof(
  fc.tuple(label, fc.constantFrom(60, 300), fc.integer({ min: 1, max: 6 })).map(([o, ttl, i]) => `${o} ${ttl} IN A 192.0.2.${i}`),
  fc.tuple(label, fc.constantFrom(300, 900), fc.integer({ min: 1, max: 3 })).map(([o, ttl, i]) => `${o} ${ttl} IN AAAA 2001:db8::${i}`),
  fc.tuple(label, fc.integer({ min: 1, max: 3 }), fc.constantFrom('mx1', 'MX1', 'mx2')).map(([o, p, h]) => `${o} 300 IN MX ${p} ${h}`),
  fc.tuple(label, fc.constantFrom('one', 'two', 'three')).map(([o, s]) => `${o} 300 IN TXT "${s}"`),
);
// One TTL per (owner, type) keeps the zones free of RFC 2181 5.2 warnings; duplicates are dropped by the builder anyway.
const zoneLines = fc.array(record, { maxLength: 25 }).map((ls) => {
  const ttl = new Map<string, string>();
  return ls.map((l) => {
    const [o, tt, , type] = l.split(' ');
    const k = `${o.toLowerCase()} ${type}`;
    if (!ttl.has(k)) ttl.set(k, tt);
    return l.replace(` ${tt} `, ` ${ttl.get(k)} `);
  });
});

t.test('property: applying diff(old, new) to old gives new; the diff lists only changes', async (t) => {
  fc.assert(
    fc.property(zoneLines, zoneLines, fc.integer({ min: 1, max: 1000 }), (a, b, step) => {
      const old = zoneOf(zoneText(100, a));
      const next = zoneOf(zoneText(100 + step, b));
      const d = computeDiff(old, next);
      const oldKeys = new Set(contentKeys(old));
      const newKeys = new Set(contentKeys(next));
      if (d.removed.some((r) => newKeys.has(recordKey(r)) || !oldKeys.has(recordKey(r)))) return false;
      if (d.added.some((r) => oldKeys.has(recordKey(r)) || !newKeys.has(recordKey(r)))) return false;
      const changed = [...oldKeys].filter((k) => !newKeys.has(k)).length + [...newKeys].filter((k) => !oldKeys.has(k)).length;
      if (d.removed.length + d.added.length !== changed - 2) return false; // the two SOAs are not listed
      const r = applyDiffs(old, [d]);
      return r.ok && r.zone.serial === next.serial && contentKeys(r.zone).join('\n') === contentKeys(next).join('\n');
    }),
    { numRuns: 150 },
  );
  t.pass('held for 150 random pairs of zones');
});
