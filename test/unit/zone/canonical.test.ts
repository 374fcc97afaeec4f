// RFC 4034 6.1 canonical order: the RFC's own example list, the snapshot's node order and predecessor lookups.
import t from 'tap';
import fc from 'fast-check';
import { compareNames, nameFromLabels, nameToText, parseName } from '../../../src/wire/index.js';
import { canonicalSortKey, compareKeys, sortCanonical } from '../../../src/zone/index.js';
import { BASE, mustBuild, n } from './helpers.js';

// RFC 4034 section 6.1, in the order the RFC gives.
const RFC_ORDER = [
  'example.',
  'a.example.',
  'yljkjljk.a.example.',
  'Z.a.example.',
  'zABC.a.EXAMPLE.',
  'z.example.',
  '\\001.z.example.',
  '*.z.example.',
  '\\200.z.example.',
];

t.test('the RFC 4034 6.1 example sorts as the RFC lists it', async (t) => {
  const names = RFC_ORDER.map((x) => {
    const name = parseName(x, null);
    return { name, key: name.key };
  });
  const shuffled = [...names].reverse();
  shuffled.push(shuffled.shift()!);
  const sorted = sortCanonical(shuffled).map((x) => nameToText(x.name));
  t.same(sorted, RFC_ORDER);
});

t.test('sort keys and compareKeys order exactly like compareNames (property)', async (t) => {
  const label = fc.uint8Array({ minLength: 1, maxLength: 4 }).map((a) => a.map((b) => [0, 0x2a, 0x41, 0x61, 0x7a, 0x5a, 0xff][b % 7]));
  const name = fc.array(label, { minLength: 0, maxLength: 4 }).map((ls) => nameFromLabels(ls));
  fc.assert(
    fc.property(name, name, (a, b) => {
      const ka = canonicalSortKey(a.key);
      const kb = canonicalSortKey(b.key);
      const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
      const expected = Math.sign(compareNames(a, b));
      return byKey === expected && Math.sign(compareKeys(a.key, b.key)) === expected;
    }),
    { numRuns: 2000 },
  );
});

const zone = mustBuild([
  ...BASE,
  'z 3600 A 192.0.2.9',
  '\\200.z 3600 A 192.0.2.9',
  '*.z 3600 A 192.0.2.9',
  '\\001.z 3600 A 192.0.2.9',
  'zABC.a 3600 A 192.0.2.9',
  'Z.a 3600 A 192.0.2.9',
  'yljkjljk.a 3600 A 192.0.2.9',
]);

t.test('nodes() is canonical order, apex first, ENTs included, index set', async (t) => {
  const got = [...zone.nodes()].map((x) => nameToText(x.name));
  t.same(got, [
    'example.com.',
    'a.example.com.',
    'yljkjljk.a.example.com.',
    'Z.a.example.com.',
    'zABC.a.example.com.',
    'ns1.example.com.',
    'z.example.com.',
    '\\001.z.example.com.',
    '*.z.example.com.',
    '\\200.z.example.com.',
  ]);
  [...zone.nodes()].forEach((node, i) => {
    t.equal(node.index, i);
    t.equal(zone.nodeAt(i), node);
  });
});

t.test('records(): SOA first, then canonical order', async (t) => {
  const owners = [...zone.records()].map((r) => `${nameToText(r.owner)} ${r.type}`);
  t.same(owners.slice(0, 3), ['example.com. 6', 'example.com. 2', 'yljkjljk.a.example.com. 1']);
  t.equal(owners.length, zone.recordCount);
});

t.test('previousNode', async (t) => {
  const prev = (x: string) => {
    const p = zone.previousNode(n(x));
    return p ? nameToText(p.name) : undefined;
  };
  t.equal(prev('example.com.'), undefined, 'nothing before the apex');
  t.equal(prev('a'), 'example.com.');
  t.equal(prev('b.a'), 'a.example.com.', 'b.a sorts after a, before yljkjljk.a');
  t.equal(prev('Z.A'), 'yljkjljk.a.example.com.', 'strictly before: an existing name gives its predecessor');
  t.equal(prev('zz'), '\\200.z.example.com.', 'after the last node');
  t.equal(prev('m'), 'zABC.a.example.com.');
  const skipEnt = zone.previousNode(n('b.a'), (x) => !x.isEmptyNonTerminal);
  t.equal(nameToText(skipEnt!.name), 'example.com.', 'accept skips the ENT a.example.com.');
});
