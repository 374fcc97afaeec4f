// MessageWriter: compression (checked with dns-packet), case, rdata names, the size limit and rollback, OPT, TSIG.
import dnsPacket from 'dns-packet';
import t from 'tap';
import {
  decodeMessage,
  EDNS_OPTION,
  encodeMessage,
  MessageWriter,
  nsidOption,
  RCODE,
  SECTION,
} from '../../../src/wire/index.js';
import { cat, codeOf, hex, n, nw, rr, T, tsigRdata } from './message-fixtures.js';

const A = (i: number): Uint8Array => new Uint8Array([192, 0, 2, i]);

function tenNames(w: MessageWriter): string[] {
  const names = ['example.com.'];
  w.addQuestion(n('example.com.'), T.NS, 1);
  for (let i = 0; i < 5; i++) {
    const host = `ns${i}.example.com.`;
    names.push(host);
    t.ok(w.addRecord(rr('example.com.', T.NS, nw(host)), SECTION.AUTHORITY));
  }
  for (let i = 0; i < 5; i++) t.ok(w.addRecord(rr(`ns${i}.example.com.`, T.A, A(i)), SECTION.ADDITIONAL));
  return names;
}

t.test('a response with 10 names under one zone compresses, and pointers land on the right names', async (t) => {
  const w = new MessageWriter(4096);
  tenNames(w);
  const out = w.finish();
  // Uncompressed: question 13+4, 5 NS records (13+10+17), 5 A records (17+10+4), header 12.
  const plain = 12 + 17 + 5 * (13 + 10 + 17) + 5 * (17 + 10 + 4);
  t.ok(out.length < plain * 0.6, `${out.length} < 60% of ${plain}`);
  const p = dnsPacket.decode(Buffer.from(out));
  t.equal(p.questions![0].name, 'example.com');
  t.same(
    p.authorities!.map((a) => [a.name, a.type, (a as { data?: unknown }).data]),
    [0, 1, 2, 3, 4].map((i) => ['example.com', 'NS', `ns${i}.example.com`]),
  );
  t.same(
    p.additionals!.map((a) => [a.name, a.type, (a as { data?: unknown }).data]),
    [0, 1, 2, 3, 4].map((i) => [`ns${i}.example.com`, 'A', `192.0.2.${i}`]),
  );
  // The first NS owner is a pointer to the question name; its rdata is "ns0" + pointer to it too.
  t.same(out.subarray(29, 31), hex('c00c'));
  t.same(out.subarray(41, 47), hex('036e7330c00c'));
  // The first A record's owner points at ns0.example.com. inside the first NS rdata (offset 41).
  const firstA = 12 + 17 + 5 * 18;
  t.same(out.subarray(firstA, firstA + 2), hex('c029'));
  const m = decodeMessage(out);
  t.equal(m.additionals[0].owner.toString(), 'ns0.example.com.');
});

t.test('compression keys ignore case; the case written first is kept', async (t) => {
  const w = new MessageWriter(512);
  w.addQuestion(n('Example.COM.'), T.A, 1);
  w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ANSWER);
  w.addRecord(rr('WWW.example.com.', T.CNAME, nw('www.EXAMPLE.com.')), SECTION.ANSWER);
  const out = w.finish();
  t.same(out.subarray(29, 31), hex('c00c'), 'owner example.com. is a pointer to Example.COM.');
  const m = decodeMessage(out);
  t.equal(m.answers[0].owner.toString(), 'Example.COM.');
  t.equal(m.answers[1].owner.toString(), 'WWW.Example.COM.');
  t.same(m.answers[1].rdata, nw('WWW.Example.COM.'), 'www.EXAMPLE.com. pointed at WWW.Example.COM.');
});

t.test('names in rdata are compressed only where allowed', async (t) => {
  const w = new MessageWriter(512);
  w.addQuestion(n('example.com.'), T.MX, 1);
  w.addRecord(rr('example.com.', T.MX, cat([0, 10], nw('mail.example.com.'))), SECTION.ANSWER);
  const srv = cat([0, 1, 0, 2, 0, 53], nw('example.com.'));
  w.addRecord(rr('_dns._udp.example.com.', T.SRV, srv), SECTION.ANSWER);
  const out = w.finish();
  const m = decodeMessage(out);
  t.same(m.answers[0].rdata, cat([0, 10], nw('mail.example.com.')));
  t.same(m.answers[1].rdata, srv);
  // MX: preference, "mail", pointer; SRV (RFC 2782: no compression) is copied verbatim.
  const mxAt = 12 + 17 + 2 + 10;
  t.same(out.subarray(mxAt - 2, mxAt + 9), hex('0009 000a 046d61696c c00c'));
  const tail = out.subarray(out.length - srv.length);
  t.same(tail, srv);
  const p = dnsPacket.decode(Buffer.from(out));
  t.match(p.answers![0], { type: 'MX', data: { preference: 10, exchange: 'mail.example.com' } });
  t.match(p.answers![1], { type: 'SRV', name: '_dns._udp.example.com', data: { target: 'example.com', port: 53 } });
});

t.test('no pointer to an offset beyond 0x3fff', async (t) => {
  const w = new MessageWriter(65535);
  w.addQuestion(n('example.com.'), T.TXT, 1);
  const big = new Uint8Array(255).fill(0x61);
  big[0] = 254;
  let i = 0;
  while (w.length < 0x4100) t.ok(w.addRecord(rr(`h${i++}.example.com.`, T.TXT, big), SECTION.ANSWER));
  w.addRecord(rr('late.example.com.', T.TXT, big), SECTION.ANSWER);
  w.addRecord(rr('late.example.com.', T.TXT, big), SECTION.ANSWER);
  const out = w.finish();
  const m = decodeMessage(out);
  t.equal(m.answers.at(-1)!.owner.toString(), 'late.example.com.');
  // The second "late" owner cannot point at the first one (past 0x3fff): it is "late" + pointer to example.com.
  const last = out.length - (10 + 255) - 7;
  t.same(out.subarray(last, last + 7), hex('046c617465 c00c'));
});

t.test('limit and rollback', async (t) => {
  const w = new MessageWriter(120);
  w.addQuestion(n('example.com.'), T.A, 1);
  let added = 0;
  while (w.addRecord(rr(`host${added}.example.com.`, T.A, A(added)), SECTION.ANSWER)) added++;
  const before = w.length;
  t.ok(added > 0 && before <= 120);
  t.equal(w.count(SECTION.ANSWER), added);
  t.notOk(w.addRecord(rr('another.example.com.', T.A, A(9)), SECTION.ANSWER));
  t.equal(w.length, before, 'nothing left behind');
  t.equal(w.count(SECTION.ANSWER), added);
  const out = w.finish();
  t.ok(out.length <= 120);
  const p = dnsPacket.decode(Buffer.from(out));
  t.equal(p.answers!.length, w.count(SECTION.ANSWER));
});

t.test('rollback also forgets compression targets', async (t) => {
  // The owner is written (and its suffixes registered) before the big rdata fails to fit.
  const w = new MessageWriter(120);
  w.addQuestion(n('example.com.'), T.A, 1);
  t.notOk(w.addRecord(rr('rolled.back.example.com.', T.TXT, new Uint8Array(80)), SECTION.ANSWER));
  t.ok(w.addRecord(rr('rolled.back.example.com.', T.A, A(2)), SECTION.ANSWER), 'no pointer to the rolled-back copy');
  t.ok(w.addRecord(rr('x.example.com.', T.A, A(1)), SECTION.ANSWER));
  const m = decodeMessage(w.finish());
  t.same(m.answers.map((a) => a.owner.toString()), ['rolled.back.example.com.', 'x.example.com.']);

  // A stale entry must not keep the name's new position out of the table.
  const v = new MessageWriter(120);
  v.addQuestion(n('example.com.'), T.A, 1);
  t.notOk(v.addRecord(rr('a.b.example.com.', T.TXT, new Uint8Array(100)), SECTION.ANSWER));
  v.addRecord(rr('x.example.com.', T.A, A(1)), SECTION.ANSWER);
  v.addRecord(rr('a.b.example.com.', T.A, A(2)), SECTION.ANSWER);
  v.addRecord(rr('a.b.example.com.', T.A, A(3)), SECTION.ANSWER);
  t.equal(v.length, 29 + 18 + 20 + 16, 'the second a.b.example.com. is a pointer');
  t.same(decodeMessage(v.finish()).answers.map((a) => a.owner.toString()), ['x.example.com.', 'a.b.example.com.', 'a.b.example.com.']);
});

t.test('addRRset and addRecords add all or none', async (t) => {
  const w = new MessageWriter(100);
  w.addQuestion(n('example.com.'), T.A, 1);
  const many = [1, 2, 3, 4, 5, 6, 7, 8].map(A);
  t.notOk(w.addRRset(n('example.com.'), T.A, 1, 60, many, SECTION.ANSWER));
  t.equal(w.count(SECTION.ANSWER), 0);
  t.equal(w.length, 29);
  t.ok(w.addRRset(n('example.com.'), T.A, 1, 60, many.slice(0, 3), SECTION.ANSWER));
  t.equal(w.count(SECTION.ANSWER), 3);
  const len = w.length;
  const recs = [rr('a.example.com.', T.A, A(1)), rr('b.example.com.', T.TXT, new Uint8Array(60))];
  t.notOk(w.addRecords(recs, SECTION.ADDITIONAL));
  t.equal(w.length, len);
  t.equal(w.count(SECTION.ADDITIONAL), 0);
  t.ok(w.addRecord(rr('c.example.com.', T.A, A(3)), SECTION.AUTHORITY), 'still in the authority section after a failed additional add');
  const m = decodeMessage(w.finish());
  t.equal(m.answers.length, 3);
  t.equal(m.answers[2].ttl, 60);
  t.equal(m.authorities.length, 1);
});

t.test('mark and rollback across sections', async (t) => {
  const w = new MessageWriter(512);
  w.addQuestion(n('example.com.'), T.A, 1);
  w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ANSWER);
  const mk = w.mark();
  w.addRecord(rr('ns.example.com.', T.NS, nw('ns.example.com.')), SECTION.AUTHORITY);
  w.addRecord(rr('ns.example.com.', T.A, A(2)), SECTION.ADDITIONAL);
  w.rollback(mk);
  t.equal(w.count(SECTION.AUTHORITY), 0);
  t.equal(w.count(SECTION.ADDITIONAL), 0);
  w.addRecord(rr('other.example.com.', T.A, A(3)), SECTION.ANSWER);
  const m = decodeMessage(w.finish());
  t.same(m.answers.map((a) => a.owner.toString()), ['example.com.', 'other.example.com.']);
});

t.test('the OPT record: reserved room, DO echo, NSID, extended rcode', async (t) => {
  const w = new MessageWriter(100);
  w.setHeader({ id: 0xbeef, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: false, z: false, ad: false, cd: false, rcode: 0 });
  w.addQuestion(n('example.com.'), T.A, 1);
  const nsid = nsidOption(new TextEncoder().encode('ns1'));
  t.ok(w.setEdns({ udpSize: 1232, dnssecOk: true, options: [nsid] }));
  t.equal(w.remaining, 100 - 29 - (11 + 4 + 3));
  while (w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ANSWER));
  w.setRcode(RCODE.BADVERS);
  const out = w.finish();
  t.ok(out.length <= 100);
  const m = decodeMessage(out);
  t.equal(m.header.id, 0xbeef);
  t.match(m.header, { qr: true, aa: true, rd: true, rcode: 0 });
  t.match(m.edns, { udpSize: 1232, dnssecOk: true, extendedRcode: 1, version: 0 });
  t.equal(m.edns!.options[0].code, EDNS_OPTION.NSID);
  t.same(m.edns!.options[0].data, new TextEncoder().encode('ns1'));
  const p = dnsPacket.decode(Buffer.from(out));
  const opt = p.additionals!.at(-1) as unknown as { type: string; udpPayloadSize: number; flag_do: boolean };
  t.match(opt, { type: 'OPT', udpPayloadSize: 1232, flag_do: true });
});

t.test('setEdns fails when it does not fit, and can be removed', async (t) => {
  const w = new MessageWriter(40);
  w.addQuestion(n('example.com.'), T.A, 1);
  t.notOk(w.setEdns({ udpSize: 512, options: [{ code: 12, data: new Uint8Array(20) }] }));
  t.ok(w.setEdns({ udpSize: 512 }));
  t.ok(w.setEdns(null));
  t.equal(decodeMessage(w.finish()).edns, null);
});

t.test('programmer errors throw WireError', async (t) => {
  const w = new MessageWriter(512);
  w.addRecord(rr('example.com.', T.A, A(1)), SECTION.AUTHORITY);
  t.equal(codeOf(() => w.addQuestion(n('example.com.'), T.A, 1)), 'SECTION_ORDER');
  t.equal(codeOf(() => w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ANSWER)), 'SECTION_ORDER');
  w.setRcode(RCODE.BADCOOKIE);
  t.equal(codeOf(() => w.finish()), 'RCODE_NEEDS_OPT');
  w.setRcode(RCODE.REFUSED);
  w.finish();
  t.equal(codeOf(() => w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ADDITIONAL)), 'WRITER_FINISHED');
  t.equal(codeOf(() => new MessageWriter(11)), 'BAD_LIMIT');
  t.equal(codeOf(() => new MessageWriter(512).appendFinal(rr('k.', T.TSIG, tsigRdata(0)))), 'WRITER_OPEN');
});

t.test('reserve keeps room for a TSIG appended after the OPT', async (t) => {
  const w = new MessageWriter(200);
  w.addQuestion(n('example.com.'), T.SOA, 1);
  t.ok(w.setEdns({ udpSize: 1232 }));
  const tsig = rr('key.example.', T.TSIG, tsigRdata(16), 0, 255);
  const tsigSize = tsig.owner.wire.length + 10 + tsig.rdata.length;
  t.ok(w.reserve(tsigSize));
  while (w.addRecord(rr('example.com.', T.A, A(1)), SECTION.ANSWER));
  const unsigned = w.finish();
  const arcount = (unsigned[10] << 8) | unsigned[11];
  const opt = unsigned.length;
  const signed = w.appendFinal(tsig)!;
  t.ok(signed && signed.length <= 200);
  t.equal((signed[10] << 8) | signed[11], arcount + 1);
  const m = decodeMessage(signed);
  t.equal(m.tsigOffset, opt);
  t.ok(m.edns);
  t.equal(m.additionals.at(-1)!.type, T.TSIG);
  t.equal(w.appendFinal(rr('key.example.', T.TSIG, tsigRdata(150))), null, 'no room left');
});

t.test('reset reuses the writer', async (t) => {
  const w = new MessageWriter(512);
  w.addQuestion(n('a.example.'), T.A, 1);
  w.setEdns({ udpSize: 1232 });
  w.finish();
  w.reset(1232);
  w.addQuestion(n('b.example.'), T.A, 1);
  w.addRecord(rr('b.example.', T.A, A(1)), SECTION.ANSWER);
  const m = decodeMessage(w.finish());
  t.equal(m.questions[0].qname.toString(), 'b.example.');
  t.equal(m.edns, null);
  t.equal(m.answers[0].owner.toString(), 'b.example.');
});

t.test('encodeMessage throws MESSAGE_TOO_LARGE and writes a final TSIG after OPT', async (t) => {
  const base = decodeMessage(hex('12340100000100000000000003666f6f0000010001'));
  const big = { ...base, answers: [rr('foo.', T.TXT, new Uint8Array(600))] };
  t.equal(codeOf(() => encodeMessage(big, 512)), 'MESSAGE_TOO_LARGE');
  t.ok(encodeMessage(big).length > 600);
  const tsig = rr('k.', T.TSIG, tsigRdata(32), 0, 255);
  const withTsig = { ...base, additionals: [rr('foo.', T.A, A(1)), tsig], edns: { udpSize: 4096, extendedRcode: 0, version: 0, dnssecOk: false, z: 0, options: [] } };
  const m = decodeMessage(encodeMessage(withTsig));
  t.ok(m.tsigOffset > 0);
  t.ok(m.edns);
  t.same(m.additionals.map((a) => a.type), [T.A, T.TSIG]);
});
