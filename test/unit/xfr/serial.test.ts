// RFC 1982 serial arithmetic: the comparison table, the undefined case, addition limits, and properties.
import fc from 'fast-check';
import t from 'tap';
import { serialAdd, serialCompare, serialGt, serialLt } from '../../../src/xfr/index.js';

t.test('RFC 1982 3.2 comparisons', async (t) => {
  t.equal(serialCompare(1, 1), 0);
  t.equal(serialCompare(1, 2), -1);
  t.equal(serialCompare(2, 1), 1);
  t.equal(serialCompare(0xffffffff, 0), -1, 'wraps: 2^32-1 precedes 0');
  t.equal(serialCompare(0, 0xffffffff), 1);
  t.equal(serialCompare(0, 0x7fffffff), -1, '2^31-1 ahead is newer');
  t.equal(serialCompare(0, 0x80000000), undefined, 'exactly 2^31 apart is undefined');
  t.equal(serialCompare(0x80000000, 0), undefined);
  t.equal(serialCompare(0, 0x80000001), 1, 'more than 2^31 ahead is older');
  t.ok(serialGt(2, 1));
  t.notOk(serialGt(1, 1));
  t.notOk(serialGt(0, 0x80000000), 'undefined is not greater');
  t.notOk(serialLt(0, 0x80000000), 'undefined is not less');
  t.ok(serialLt(4294967295, 5));
});

t.test('RFC 1982 3.1 addition', async (t) => {
  t.equal(serialAdd(0xffffffff, 1), 0);
  t.equal(serialAdd(5, 0x7fffffff), (5 + 0x7fffffff) >>> 0);
  t.throws(() => serialAdd(1, 0x80000000), RangeError);
  t.throws(() => serialAdd(1, -1), RangeError);
});

t.test('properties', async (t) => {
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  fc.assert(fc.property(u32, u32, (a, b) => {
    const ab = serialCompare(a, b);
    const ba = serialCompare(b, a);
    return ab === undefined ? ba === undefined : ab === -(ba as number) || (ab === 0 && ba === 0);
  }));
  fc.assert(fc.property(u32, fc.integer({ min: 1, max: 0x7fffffff }), (s, n) => serialGt(serialAdd(s, n), s)));
  t.pass('antisymmetric, and adding 1..2^31-1 always gives a newer serial');
});
