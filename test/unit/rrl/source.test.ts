// rrl/source: client addresses (text and octets) to masked source blocks without allocation.
import t from 'tap';
import { prefixMask, SOURCE, sourceMasks, sourceOf } from '../../../src/rrl/index.js';

const M = sourceMasks(24, 64);

function block(addr: string | Uint8Array, masks = M): [number, number, number] {
  const family = sourceOf(addr, masks);
  return [family, SOURCE[0] >>> 0, SOURCE[1] >>> 0];
}

t.test('prefix masks cover 0, 32 and the lengths between', async (t) => {
  t.equal(prefixMask(0), 0);
  t.equal(prefixMask(32) >>> 0, 0xffffffff);
  t.equal(prefixMask(24) >>> 0, 0xffffff00);
  t.equal(prefixMask(1) >>> 0, 0x80000000);
  const m = sourceMasks(24, 56);
  t.equal(m.v6hi >>> 0, 0xffffffff);
  t.equal(m.v6lo >>> 0, 0xffffff00);
  t.equal(sourceMasks(24, 16).v6lo, 0);
  t.equal(sourceMasks(24, 128).v6lo >>> 0, 0xffffffff, 'IPv6 keys keep 64 bits at most, as NSD');
});

t.test('IPv4 text and octets mask to the /24', async (t) => {
  t.same(block('192.0.2.77'), [4, 0xc0000200, 0]);
  t.same(block(new Uint8Array([192, 0, 2, 200])), [4, 0xc0000200, 0]);
  t.same(block('198.51.100.1', sourceMasks(32, 64)), [4, 0xc6336401, 0]);
  t.same(block('198.51.100.1', sourceMasks(0, 64)), [4, 0, 0]);
});

t.test('IPv6 forms: full, compressed, zone id, dotted tail', async (t) => {
  const want = [6, 0x20010db8, 0x00010002];
  t.same(block('2001:db8:1:2:3:4:5:6'), want);
  t.same(block('2001:0DB8:0001:0002:ffff::1'), want);
  t.same(block('2001:db8:1:2::'), want);
  t.same(block('2001:db8:1:2::1.2.3.4'), want);
  t.same(block('fe80::1%eth0'), [6, 0xfe800000, 0]);
  t.same(block('::'), [6, 0, 0]);
  t.same(block('::1'), [6, 0, 0]);
  t.same(block('1::'), [6, 0x00010000, 0]);
  const octets = new Uint8Array(16);
  octets.set([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 9, 9]);
  t.same(block(octets), want);
  t.same(block('2001:db8:1:2:ff00::', sourceMasks(24, 56)), [6, 0x20010db8, 0x00010000]);
});

t.test('IPv4-mapped addresses count as IPv4', async (t) => {
  t.same(block('::ffff:192.0.2.9'), [4, 0xc0000200, 0]);
  t.same(block('::ffff:c000:209'), [4, 0xc0000200, 0]);
  const octets = new Uint8Array(16);
  octets.set([0xff, 0xff, 192, 0, 2, 9], 10);
  t.same(block(octets), [4, 0xc0000200, 0]);
  t.same(block('::fffe:192.0.2.9')[0], 6);
});

t.test('malformed addresses share the zero block', async (t) => {
  for (const bad of ['', 'x', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', ':1::', '1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8::', '::1.2.3', '1:', 'g::', '1:2:3:4:5:6:7:1.2.3.4']) {
    t.same(block(bad), [0, 0, 0], bad);
  }
  t.same(block(new Uint8Array(5)), [0, 0, 0]);
});
