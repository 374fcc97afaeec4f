// A sets of one record keep their 4 octets as an int32 (rrset.ts packRdata4): every octet value comes back unchanged.
import t from 'tap';
import { BASE, mustBuild, n } from './helpers.js';

const ADDRS = ['0.0.0.0', '127.0.0.1', '128.0.0.0', '192.0.2.255', '255.255.255.255', '255.0.0.1'];

t.test('one-record A sets give back their octets (sign bit included)', async (t) => {
  const zone = mustBuild([...BASE, ...ADDRS.map((a, i) => `h${i} 300 A ${a}`)]);
  ADDRS.forEach((a, i) => {
    const set = zone.findNode(n(`h${i}`))?.get(1);
    t.equal(set?.size, 1);
    t.equal(set?.rdataAt(0).join('.'), a);
    t.same(set?.rdatas.map((r) => r.join('.')), [a]);
  });
});

t.test('a packed A set grows into a list; duplicates are still dropped', async (t) => {
  const zone = mustBuild([...BASE, 'm 300 A 255.255.255.255', 'm 300 A 255.255.255.255', 'm 300 A 10.0.0.1', 'm 300 A 10.0.0.1']);
  const set = zone.findNode(n('m'))?.get(1);
  t.equal(set?.size, 2);
  t.same(set?.rdatas.map((r) => r.join('.')), ['255.255.255.255', '10.0.0.1']);
  const records = [...zone.records()].filter((r) => r.type === 1 && r.owner.toString() === 'm.example.com.');
  t.same(records.map((r) => r.rdata.join('.')), ['255.255.255.255', '10.0.0.1']);
});
