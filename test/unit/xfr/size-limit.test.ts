// size-limit-xfr counted as NSD 4.6 counts it: its transfer file (a header naming zone and pattern, 12 octets per message).
import t from 'tap';
import {
  axfrMessages, implicitPatternName, TransferAttempt, TransferStream, TYPE_AXFR, TYPE_IXFR, xfrFileHeaderOctets, XFR_FILE_MESSAGE_OVERHEAD,
} from '../../../src/xfr/index.js';
import { ORIGIN, zoneOf, zoneText } from './support.js';

const zone = zoneOf(zoneText(5, ['www 300 IN TXT "hello"']));
const request = { id: 7, qname: ORIGIN, qtype: TYPE_AXFR, qclass: 1 };
const oneMessage = [...axfrMessages(zone, request)];
// The header NSD writes for a zone: clause "example.com": "example.com." and "_implicit_example.com".
const header = xfrFileHeaderOctets('example.com.', implicitPatternName('example.com'));

t.test("NSD's own number: a 156-octet AXFR of zone sz.test is a 242-octet transfer file", async (t) => {
  // nsd 4.6.1 with size-limit-xfr: 1 logged "xfrd : transferred zone data was too large 242" for it.
  t.equal(xfrFileHeaderOctets('sz.test.', implicitPatternName('sz.test')) + 156 + XFR_FILE_MESSAGE_OVERHEAD, 242);
  t.equal(header, 49 + 'example.com.'.length + '_implicit_example.com'.length);
});

function axfrStream(sizeLimit: number, serial: number | null = null, qtype = TYPE_AXFR): TransferStream {
  return new TransferStream({ origin: ORIGIN, qtype, id: 7, serial, sizeLimit, transport: 'tcp' });
}

t.test('the limit is the largest file accepted: one octet less fails the transfer', async (t) => {
  t.equal(oneMessage.length, 1);
  const exact = header + oneMessage[0].length + XFR_FILE_MESSAGE_OVERHEAD;
  const ok = axfrStream(exact);
  t.same(ok.push(oneMessage[0]), { state: 'done' }, 'file size equal to the limit: accepted (NSD fails only when larger)');
  t.equal(ok.limitOctets, exact);
  t.equal(ok.octets, oneMessage[0].length, 'the octets reported for the transfer stay the messages themselves');
  const over = axfrStream(exact - 1).push(oneMessage[0]);
  t.match(over, { state: 'error', error: { code: 'SIZE_LIMIT', message: new RegExp(`\\(${exact - 1}\\): ${exact} octets`) } });
});

t.test('an up-to-date answer is not counted (NSD stops before writing it)', async (t) => {
  const s = axfrStream(1, 5, TYPE_IXFR);
  const soaOnly = [...axfrMessages(zoneOf(zoneText(5, [])), { ...request, qtype: TYPE_IXFR }, { maxMessageSize: 512 })];
  // A real up-to-date IXFR answer is the single SOA; the first SOA at our serial ends the stream whatever follows.
  t.same(s.push(soaOnly[0]), { state: 'done' });
  t.equal(s.limitOctets, 0);
});

t.test('a multi-message transfer fails at the message that takes the file past the limit', async (t) => {
  const big = zoneOf(zoneText(6, Array.from({ length: 200 }, (_, i) => `h${i} 300 IN TXT "${'x'.repeat(100)}"`)));
  const msgs = [...axfrMessages(big, request, { maxMessageSize: 4096 })];
  t.ok(msgs.length >= 4, `${msgs.length} messages`);
  const afterTwo = header + msgs[0].length + msgs[1].length + 2 * XFR_FILE_MESSAGE_OVERHEAD;
  const reader = new TransferAttempt({ origin: ORIGIN, qtype: TYPE_AXFR, id: 7, serial: null, transport: 'tcp', sizeLimit: afterTwo, verifier: null });
  t.equal(reader.push(msgs[0]), null);
  t.equal(reader.push(msgs[1]), null);
  t.match(reader.push(msgs[2]), { ok: false, error: { code: 'SIZE_LIMIT' } });
  t.match(reader.push(msgs[3]), { ok: false, error: { code: 'BAD_STREAM' } }, 'nothing is read after a failure');
  // Without a limit the same stream completes.
  const free = new TransferAttempt({ origin: ORIGIN, qtype: TYPE_AXFR, id: 7, serial: null, transport: 'tcp', sizeLimit: 0, verifier: null });
  const ends = msgs.map((m) => free.push(m));
  t.match(ends[ends.length - 1], { ok: true, result: { kind: 'axfr', serial: 6 } });
});
