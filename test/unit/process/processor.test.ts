// The pipeline end to end without sockets: error answers byte for byte as NSD 4.6.1 sent them, EDNS, routing, cache.
import t from 'tap';
import type { RequestContext } from '../../../src/process/index.js';
import { decode, harness, header, name, optOf, plan, query, rrset, TCP4, UDP4, UDP6 } from './support.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const b2h = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));
const SOA_Q = query('example.com', 'SOA', { id: 0x1234 });
const flags = (b: Buffer, byte2: number, byte3 = 0) => {
  const c = Buffer.from(b);
  c[2] |= byte2;
  c[3] |= byte3;
  return c;
};

t.test('error answers are the bytes NSD 4.6.1 sent', async (t) => {
  const h = harness();
  const cases: [string, Buffer, string | null][] = [
    ['short', hex('1234000001'), null],
    ['QR set', flags(SOA_Q, 0x80), null],
    ['header only', hex('123400000000000000000000'), '123480010000000000000000'],
    ['QDCOUNT 0 with RD', hex('123401000000000000000000'), '123481010000000000000000'],
    ['opcode 3 with every flag', flags(SOA_Q, (3 << 3) | 7, 0xf0), '12349fd40000000000000000'],
    ['IQUERY', flags(SOA_Q, 1 << 3), '123488040000000000000000'],
    ['UPDATE', flags(SOA_Q, 5 << 3), '1234a8040000000000000000'],
    ['QDCOUNT 2 with RD loses RD', flags(hex('1234 0000 0002 0000 0000 0000 00 0001 0001 00 0001 0001'), 1), '123480010000000000000000'],
    ['answer record with RD keeps RD', hex('1234 0100 0001 0001 0000 0000 00 0001 0001 00 0001 0001 00000000 0004 01020304'), '123481010000000000000000'],
    ['rcode in the query', flags(SOA_Q, 0, 2), '123480010000000000000000'],
    ['QDCOUNT 0 and an OPT', hex('1234 0100 0000 0000 0000 0001 0000291000000000000000'), '12348100000000000000000100002904d0000000000000'],
    ['class HS: REFUSED, no question', query('example.com', 'A', { id: 0x1234, qclass: 'HS' }), '123480050000000000000000'],
    ['EDNS version 1', hex('1234 0000 0001 0000 0000 0001 076578616d706c6503636f6d00 0006 0001 00 0029 1000 00 01 8000 0000'),
      '123480000001000000000001076578616d706c6503636f6d000006000100002904d0010000000000'],
  ];
  for (const [what, req, want] of cases) t.equal(b2h(h.processor.handle(req, UDP4)), want, what);
});

t.test('EDNS version 1 keeps the request flags but AD (NSD)', async (t) => {
  const h = harness();
  const req = hex('1234 07f0 0001 0000 0000 0001 076578616d706c6503636f6d00 0006 0001 00 0029 1000 00 01 8000 0000');
  t.equal(header(h.processor.handle(req, UDP4)!).flags, 0x87d0);
});

t.test('class HS with EDNS: REFUSED with EDE 21, no question', async (t) => {
  const h = harness();
  const out = h.processor.handle(query('example.com', 'A', { qclass: 'HS', edns: {} }), UDP4)!;
  t.same(header(out), { id: 0x4242, flags: 0x8005, rcode: 5, qd: 0, an: 0, ns: 0, ar: 1 });
  t.same(optOf(out)?.options.map((o) => [o.code, Buffer.from(o.data ?? []).toString('hex')]), [[15, '0015']]);
});

t.test('a TSIG we cannot verify: NOTAUTH, no question, unsigned BADKEY TSIG after the OPT', async (t) => {
  const h = harness();
  const rdata = hex('0b686d61632d73686132353600 0000 6a6b0000 012c 0000 1234 0000 0000');
  const rr = Buffer.concat([hex('036b657900 00fa 00ff 00000000'), Buffer.from([0, rdata.length]), rdata]);
  const req = Buffer.concat([hex('1234 0000 0001 0000 0000 0002 076578616d706c6503636f6d00 0006 0001 0000291000000000000000'), rr]);
  const out = h.processor.handle(req, UDP4)!;
  t.same(header(out), { id: 0x1234, flags: 0x8009, rcode: 9, qd: 0, an: 0, ns: 0, ar: 2 });
  const tsig = decode(out).additionals!.find((a) => (a.type as string) === 'TSIG') as unknown as { name: string; data: Record<string, unknown> };
  t.equal(tsig.name, 'key');
  t.match(tsig.data, { algorithm: 'hmac-sha256', timeSigned: 0x6a6b0000, fudge: 300, error: 17, originalId: 0x1234 });
});

t.test('NOTIFY: NXDOMAIN for an unknown zone, REFUSED for ours, flags kept, no OPT', async (t) => {
  const h = harness();
  h.served = { ...h.served, configured: new Set([name('example.com.').key]) };
  const notify = (q: string) => flags(query(q, 'SOA', { id: 0x1234, flags: 0x0100, edns: {} }), (4 << 3) | 0x04, 0x30); // RD, AA, AD, CD as in the NSD probe
  t.equal(b2h(h.processor.handle(notify('example.com'), UDP4)), '1234a5150000000000000000');
  t.equal(b2h(h.processor.handle(notify('www.example.com'), UDP4)), '1234a5130000000000000000');
});

t.test('AXFR and IXFR before transfers exist', async (t) => {
  const h = harness();
  h.served = { ...h.served, configured: new Set([name('example.com.').key]) };
  const ask = (qname: string, qtype: string, ctx: RequestContext = UDP4) => h.processor.handle(query(qname, qtype, { flags: 0x0110, edns: {} }), ctx)!;
  const ede = (b: Uint8Array) => optOf(b)?.options.map((o) => Buffer.from(o.data ?? []).toString('hex'));
  t.same([header(ask('example.com', 'AXFR')).flags, ede(ask('example.com', 'AXFR'))], [0x8104, []], 'AXFR over UDP: NOTIMP');
  t.same([header(ask('example.com', 'AXFR', TCP4)).flags, ede(ask('example.com', 'AXFR', TCP4))], [0x8105, ['0012']], 'AXFR over TCP: REFUSED, EDE 18');
  t.same([header(ask('example.org', 'AXFR', TCP4)).flags, ede(ask('example.org', 'AXFR', TCP4))], [0x8109, []], 'not our zone: NOTAUTH');
  t.equal(header(ask('example.com', 'IXFR')).flags, 0x8105, 'IXFR: REFUSED');
  t.equal(header(ask('www.example.com', 'IXFR')).qd, 1, 'question echoed');
  t.equal(h.calls, 0, 'the answer engine is not asked');
});

t.test('CHAOS: identity and version, hidden ones and others refused', async (t) => {
  const h = harness({ identity: 'nsd-test', version: 'NSD 4.6.1' });
  const id = h.processor.handle(query('id.server', 'TXT', { id: 0x1234, qclass: 'CH' }), UDP4);
  t.equal(b2h(id), '123480000001000100000000026964067365727665720000100003c00c00100003000000000009086e73642d74657374');
  const ver = h.processor.handle(query('version.bind', 'TXT', { id: 0x1234, qclass: 'CH' }), UDP4);
  t.equal(b2h(ver), '1234800000010001000000000776657273696f6e0462696e640000100003c00c0010000300000000000a094e534420342e362e31');
  t.equal(header(h.processor.handle(query('ID.SERVER', 'ANY', { qclass: 'CH' }), UDP4)!).an, 1, 'ANY, any case');
  t.equal(header(h.processor.handle(query('version.bind', 'A', { qclass: 'CH' }), UDP4)!).rcode, 5);
  const hidden = harness({ hideVersion: true, hideIdentity: true });
  const out = hidden.processor.handle(query('version.server', 'TXT', { qclass: 'CH', edns: {} }), UDP4)!;
  t.same([header(out).rcode, header(out).qd, Buffer.from(optOf(out)!.options[0].data!).toString('hex')], [5, 1, '0012']);
  const other = hidden.processor.handle(query('foo.bar', 'TXT', { qclass: 'CH', edns: {} }), UDP4)!;
  t.equal(Buffer.from(optOf(other)!.options[0].data!).toString('hex'), '0015', 'EDE 21 for other names');
});

t.test('refuse-any over UDP: empty TC answer without the question; TCP answers', async (t) => {
  const h = harness({ refuseAny: true });
  h.plans.set('example.com.', () => plan({ answer: [rrset('example.com.', 'A', 300, '192.0.2.1')] }));
  t.equal(b2h(h.processor.handle(query('example.com', 'ANY', { id: 0x1234, flags: 0x0110 }), UDP4)), '123483000000000000000000');
  const edns = h.processor.handle(query('example.com', 'ANY', { edns: { do: true } }), UDP4)!;
  t.same([header(edns).flags, optOf(edns)!.flags], [0x8200, 0x8000], 'DO echoed in the OPT');
  t.equal(header(h.processor.handle(query('example.com', 'ANY'), TCP4)!).an, 1);
});

t.test('a configured zone that did not load: SERVFAIL with EDE 14, also below it', async (t) => {
  const h = harness();
  h.db.add('example.com.');
  h.served = { ...h.served, configured: new Set([name('example.com.').key, name('broken.test.').key]), unloaded: new Set([name('broken.test.').key]) };
  const out = h.processor.handle(query('www.broken.test', 'A', { edns: {} }), UDP4)!;
  t.same([header(out).rcode, header(out).qd, header(out).flags & 0x0400], [2, 1, 0]);
  t.equal(Buffer.from(optOf(out)!.options[0].data!).toString('latin1'), '\x00\x0eZone is configured but not loaded');
  t.equal(header(h.processor.handle(query('broken.test', 'SOA'), UDP4)!).rcode, 2);
  t.equal(h.calls, 0);
});

t.test('EDNS: our size per family, DO copied, NSID when asked, no OPT without one', async (t) => {
  const h = harness({ nsid: Buffer.from('nsdtest'), ipv4EdnsSize: 1232, ipv6EdnsSize: 1400 });
  h.plans.set('example.com.', () => plan({ answer: [rrset('example.com.', 'A', 300, '192.0.2.1')] }));
  const a = h.processor.handle(query('example.com', 'A', { edns: { size: 4096, do: true, nsid: true } }), UDP4)!;
  t.same(optOf(a), { name: '.', type: 'OPT', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0x8000, flag_do: true,
    options: [{ code: 3, type: 'NSID', data: Buffer.from('nsdtest') }] });
  t.equal(optOf(h.processor.handle(query('example.com', 'A', { edns: {} }), UDP6)!)?.udpPayloadSize, 1400);
  t.equal(optOf(h.processor.handle(query('example.com', 'A', { edns: { nsid: false } }), UDP4)!)?.options.length, 0);
  t.equal(header(h.processor.handle(query('example.com', 'A'), UDP4)!).ar, 0);
});

t.test('answers: flags from the plan, RD kept, CD and AD cleared, REFUSED has EDE 20', async (t) => {
  const h = harness();
  h.plans.set('example.com.', () => plan({ answer: [rrset('example.com.', 'A', 300, '192.0.2.1')] }));
  const out = h.processor.handle(query('example.com', 'A', { flags: 0x0130 }), UDP4)!;
  t.same(header(out), { id: 0x4242, flags: 0x8500, rcode: 0, qd: 1, an: 1, ns: 0, ar: 0 });
  const refused = h.processor.handle(query('example.org', 'A', { edns: {} }), UDP4)!;
  t.same([header(refused).flags, header(refused).qd], [0x8005, 1]);
  t.equal(Buffer.from(optOf(refused)!.options[0].data!).toString('hex'), '0014');
});

t.test('the cache: one engine call, ID, RD and the question case echoed per request', async (t) => {
  const h = harness();
  const zone = h.db.add('example.com.');
  h.plans.set('www.example.com.', () => plan({ answer: [rrset('www.example.com.', 'A', 300, '192.0.2.1')], zones: [zone] }));
  const first = h.processor.handle(query('www.example.com', 'A', { id: 1 }), UDP4)!;
  const second = h.processor.handle(query('WWW.Example.COM', 'A', { id: 2, flags: 0x0100 }), UDP4)!;
  t.equal(h.calls, 1);
  t.equal(header(second).id, 2);
  t.equal(header(second).flags, 0x8500);
  t.equal(decode(second).questions![0].name, 'WWW.Example.COM');
  t.equal(decode(second).answers![0].name, 'WWW.Example.COM', 'the owner points at the question');
  t.equal(header(first).flags, 0x8400, 'the first answer kept its own flags');
  h.processor.handle(query('www.example.com', 'A', { edns: {} }), UDP4);
  h.processor.handle(query('www.example.com', 'A'), TCP4);
  t.equal(h.calls, 3, 'EDNS and TCP are other shapes');
  h.db.zones.set(zone.origin.key, { origin: zone.origin }); // a new snapshot in place
  h.processor.handle(query('www.example.com', 'A'), UDP4);
  t.equal(h.calls, 4, 'a replaced snapshot is not served from the cache');
  h.served = { ...h.served };
  h.processor.handle(query('www.example.com', 'A'), UDP4);
  t.equal(h.calls, 5, 'new served zones start a new cache');
  t.equal(h.processor.cachedAnswers, 1);
});

t.test('the cache is bounded and can be disabled', async (t) => {
  const h = harness({}, 2);
  for (const n of ['a', 'b', 'c']) h.plans.set(`${n}.example.com.`, () => plan({ rcode: 3 }));
  for (const n of ['a', 'b', 'c']) h.processor.handle(query(`${n}.example.com`, 'A'), UDP4);
  t.equal(h.processor.cachedAnswers, 2);
  const off = harness({}, 0);
  off.processor.handle(query('x.example.com', 'A'), UDP4);
  off.processor.handle(query('x.example.com', 'A'), UDP4);
  t.equal(off.calls, 2);
});

t.test('error answers are rate limited to 101 a second, as NSD', async (t) => {
  const h = harness();
  const bad = hex('123400000000000000000000');
  let sent = 0;
  for (let i = 0; i < 300; i++) if (h.processor.handle(bad, UDP4)) sent++;
  t.equal(sent, 101);
  h.clock += 1000;
  t.ok(h.processor.handle(bad, UDP4), 'the next second answers again');
  t.ok(h.processor.handle(SOA_Q, UDP4), 'good queries are not limited');
});

t.test('drop-updates drops UPDATE instead of NOTIMP', async (t) => {
  const h = harness({ dropUpdates: true });
  t.equal(h.processor.handle(flags(SOA_Q, 5 << 3), UDP4), null);
});

t.test('the engine sees the question lower-cased (NSD normalises it); the request is left untouched', async (t) => {
  const h = harness();
  // A DNAME-like answer: the CNAME target is built from the question name, as query/ does.
  h.plans.set('x.dn.example.com.', (q) => plan({ answer: [rrset(q.qname.toString(), 'CNAME', 300, `${q.qname.toString().split('.')[0]}.target.example.org.`)] }));
  const req = query('X.DN.Example.COM', 'A');
  const copy = Buffer.from(req);
  const first = decode(h.processor.handle(req, UDP4)!);
  t.same(req, copy, 'request bytes not modified');
  t.same([first.questions![0].name, first.answers![0].name, (first.answers![0] as { data: string }).data], ['X.DN.Example.COM', 'X.DN.Example.COM', 'x.target.example.org']);
  const second = decode(h.processor.handle(query('x.dn.EXAMPLE.com', 'A'), UDP4)!);
  t.same([second.answers![0].name, (second.answers![0] as { data: string }).data], ['x.dn.EXAMPLE.com', 'x.target.example.org']);
});
