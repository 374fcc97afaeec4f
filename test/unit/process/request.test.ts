// The first stage: which requests are dropped, NOTIMP, FORMERR or go on, as NSD 4.6.1 decided for each (probed on loopback).
import t from 'tap';
import { ParsedRequest, parseRequest, Verdict } from '../../../src/process/index.js';
import { query } from './support.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const SOA_Q = query('Example.COM', 'SOA');
const withFlags = (b: Buffer, byte2: number, byte3 = 0) => {
  const c = Buffer.from(b);
  c[2] |= byte2;
  c[3] |= byte3;
  return c;
};
const OPT = '0000291000000000000000'; // root, OPT, size 4096, version 0, no options

const cases: [string, Buffer, number][] = [
  ['shorter than a header', hex('1234000001'), Verdict.DROP],
  ['a response (QR=1)', withFlags(SOA_Q, 0x80), Verdict.DROP],
  ['header only', hex('123400000000000000000000'), Verdict.FORMERR],
  ['IQUERY', withFlags(SOA_Q, 1 << 3), Verdict.NOTIMP],
  ['STATUS', withFlags(SOA_Q, 2 << 3), Verdict.NOTIMP],
  ['opcode 3', withFlags(SOA_Q, 3 << 3), Verdict.NOTIMP],
  ['UPDATE', withFlags(SOA_Q, 5 << 3), Verdict.NOTIMP],
  ['opcode 15', withFlags(SOA_Q, 15 << 3), Verdict.NOTIMP],
  ['NOTIFY', withFlags(SOA_Q, 4 << 3), Verdict.NOTIFY],
  ['rcode set in a query', withFlags(SOA_Q, 0, 2), Verdict.FORMERR],
  ['QDCOUNT 2', hex('1234 0000 0002 0000 0000 0000 00 0001 0001 00 0001 0001'), Verdict.FORMERR_CLEAR],
  ['QDCOUNT 0 with a root question', hex('1234 0100 0000 0000 0000 0000 00 0001 0001'), Verdict.FORMERR_CLEAR],
  ['QDCOUNT 0 and only an OPT', hex('1234 0100 0000 0000 0000 0001' + OPT), Verdict.EMPTY_WITH_OPT],
  ['QDCOUNT 0 and an OPT of version 1', hex('1234 0100 0000 0000 0000 0001 00 0029 1000 00 01 0000 0000'), Verdict.FORMERR_CLEAR],
  ['QDCOUNT 0 and an A record', hex('1234 0100 0000 0000 0000 0001 00 0001 1000 00000000 0000'), Verdict.FORMERR_CLEAR],
  ['question cut short', SOA_Q.subarray(0, SOA_Q.length - 2), Verdict.FORMERR],
  ['compressed question name', hex('1234 0000 0001 0000 0000 0000 c00c 0001 0001'), Verdict.FORMERR],
  ['label of 64 octets', Buffer.concat([hex('1234 0000 0001 0000 0000 0000 40'), Buffer.alloc(64, 0x61), hex('00 0001 0001')]), Verdict.FORMERR],
  ['label type 0x80', hex('1234 0000 0001 0000 0000 0000 8100 0001 0001'), Verdict.FORMERR],
  ['trailing octets', Buffer.concat([SOA_Q, hex('deadbeef')]), Verdict.QUERY],
  ['an answer record', hex('0001 0000 0001 0001 0000 0000 00 0001 0001 00 0001 0001 00000000 0004 01020304'), Verdict.FORMERR],
  ['an authority record', hex('0001 0000 0001 0000 0001 0000 00 0001 0001 00 0001 0001 00000000 0004 01020304'), Verdict.FORMERR],
  ['an A in additional', hex('0001 0000 0001 0000 0000 0001 00 0001 0001 00 0001 0001 00000000 0004 01020304'), Verdict.FORMERR],
  ['IXFR with its SOA in authority', hex('0001 0000 0001 0000 0001 0000 00 00fb 0001 00 0006 0001 00000000 0002 0000'), Verdict.QUERY],
  ['IXFR with a cut authority record', hex('0001 0000 0001 0000 0001 0000 00 00fb 0001 c00c 0006'), Verdict.FORMERR],
  ['EDNS', hex('1234 0000 0001 0000 0000 0001 00 0006 0001' + OPT), Verdict.QUERY],
  ['EDNS version 1', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 00 0029 1000 00 01 0000 0000'), Verdict.BADVERS],
  ['EDNS version 1, bad options', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 00 0029 1000 00 01 0000 0002 0003'), Verdict.BADVERS],
  ['two OPTs', hex('1234 0000 0001 0000 0000 0002 00 0006 0001' + OPT + OPT), Verdict.FORMERR],
  ['OPT not owned by the root', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 03636f6d00 0029 1000 00000000 0000'), Verdict.FORMERR],
  ['OPT in the answer section', hex('1234 0000 0001 0001 0000 0000 00 0006 0001' + OPT), Verdict.FORMERR],
  ['OPT option past its rdata', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 00 0029 1000 00000000 0004 0003 0005'), Verdict.FORMERR],
  ['OPT with 2 stray octets', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 00 0029 1000 00000000 0002 0003'), Verdict.FORMERR],
  ['OPT cut short', hex('1234 0000 0001 0000 0000 0001 00 0006 0001 00 0029 1000 0000'), Verdict.FORMERR],
  ['ARCOUNT 1 but nothing there', hex('1234 0000 0001 0000 0000 0001 00 0006 0001'), Verdict.FORMERR],
  ['OPT then an A', hex('1234 0000 0001 0000 0000 0002 00 0006 0001' + OPT + '00 0001 0001 00000000 0004 01020304'), Verdict.FORMERR],
];

t.test('verdicts match NSD 4.6.1', async (t) => {
  const out = new ParsedRequest();
  for (const [what, buf, verdict] of cases) t.equal(parseRequest(buf, false, out), verdict, what);
});

t.test('TSIG: a signed query we cannot verify, a TSIG before the OPT, a broken TSIG', async (t) => {
  const out = new ParsedRequest();
  // algorithm hmac-sha256., time signed, fudge 300, an empty MAC, original id 0x1234, error 0, no other data
  const rdata = hex('0b686d61632d73686132353600 0000 6a6b0000 012c 0000 1234 0000 0000');
  const rr = Buffer.concat([hex('036b657900 00fa 00ff 00000000'), Buffer.from([0, rdata.length]), rdata]);
  const signed = Buffer.concat([hex('1234 0000 0001 0000 0000 0001 00 0006 0001'), rr]);
  t.equal(parseRequest(signed, false, out), Verdict.TSIG_BADKEY);
  t.equal(out.tsig?.keyName.toString(), 'key.');
  t.equal(out.tsig?.originalId, 0x1234);
  const withOpt = Buffer.concat([hex('1234 0000 0001 0000 0000 0002 00 0006 0001' + OPT), rr]);
  t.equal(parseRequest(withOpt, false, out), Verdict.TSIG_BADKEY, 'OPT then TSIG');
  t.equal(out.edns, 1);
  const tsigFirst = Buffer.concat([hex('1234 0000 0001 0000 0000 0002 00 0006 0001'), rr, hex(OPT)]);
  t.equal(parseRequest(tsigFirst, false, out), Verdict.FORMERR, 'TSIG before OPT');
  const ttl = Buffer.from(signed);
  ttl[signed.length - rdata.length - 4] = 1;
  t.equal(parseRequest(ttl, false, out), Verdict.FORMERR, 'TSIG with a TTL');
  t.equal(parseRequest(signed.subarray(0, signed.length - 3), false, out), Verdict.FORMERR, 'TSIG cut short');
});

t.test('facts read from a query', async (t) => {
  const out = new ParsedRequest();
  const q = query('WWW.Example.COM', 'AAAA', { id: 7, flags: 0x0110, edns: { size: 4096, do: true, nsid: true } });
  t.equal(parseRequest(q, true, out), Verdict.QUERY);
  t.equal(out.id, 7);
  t.equal(out.qtype, 28);
  t.equal(out.qclass, 1);
  t.equal(out.labels, 3);
  t.equal(out.key, '\x03www\x07example\x03com\x00');
  t.equal(out.questionEnd, 12 + 17 + 4);
  t.equal(out.udpSize, 4096);
  t.ok(out.dnssecOk);
  t.ok(out.nsidAsked);
  parseRequest(q, false, out);
  t.notOk(out.nsidAsked, 'NSID is only noted when we have one to give');
});
