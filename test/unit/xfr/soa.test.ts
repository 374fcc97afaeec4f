// SOA rdata fields (RFC 1035 3.3.13): timers read, serial replaced, malformed rdata refused.
import t from 'tap';
import { soaSerial, soaTimers, withSerial } from '../../../src/xfr/index.js';
import { zoneOf, zoneText } from './support.js';

t.test('timers and serial', async (t) => {
  const rdata = zoneOf(zoneText(2024010101, [])).soa.rdataAt(0);
  t.same(soaTimers(rdata), { serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 });
  const next = withSerial(rdata, 4294967295);
  t.equal(soaSerial(next), 4294967295);
  t.same({ ...soaTimers(next), serial: 0 }, { ...soaTimers(rdata), serial: 0 }, 'only the serial changes');
  t.equal(soaSerial(rdata), 2024010101, 'the original is not changed');
});

t.test('malformed SOA rdata', async (t) => {
  const rdata = zoneOf(zoneText(1, [])).soa.rdataAt(0);
  t.throws(() => soaTimers(rdata.subarray(0, rdata.length - 1)), { code: 'BAD_SOA' });
  t.throws(() => soaTimers(new Uint8Array([3, 97, 98])), { code: 'BAD_SOA' }, 'ends inside a name');
  t.throws(() => soaSerial(new Uint8Array([0xc0, 12, 0, ...new Array(20).fill(0)])), { code: 'BAD_SOA' }, 'a compression pointer');
  t.throws(() => withSerial(new Uint8Array(5), 1), { code: 'BAD_SOA' });
});
