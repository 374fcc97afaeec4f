// NodeTable: exact and closest-ancestor lookups agree with a Map of keys, through growth and hash collisions.
import t from 'tap';
import fc from 'fast-check';
import { parseName } from '../../../src/wire/index.js';
import { ZoneNode } from '../../../src/zone/index.js';
import { NodeTable } from '../../../src/zone/node-table.js';

const key = (text: string): string => parseName(text, null).key;

function tableOf(names: readonly string[]): { table: NodeTable; map: Map<string, ZoneNode> } {
  const table = new NodeTable();
  const map = new Map<string, ZoneNode>();
  for (const n of names) {
    const k = key(n);
    if (map.has(k)) continue;
    const node = new ZoneNode(k, k);
    map.set(k, node);
    table.add(node);
  }
  return { table, map };
}

/** The closest encloser the slow way: strip labels until a key is found. */
function naiveClosest(map: Map<string, ZoneNode>, k: string, stopAt: number): ZoneNode | undefined {
  for (;;) {
    if (k.length < stopAt) return undefined;
    const n = map.get(k);
    if (n !== undefined) return n;
    if (k.charCodeAt(0) === 0) return undefined;
    k = k.substring(k.charCodeAt(0) + 1);
  }
}

t.test('exact, closest and insertion order', async (t) => {
  const { table } = tableOf(['example.com.', 'a.example.com.', 'b.a.example.com.', 'c.example.com.']);
  t.equal(table.size, 4);
  t.equal(table.get(key('a.example.com.'))?.key, key('a.example.com.'));
  t.equal(table.get(key('x.example.com.')), undefined);
  t.equal(table.closest(key('x.y.b.a.example.com.'), key('example.com.').length)?.key, key('b.a.example.com.'));
  t.equal(table.closest(key('zz.example.com.'), key('example.com.').length)?.key, key('example.com.'));
  t.equal(table.closest(key('example.org.'), key('example.com.').length), undefined, 'not below the stop');
  t.equal(table.closest(key('com.'), 1), undefined, 'no node above');
  t.same([0, 1, 2, 3].map((i) => table.added(i).key), ['example.com.', 'a.example.com.', 'b.a.example.com.', 'c.example.com.'].map(key));
});

t.test('a table of 100,000 names grows and finds every one', async (t) => {
  const names = Array.from({ length: 100000 }, (_, i) => `h${i}.sub${i % 97}.example.`);
  const { table, map } = tableOf(['example.', ...names]);
  t.equal(table.size, map.size);
  let wrong = 0;
  for (const [k, node] of map) if (table.get(k) !== node) wrong++;
  for (let i = 0; i < 1000; i++) if (table.closest(key(`x.h${i}.sub${i % 97}.example.`), key('example.').length) !== map.get(key(`h${i}.sub${i % 97}.example.`))) wrong++;
  t.equal(wrong, 0);
});

t.test('property: closest agrees with stripping labels from a Map', async (t) => {
  const label = fc.constantFrom('a', 'b', 'C', '*', 'xn--d', 'a.b'.slice(0, 1), '0');
  const name = fc.array(label, { maxLength: 5 }).map((ls) => (ls.length === 0 ? '.' : `${ls.join('.')}.`));
  fc.assert(
    fc.property(fc.array(name, { maxLength: 30 }), fc.array(name, { maxLength: 20 }), (stored, asked) => {
      const { table, map } = tableOf(stored);
      for (const a of asked) {
        const k = key(a);
        if (table.get(k) !== map.get(k)) return false;
        for (const stop of [1, 3]) if (table.closest(k, stop) !== naiveClosest(map, k, stop)) return false;
      }
      return true;
    }),
  );
});
