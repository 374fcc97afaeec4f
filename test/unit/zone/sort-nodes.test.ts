// sortZoneNodes (the adjust pass's sort, keys taken below the origin) against compareNames, RFC 4034 6.1.
import t from 'tap';
import fc from 'fast-check';
import { compareNames, nameFromLabels, parseName, type Name } from '../../../src/wire/index.js';
import { sortZoneNodes } from '../../../src/zone/sort-nodes.js';

const origin = parseName('Example.COM.', null);
const originLabels = [Uint8Array.from([0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65]), Uint8Array.from([0x63, 0x6f, 0x6d])];

// Octets picked so that prefixes, case, 0x00 (which the short keys cannot hold) and high octets all turn up.
const label = fc.uint8Array({ minLength: 1, maxLength: 4 }).map((a) => a.map((b) => [0x30, 0x2a, 0x41, 0x61, 0x7a, 0x5a, 0xff, 0x2d][b % 8]));
const zeroLabel = fc.constant(Uint8Array.from([0x61, 0x00]));
const below = (withZero: boolean) =>
  fc.array(withZero ? fc.oneof({ weight: 9, arbitrary: label }, { weight: 1, arbitrary: zeroLabel }) : label, { minLength: 0, maxLength: 3 }).map((ls) => nameFromLabels([...ls, ...originLabels]));

function distinct(names: Name[]): Name[] {
  const seen = new Set<string>();
  return [origin, ...names].filter((n) => !seen.has(n.key) && (seen.add(n.key), true));
}

// Up to 40 names stay in the insertion sort; up to 400 run the radix passes and their recursion.
for (const [withZero, most, runs] of [[false, 40, 1500], [true, 40, 1500], [false, 400, 300], [true, 400, 100]] as const) {
  t.test(`sorts ${most} names like compareNames${withZero ? ', with octet 0 in some labels' : ''} (property)`, async (t) => {
    fc.assert(
      fc.property(fc.array(below(withZero), { minLength: most > 40 ? most / 2 : 0, maxLength: most }), fc.boolean(), (names, presorted) => {
        const items = distinct(names);
        if (presorted) items.sort(compareNames);
        const want = [...items].sort(compareNames);
        const got = sortZoneNodes(items, origin.key);
        return got.length === want.length && got.every((x, i) => x.key === want[i].key);
      }),
      { numRuns: runs },
    );
    t.pass('canonical order');
  });
}

t.test('sorts in place: names in order stay, others move', async (t) => {
  const inOrder = ['example.com.', 'a.example.com.', 'b.a.example.com.', 'ab.example.com.'].map((s) => parseName(s, null));
  const keys = inOrder.map((x) => x.key);
  const got = sortZoneNodes(inOrder, origin.key);
  t.equal(got, inOrder);
  t.same(got.map((x) => x.key), keys);
  const shuffled = [inOrder[3], inOrder[1], inOrder[0], inOrder[2]];
  t.same(sortZoneNodes(shuffled, origin.key).map((x) => x.key), keys);
  t.same(shuffled.map((x) => x.key), keys);
});

t.test('keys that share more leading octets than fit in the packed number still sort (property)', async (t) => {
  const long = 'p'.repeat(30);
  const tail = fc.array(fc.constantFrom(0x61, 0x62, 0x41), { maxLength: 3 }).map((a) => Uint8Array.from([...Buffer.from(long), ...a]));
  const names = fc.array(fc.array(fc.oneof(tail, label), { minLength: 1, maxLength: 2 }).map((ls) => nameFromLabels([...ls, ...originLabels])), { minLength: 20, maxLength: 300, size: 'max' });
  fc.assert(
    fc.property(names, (list) => {
      const items = distinct(list);
      const want = [...items].sort(compareNames);
      const got = sortZoneNodes(items, origin.key);
      return got.every((x, i) => x.key === want[i].key);
    }),
    { numRuns: 200 },
  );
  t.pass('canonical order');
});

t.test('a flat zone of 20,000 names in file order sorts like compareNames', async (t) => {
  const items = [origin, ...Array.from({ length: 20000 }, (_, i) => parseName(`n${i}.example.com.`, null))];
  const want = [...items].sort(compareNames).map((x) => x.key);
  t.same(sortZoneNodes(items, origin.key).map((x) => x.key), want);
});
