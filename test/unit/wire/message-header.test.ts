// Header flags, opcode/rcode constants and the hot-path question reader.
import fc from 'fast-check';
import t from 'tap';
import {
  decodeFlags,
  encodeFlags,
  FLAG,
  headerFlags,
  headerId,
  headerOpcode,
  OPCODE,
  RCODE,
  readHeader,
  readQuestion,
  writeHeader,
  type Header,
} from '../../../src/wire/index.js';
import { CAPTURED, codeOf, hex, n } from './message-fixtures.js';

t.test('constants', async (t) => {
  t.equal(OPCODE.NOTIFY, 4);
  t.equal(OPCODE.UPDATE, 5);
  t.equal(RCODE.NOTZONE, 10);
  t.equal(RCODE.BADVERS, 16);
  t.equal(RCODE.BADSIG, 16);
  t.equal(RCODE.BADCOOKIE, 23);
  t.equal(FLAG.AD, 0x20);
  t.equal(FLAG.CD, 0x10);
});

const headerArb = fc.record({
  id: fc.integer({ min: 0, max: 0xffff }),
  qr: fc.boolean(),
  opcode: fc.integer({ min: 0, max: 15 }),
  aa: fc.boolean(),
  tc: fc.boolean(),
  rd: fc.boolean(),
  ra: fc.boolean(),
  z: fc.boolean(),
  ad: fc.boolean(),
  cd: fc.boolean(),
  rcode: fc.integer({ min: 0, max: 15 }),
  qdcount: fc.integer({ min: 0, max: 0xffff }),
  ancount: fc.integer({ min: 0, max: 0xffff }),
  nscount: fc.integer({ min: 0, max: 0xffff }),
  arcount: fc.integer({ min: 0, max: 0xffff }),
});

t.test('readHeader(writeHeader(h)) == h, and every flags word round-trips', async (t) => {
  fc.assert(
    fc.property(headerArb, (h: Header) => {
      const buf = new Uint8Array(12);
      writeHeader(buf, h);
      t.same(readHeader(buf), h);
      t.equal(headerId(buf), h.id);
      t.equal(headerOpcode(buf), h.opcode);
    }),
  );
  for (let w = 0; w < 0x10000; w += 7) t.equal(encodeFlags(decodeFlags(w)), w, `flags ${w}`);
});

t.test('flags of a captured kdig query: RD, AD, CD', async (t) => {
  const msg = hex(CAPTURED.kdigCd);
  const h = readHeader(msg);
  t.equal(h.id, 0x203c);
  t.match(h, { qr: false, opcode: 0, rd: true, ad: true, cd: true, aa: false, tc: false, z: false, rcode: 0 });
  t.equal(headerFlags(msg), 0x0130);
  t.same([h.qdcount, h.ancount, h.nscount, h.arcount], [1, 0, 0, 1]);
});

t.test('readHeader on short input', async (t) => {
  t.equal(codeOf(() => readHeader(new Uint8Array(11))), 'TRUNCATED_HEADER');
  t.equal(codeOf(() => writeHeader(new Uint8Array(3), readHeader(new Uint8Array(12)))), 'BUFFER_TOO_SMALL');
});

t.test('readQuestion on captured queries keeps the case and ends at the question', async (t) => {
  const q = readQuestion(hex(CAPTURED.digCookie));
  t.equal(q.qname.toString(), 'www.Example.COM.');
  t.equal(q.qname.key, n('www.example.com.').key);
  t.equal(q.qname.labelCount, 3);
  t.equal(q.qtype, 1);
  t.equal(q.qclass, 1);
  t.equal(q.end, 12 + 17 + 4);
  const root = readQuestion(hex(CAPTURED.digNoEdns));
  t.ok(root.qname.isRoot());
  t.equal(root.qtype, 2);
  t.equal(root.end, 17);
});

t.test('readQuestion copies the name out of the packet', async (t) => {
  const msg = hex(CAPTURED.digDnssecNsid);
  const q = readQuestion(msg);
  msg[13] = 0x45; // 'e' -> 'E' in the packet after reading
  t.equal(q.qname.toString(), 'example.org.');
});

t.test('readQuestion falls back to the full reader for a pointer', async (t) => {
  // The header's first octets double as the name "x." (offset 0), the question is "a" + pointer to 0.
  const msg = hex('0178 0000 0001 0000 0000 0000 0161 c000 0001 0001');
  msg[2] = 0; // flags high octet: the root label ending "x."
  const q = readQuestion(msg);
  t.equal(q.qname.toString(), 'a.x.');
  t.equal(q.end, msg.length);
});

t.test('readQuestion errors', async (t) => {
  t.equal(codeOf(() => readQuestion(new Uint8Array(5))), 'TRUNCATED_HEADER');
  t.equal(codeOf(() => readQuestion(hex('0000 0000 0000 0000 0000 0000 00 0001 0001'))), 'NO_QUESTION');
  t.equal(codeOf(() => readQuestion(hex('0000 0000 0001 0000 0000 0000 00 0001'))), 'TRUNCATED_QUESTION');
  t.equal(codeOf(() => readQuestion(hex('0000 0000 0001 0000 0000 0000 03 6162'))), 'TRUNCATED_NAME');
  t.equal(codeOf(() => readQuestion(hex('0000 0000 0001 0000 0000 0000 c00c 0001 0001'))), 'BAD_POINTER');
  t.equal(codeOf(() => readQuestion(hex('0000 0000 0001 0000 0000 0000 40 0001 0001'))), 'BAD_LABEL_TYPE');
  const long = '3f' + '61'.repeat(63);
  const tooLong = hex('0000 0000 0001 0000 0000 0000' + long.repeat(4) + '00 0001 0001');
  t.equal(codeOf(() => readQuestion(tooLong)), 'NAME_TOO_LONG');
  // 255 octets exactly is fine: 3 x 64 + 62 + root.
  const max = hex('0000 0000 0001 0000 0000 0000' + long.repeat(3) + '3d' + '62'.repeat(61) + '00 0001 0001');
  t.equal(readQuestion(max).qname.wire.length, 255);
});
