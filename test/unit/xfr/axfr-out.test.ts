// AXFR out: decoded messages reassemble exactly the zone, SOA first and last, question once, within the size limit, signed.
import dnsPacket from 'dns-packet';
import t from 'tap';
import { createTsigKey, TsigKeyring, TsigStreamSigner, verifyRequest } from '../../../src/tsig/index.js';
import { decodeMessage, FLAG, RCODE } from '../../../src/wire/index.js';
import { axfrMessages, buildXfrQuery, TYPE_AXFR, tsigRequestSigner } from '../../../src/xfr/index.js';
import { answersOf, n, ORIGIN, rrText, sortedTexts, zoneOf, zoneText } from './support.js';

const request = { id: 0x4242, qname: n('Example.COM.'), qtype: TYPE_AXFR, qclass: 1, flags: FLAG.RD };

function bigZone(count: number): ReturnType<typeof zoneOf> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`host${i} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    if (i % 7 === 0) lines.push(`host${i} 300 IN TXT "some text for host ${i} to make the record longer"`);
    if (i % 50 === 0) lines.push(`sub${i} 3600 IN NS ns.sub${i}`, `ns.sub${i} 3600 IN A 192.0.2.${i % 250}`);
  }
  lines.push('mail 300 IN MX 10 host1', 'www 300 IN CNAME host2');
  return zoneOf(zoneText(2024010101, lines));
}

t.test('one message for a small zone', async (t) => {
  const zone = zoneOf(zoneText(7, ['www 300 IN A 192.0.2.80', 'www 300 IN AAAA 2001:db8::80']));
  const msgs = [...axfrMessages(zone, request)];
  t.equal(msgs.length, 1);
  const m = decodeMessage(msgs[0]);
  t.equal(m.header.id, 0x4242);
  t.ok(m.header.qr && m.header.aa && m.header.rd, 'QR, AA, and RD copied');
  t.equal(m.header.rcode, RCODE.NOERROR);
  t.equal(m.questions.length, 1);
  t.equal(m.questions[0].qname.wire[1], 'E'.charCodeAt(0), 'the question keeps the case of the request');
  const texts = m.answers.map(rrText);
  t.equal(m.answers[0].type, 6);
  t.equal(m.answers[m.answers.length - 1].type, 6);
  t.same(texts[0], texts[texts.length - 1], 'SOA first and last');
  t.same(sortedTexts(m.answers.slice(0, -1)), sortedTexts(zone.records()), 'exactly the zone');
});

t.test('a large zone: many messages, each within the limit, reassembling exactly the zone', async (t) => {
  const zone = bigZone(3000);
  for (const limit of [65535, 16384, 1232, 512]) {
    const msgs = [...axfrMessages(zone, request, { maxMessageSize: limit })];
    t.ok(msgs.length > 1, `${limit}: ${msgs.length} messages`);
    t.ok(msgs.every((m) => m.length <= limit), `${limit}: every message fits`);
    const decoded = msgs.map((m) => decodeMessage(m));
    t.equal(decoded[0].questions.length, 1, 'question in the first message');
    t.ok(decoded.slice(1).every((m) => m.questions.length === 0), 'and only there');
    t.ok(decoded.every((m) => m.header.id === 0x4242 && m.header.aa && m.answers.length > 0));
    const answers = answersOf(msgs);
    t.equal(answers[0].type, 6);
    t.equal(rrText(answers[answers.length - 1]), rrText(answers[0]), 'the final SOA is the first SOA');
    t.equal(answers.filter((r) => r.type === 6).length, 2, 'no other SOA');
    t.same(sortedTexts(answers.slice(0, -1)), sortedTexts(zone.records()), `${limit}: exactly the zone`);
  }
  // Compression works: the whole transfer is much smaller than the uncompressed records.
  const total = [...axfrMessages(zone, request)].reduce((s, m) => s + m.length, 0);
  const raw = [...zone.records()].reduce((s, r) => s + r.owner.wire.length + 10 + r.rdata.length, 0);
  t.ok(total < raw * 0.8, `compressed ${total} < uncompressed ${raw}`);
});

t.test('filled messages: no message could have taken the first record of the next', async (t) => {
  const zone = bigZone(500);
  const msgs = [...axfrMessages(zone, request, { maxMessageSize: 1232 })];
  for (let i = 0; i < msgs.length - 1; i++) {
    const next = decodeMessage(msgs[i + 1]).answers[0];
    const room = 1232 - msgs[i].length;
    // The packer gave up on that record here, so even compressed it needed more than the room left.
    t.ok(room < next.owner.wire.length + 10 + next.rdata.length, `message ${i} left ${room} octets`);
  }
});

t.test('dns-packet reads the stream the same way', async (t) => {
  const zone = bigZone(200);
  const msgs = [...axfrMessages(zone, request, { maxMessageSize: 4096 })];
  const answers = msgs.flatMap((m) => dnsPacket.decode(Buffer.from(m)).answers ?? []);
  t.equal(answers.length, zone.recordCount + 1);
  t.equal(answers[0].type, 'SOA');
  t.equal(answers[answers.length - 1].type, 'SOA');
});

t.test('every message signed with TSIG and verified by the client side', async (t) => {
  const key = createTsigKey('xfr-key.', 'hmac-sha256', 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=');
  const now = (): number => 1700000000;
  const signer = tsigRequestSigner(key, now);
  const query = buildXfrQuery(ORIGIN, TYPE_AXFR, 0x1111);
  const { message, verifier } = signer.sign(query);
  const v = verifyRequest(message, new TsigKeyring([key]), now);
  if (!v || !v.ok) throw new Error('request did not verify');
  const zone = bigZone(1000);
  const req = { id: 0x1111, qname: ORIGIN, qtype: TYPE_AXFR, qclass: 1 };
  const msgs = [...axfrMessages(zone, req, { maxMessageSize: 8192, signer: new TsigStreamSigner(v, now) })];
  t.ok(msgs.length > 3);
  t.ok(msgs.every((m) => m.length <= 8192));
  for (const m of msgs) t.same(verifier.verify(m), { ok: true, signed: true });
  t.same(verifier.finish(), { ok: true, signed: true });
  t.same(sortedTexts(answersOf(msgs).slice(0, -1)), sortedTexts(zone.records()));
});

t.test('streamed: messages come one at a time as they are pulled', async (t) => {
  const zone = bigZone(2000);
  const gen = axfrMessages(zone, request, { maxMessageSize: 512 });
  const first = gen.next();
  t.notOk(first.done);
  t.ok((first.value as Uint8Array).length <= 512);
  gen.return(undefined);
});

t.test('too small a limit is a programmer error', async (t) => {
  const zone = zoneOf(zoneText(1, []));
  t.throws(() => [...axfrMessages(zone, request, { maxMessageSize: 40 })], { code: 'XFR_RECORD_TOO_LARGE' });
});
