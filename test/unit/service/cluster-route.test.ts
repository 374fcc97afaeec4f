// cluster: which UDP requests a worker hands to the primary: NOTIFY, AXFR/IXFR and TSIG-signed ones, nothing else.
import t from 'tap';
import dnsPacket from 'dns-packet';
import { needsPrimary } from '../../../src/service/cluster-route.js';

const q = (type: string, extra: Partial<dnsPacket.Packet> = {}): Uint8Array =>
  dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'example.test', type: type as dnsPacket.RecordType }], ...extra });

t.test('plain queries stay in the worker', async (t) => {
  t.notOk(needsPrimary(q('A')));
  t.notOk(needsPrimary(q('SOA', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0x8000, options: [] } as unknown as dnsPacket.Answer] })));
  t.notOk(needsPrimary(new Uint8Array(5)), 'too short: the worker drops it as the primary would');
});

t.test('transfers, NOTIFY and TSIG go to the primary', async (t) => {
  t.ok(needsPrimary(q('AXFR')));
  t.ok(needsPrimary(q('IXFR', { authorities: [{ type: 'SOA', name: 'example.test', data: { mname: 'a.', rname: 'b.', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } }] })));
  const notify = Buffer.from(q('SOA'));
  notify[2] = (notify[2] & 0x87) | (4 << 3);
  t.ok(needsPrimary(notify));
  // A TSIG record (type 250) as the last additional record, after an OPT.
  const tsigRr = { type: 'UNKNOWN' as const, name: 'k1', data: Buffer.alloc(0) } as unknown as dnsPacket.Answer;
  const signed = Buffer.from(dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'example.test', type: 'A' }], additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, options: [] } as unknown as dnsPacket.Answer, tsigRr] }));
  // dns-packet writes UNKNOWN as type 0: patch the last record's type to TSIG (250).
  const typeAt = signed.length - 10;
  signed.writeUInt16BE(250, typeAt);
  t.ok(needsPrimary(signed));
  signed.writeUInt16BE(16, typeAt);
  t.notOk(needsPrimary(signed), 'the same message with a TXT last stays');
});
