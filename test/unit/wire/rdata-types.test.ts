// Every supported type: text -> wire -> text -> wire gives the same bytes, and the text is what NSD prints.
import t from 'tap';
import {
  canonicalRdata, rdataNameFields, rdataFromText, rdataToText, readRdata, validateRdata, TYPE, typeToText,
} from '../../../src/wire/index.js';
import { allTypeDefs } from '../../../src/wire/rr-types.js';
import { SAMPLES } from './rdata-samples.js';
import { hex, ORIGIN, tokenize, typeOf } from './rdata-support.js';

t.test('every sample round-trips and prints like NSD', async (t) => {
  for (const s of SAMPLES) {
    const type = typeOf(s.type);
    const w1 = rdataFromText(type, tokenize(s.text), ORIGIN);
    const text = rdataToText(type, w1);
    t.equal(text, s.out ?? s.text, `${s.type} ${s.text} prints as expected`);
    const w2 = rdataFromText(type, tokenize(text), ORIGIN);
    t.equal(hex(w2), hex(w1), `${s.type} ${s.text}: text -> wire -> text -> wire is stable`);
    t.doesNotThrow(() => validateRdata(type, w1), `${s.type} wire validates`);
    t.equal(hex(readRdata(type, w1, 0, w1.length)), hex(w1), `${s.type} readRdata of uncompressed rdata is a copy`);
    const generic = rdataFromText(type, tokenize(`\\# ${w1.length} ${hex(w1)}`), ORIGIN);
    t.equal(hex(generic), hex(w1), `${s.type} the \\# form gives the same bytes`);
  }
});

t.test('every type with a field list has at least one sample', async (t) => {
  const sampled = new Set(SAMPLES.map((s) => typeOf(s.type)));
  for (const def of allTypeDefs()) {
    if (def.fields) t.ok(sampled.has(def.code), `${def.mnemonic} has a sample`);
  }
  for (const m of ['A', 'NS', 'CNAME', 'SOA', 'PTR', 'HINFO', 'MINFO', 'MX', 'TXT', 'RP', 'AFSDB', 'X25', 'ISDN', 'RT',
    'NSAP', 'NSAP-PTR', 'KEY', 'PX', 'AAAA', 'LOC', 'SRV', 'NAPTR', 'KX', 'CERT', 'DNAME', 'APL', 'DS', 'SSHFP',
    'IPSECKEY', 'RRSIG', 'NSEC', 'DNSKEY', 'DHCID', 'NSEC3', 'NSEC3PARAM', 'TLSA', 'SMIMEA', 'HIP', 'CDS', 'CDNSKEY',
    'OPENPGPKEY', 'CSYNC', 'ZONEMD', 'SVCB', 'HTTPS', 'SPF', 'NID', 'L32', 'L64', 'LP', 'EUI48', 'EUI64', 'URI', 'CAA',
    'WKS', 'MD', 'MF', 'MB', 'MG', 'MR']) {
    t.ok(sampled.has(typeOf(m)), `issue 2 type ${m} is supported and sampled`);
  }
});

t.test('exact wire bytes of hand-checked records', async (t) => {
  const cases: [string, string, string][] = [
    ['A', '192.0.2.1', 'c0000201'],
    ['MX', '10 mail.example.com.', '000a046d61696c076578616d706c6503636f6d00'],
    ['TXT', '"a" "" bc', '0161000262 63'.replace(' ', '')],
    ['NSEC3PARAM', '1 0 0 -', '0100000000'],
    ['NSEC', 'a. A MX RRSIG NSEC TYPE1234', '016100' + '0006400100000003' + '04' + '1b' + '00'.repeat(26) + '20'],
    // LOC bytes as nsd-checkzone prints them in \# form for the same text.
    ['LOC', '52 22 23.000 N 4 53 32.000 E 2.00m 0.00m 10000m 10m', '000016138b3cf018810cbce000989748'],
    ['LOC', '42 21 54 N 71 06 18 W -24m 30m', '0033161389172dd070be15f000988d20'],
    ['LOC', '0 N 0 E 0', '00121613800000008000000000989680'],
    ['LOC', '90 S 180 W 42849672.95m 90000000m 0.5m 0.01m', '009951106cb0270059604e00ffffffff'],
    ['EUI48', '00-00-5e-00-53-2a', '00005e00532a'],
    ['CAA', '0 issue "ca.example.net"', '0005697373756563612e6578616d706c652e6e6574'],
    ['APL', '1:192.168.32.0/21 !1:192.168.38.0/28', '00011503c0a82000011c83c0a826'],
    ['HTTPS', '1 . alpn=h2 port=443', '000100' + '0001000302683200030002' + '01bb'],
    ['WKS', '192.0.2.1 tcp 25', 'c000020106' + '000000' + '40'],
    ['NSAP', '0x47.0005', '470005'],
    ['IPSECKEY', '10 0 2 . AQ==', '0a000201'],
  ];
  for (const [type, text, want] of cases) {
    t.equal(hex(rdataFromText(typeOf(type), tokenize(text), ORIGIN)), want, `${type} ${text}`);
  }
});

t.test('name fields: compression and canonical form flags', async (t) => {
  const soa = rdataFromText(TYPE.SOA, tokenize('NS1.Example.COM. Host.Example.COM. 1 2 3 4 5'), ORIGIN);
  const f = rdataNameFields(TYPE.SOA, soa);
  t.same(f.map((x) => [x.offset, x.length, x.compress, x.canonicalLower]), [[0, 17, true, true], [17, 18, true, true]]);
  t.equal(Buffer.from(canonicalRdata(TYPE.SOA, soa)).toString('latin1').slice(1, 4), 'ns1');
  const expect: [string, string, boolean, boolean][] = [
    ['SRV', '0 0 1 Target.Example.', false, true], // RFC 3597 4: decompressed on receipt, never compressed on send
    ['NSEC', 'Next.Example. A', false, false], // RFC 6840 5.1: NSEC next name is not lower-cased
    ['RRSIG', `A 8 2 1 1 1 1 Signer.Example. AA==`, false, true], // RFC 6840 5.1: RRSIG signer is
    ['DNAME', 'Target.Example.', false, true],
    ['KX', '1 Kx.Example.', false, true],
    ['SVCB', '1 Svc.Example.', false, false],
    ['LP', '1 Lp.Example.', false, false],
    ['MX', '1 Mail.Example.', true, true],
  ];
  for (const [type, text, compress, lower] of expect) {
    const w = rdataFromText(typeOf(type), tokenize(text), ORIGIN);
    const fields = rdataNameFields(typeOf(type), w);
    t.equal(fields.length, 1, `${type} has one name`);
    t.equal(fields[0].compress, compress, `${type} compress`);
    t.equal(fields[0].canonicalLower, lower, `${type} canonicalLower`);
    const canon = Buffer.from(canonicalRdata(typeOf(type), w)).toString('latin1');
    t.equal(/[A-Z]/.test(canon), !lower, `${type} canonical form ${lower ? 'is' : 'is not'} lower-cased`);
  }
  const hip = rdataFromText(TYPE.HIP, tokenize('2 00 AA== Rvs.Example. b.example.'), ORIGIN);
  t.same(rdataNameFields(TYPE.HIP, hip).map((x) => [x.offset, x.length, x.compress, x.canonicalLower]),
    [[6, 13, false, false], [19, 11, false, false]]);
  const ipk = rdataFromText(TYPE.IPSECKEY, tokenize('1 3 0 Gw.Example.'), ORIGIN);
  t.same(rdataNameFields(TYPE.IPSECKEY, ipk).map((x) => [x.offset, x.length]), [[3, 12]]);
  t.same(rdataNameFields(TYPE.A, new Uint8Array(4)), []);
  t.same(rdataNameFields(65000, new Uint8Array(4)), []);
});

t.test('readRdata decompresses where RFC 3597 4 allows it', async (t) => {
  // A message fragment: "example.com." at offset 0, then rdata at offset 13.
  const base = [7, ...Buffer.from('example'), 3, ...Buffer.from('com'), 0];
  const ptr = [0xc0, 0x00];
  const mx = Uint8Array.from([...base, 0, 10, 4, ...Buffer.from('mail'), ...ptr]);
  const got = readRdata(TYPE.MX, mx, 13, 9);
  t.equal(rdataToText(TYPE.MX, got), '10 mail.example.com.');
  const srv = Uint8Array.from([...base, 0, 1, 0, 2, 0, 3, ...ptr]);
  t.equal(rdataToText(TYPE.SRV, readRdata(TYPE.SRV, srv, 13, 8)), '1 2 3 example.com.');
  const soa = Uint8Array.from([...base, ...ptr, 1, 0x68, ...ptr, ...new Array(20).fill(0)]);
  t.equal(rdataToText(TYPE.SOA, readRdata(TYPE.SOA, soa, 13, 26)), 'example.com. h.example.com. 0 0 0 0 0');
  // NSEC, DNAME, RRSIG, KX names must never be compressed: a pointer there is malformed.
  t.throws(() => readRdata(TYPE.NSEC, Uint8Array.from([...base, ...ptr]), 13, 2), { code: 'BAD_RDATA' });
  t.throws(() => readRdata(TYPE.DNAME, Uint8Array.from([...base, ...ptr]), 13, 2), { code: 'BAD_RDATA' });
  t.throws(() => readRdata(TYPE.KX, Uint8Array.from([...base, 0, 1, ...ptr]), 13, 4), { code: 'BAD_RDATA' });
  // A name that runs past rdlength, trailing bytes, rdata past the message end.
  t.throws(() => readRdata(TYPE.MX, mx, 13, 8), { name: 'WireError' });
  t.throws(() => readRdata(TYPE.A, Uint8Array.from([1, 2, 3, 4, 5]), 0, 5), { code: 'BAD_RDATA' });
  t.throws(() => readRdata(TYPE.A, Uint8Array.from([1, 2, 3]), 0, 4), { code: 'BAD_RDATA' });
  t.throws(() => readRdata(TYPE.MX, mx, 13, 100), { code: 'BAD_RDATA' });
  t.equal(hex(readRdata(65000, mx, 13, 2)), '000a', 'unknown types are copied');
});

t.test('type and class mnemonics', async (t) => {
  const { typeFromText, classFromText, classToText } = await import('../../../src/wire/index.js');
  t.equal(typeFromText('a'), 1);
  t.equal(typeFromText('nsap-ptr'), 23);
  t.equal(typeFromText('TYPE65535'), 65535);
  t.equal(typeFromText('type1'), 1);
  t.equal(typeFromText('TYPE65536'), undefined);
  t.equal(typeFromText('TYPE'), undefined);
  t.equal(typeFromText('TYPE1x'), undefined);
  t.equal(typeFromText('BOGUS'), undefined);
  t.equal(typeToText(1), 'A');
  t.equal(typeToText(65), 'HTTPS');
  t.equal(typeToText(1234), 'TYPE1234');
  t.equal(typeToText(32769), 'DLV');
  t.equal(classFromText('in'), 1);
  t.equal(classFromText('CH'), 3);
  t.equal(classFromText('HS'), 4);
  t.equal(classFromText('NONE'), 254);
  t.equal(classFromText('ANY'), 255);
  t.equal(classFromText('CLASS1'), 1);
  t.equal(classFromText('class65535'), 65535);
  t.equal(classFromText('CLASS65536'), undefined);
  t.equal(classFromText('toString'), undefined);
  t.equal(classFromText('XX'), undefined);
  t.equal(classToText(1), 'IN');
  t.equal(classToText(42), 'CLASS42');
  for (const [name, code] of Object.entries(TYPE)) t.equal(typeFromText(name), code, `${name} round-trips`);
});
