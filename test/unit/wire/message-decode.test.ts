// decodeMessage: captured dig/kdig queries, the table of malformed messages, EDNS faults and random bytes.
import fc from 'fast-check';
import t from 'tap';
import { decodeMessage, encodeMessage, EDNS_OPTION, WireError } from '../../../src/wire/index.js';
import { CAPTURED, codeOf, hex, T, tsigRdata } from './message-fixtures.js';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

t.test('dig query with a cookie', async (t) => {
  const m = decodeMessage(hex(CAPTURED.digCookie));
  t.equal(m.questions.length, 1);
  t.equal(m.questions[0].qname.toString(), 'www.Example.COM.');
  t.equal(m.additionals.length, 0, 'the OPT record is taken out of the additional section');
  t.ok(m.edns);
  t.match(m.edns, { udpSize: 1232, version: 0, dnssecOk: false, extendedRcode: 0, z: 0 });
  t.equal(m.edns!.options.length, 1);
  t.equal(m.edns!.options[0].code, EDNS_OPTION.COOKIE);
  t.same(m.edns!.options[0].data, hex('2d3a8234ff48bd80'));
  t.equal(m.ednsProblem, null);
  t.equal(m.trailingBytes, 0);
  t.equal(m.tsigOffset, -1);
});

t.test('dig +dnssec +nsid and kdig +cd', async (t) => {
  const d = decodeMessage(hex(CAPTURED.digDnssecNsid));
  t.equal(d.questions[0].qtype, T.MX);
  t.match(d.edns, { dnssecOk: true, udpSize: 1232 });
  t.same(d.edns!.options.map((o) => [o.code, o.data.length]), [[EDNS_OPTION.NSID, 0]]);
  const k = decodeMessage(hex(CAPTURED.kdigCd));
  t.equal(k.header.cd, true);
  t.match(k.edns, { dnssecOk: true, udpSize: 4096 });
});

t.test('dig +noedns and kdig +padding', async (t) => {
  const d = decodeMessage(hex(CAPTURED.digNoEdns));
  t.equal(d.edns, null);
  t.equal(d.header.rd, false);
  t.ok(d.questions[0].qname.isRoot());
  const k = decodeMessage(hex(CAPTURED.kdigPadding));
  t.same(k.edns!.options.map((o) => [o.code, o.data.length]), [[EDNS_OPTION.PADDING, 64], [65001, 2]]);
});

// A query header with the given counts, followed by the hex body.
function msg(counts: [number, number, number, number], body: string): Uint8Array {
  const c = counts.map((x) => x.toString(16).padStart(4, '0')).join('');
  return hex('1234 0100' + c + body);
}
const Q = '03666f6f00 0001 0001'; // foo. A IN at offset 12
const A_REC = 'c00c 0001 0001 00000e10 0004 0a000001'; // foo. A 10.0.0.1
const OPT = '00 0029 1000 00000000 0000';

t.test('the malformed table', async (t) => {
  const cases: [string, Uint8Array, string][] = [
    ['truncated header', hex('1234 0100 0001'), 'TRUNCATED_HEADER'],
    ['question count lies', msg([2, 0, 0, 0], Q), 'COUNT_MISMATCH'],
    ['answer count lies', msg([1, 2, 0, 0], Q + A_REC), 'COUNT_MISMATCH'],
    ['additional count lies', msg([1, 0, 0, 1], Q), 'COUNT_MISMATCH'],
    ['question without type/class', msg([1, 0, 0, 0], '03666f6f00 0001'), 'TRUNCATED_QUESTION'],
    ['record header cut', msg([1, 1, 0, 0], Q + 'c00c 0001 0001 0000'), 'TRUNCATED_RECORD'],
    ['pointer loop', msg([1, 0, 0, 0], '0161 c00c 0001 0001'), 'BAD_POINTER'],
    ['self pointer', msg([1, 0, 0, 0], 'c00c 0001 0001'), 'BAD_POINTER'],
    ['forward pointer', msg([1, 0, 0, 0], 'c010 0001 0001 03666f6f00'), 'BAD_POINTER'],
    ['pointer loop in a record', msg([1, 1, 0, 0], Q + '0162 c015 0001 0001 00000e10 0000'), 'BAD_POINTER'],
    ['label > 63', msg([1, 0, 0, 0], '40' + '61'.repeat(64) + '00 0001 0001'), 'BAD_LABEL_TYPE'],
    ['name > 255', msg([1, 0, 0, 0], ('3f' + '61'.repeat(63)).repeat(4) + '00 0001 0001'), 'NAME_TOO_LONG'],
    ['name > 255 through pointers', msg([1, 1, 0, 0], ('3f' + '61'.repeat(63)).repeat(3) + '00 0001 0001' + '3f' + '62'.repeat(63) + 'c00c 0001 0001 00000000 0000'), 'NAME_TOO_LONG'],
    ['name past the end', msg([1, 0, 0, 0], '03666f'), 'TRUNCATED_NAME'],
    ['rdlength past end', msg([1, 1, 0, 0], Q + 'c00c 0001 0001 00000e10 0008 0a000001'), 'RDATA_PAST_END'],
  ];
  for (const [what, buf, code] of cases) t.equal(codeOf(() => decodeMessage(buf)), code, what);
});

t.test('rdlength that does not match the rdata (checked by readRdata)', async (t) => {
  // A CNAME whose compressed name ends before RDLENGTH does, and one whose name runs past it.
  const extra = msg([1, 1, 0, 0], Q + 'c00c 0005 0001 00000e10 0004 c00c 0000');
  const short = msg([1, 1, 0, 0], Q + 'c00c 0005 0001 00000e10 0002 03666f6f00');
  const badA = msg([1, 1, 0, 0], Q + 'c00c 0001 0001 00000e10 0005 0a00000101');
  for (const [what, buf] of [['name shorter than rdlength', extra], ['name longer than rdlength', short], ['A of 5 octets', badA]] as const) {
    const code = codeOf(() => decodeMessage(buf));
    t.not(code, 'NO_THROW', what);
    t.notMatch(code, /^OTHER/, `${what}: ${code}`);
  }
});

t.test('EDNS faults are values, and the faulty OPT stays a record', async (t) => {
  const twice = decodeMessage(msg([1, 0, 0, 2], Q + OPT + OPT));
  t.equal(twice.ednsProblem, 'MULTIPLE_OPT');
  t.ok(twice.edns, 'the first OPT is still the EDNS of the message');
  t.equal(twice.additionals.length, 1);
  const inAnswer = decodeMessage(msg([1, 1, 0, 0], Q + OPT));
  t.equal(inAnswer.ednsProblem, 'OPT_OUTSIDE_ADDITIONAL');
  t.equal(inAnswer.edns, null);
  t.equal(inAnswer.answers[0].type, T.OPT);
  const inAuthority = decodeMessage(msg([1, 0, 1, 1], Q + OPT + OPT));
  t.equal(inAuthority.ednsProblem, 'OPT_OUTSIDE_ADDITIONAL');
  t.ok(inAuthority.edns);
  const notRoot = decodeMessage(msg([1, 0, 0, 1], Q + 'c00c 0029 1000 00000000 0000'));
  t.equal(notRoot.ednsProblem, 'OPT_NOT_ROOT');
  t.equal(notRoot.edns, null);
  t.equal(notRoot.additionals[0].owner.toString(), 'foo.');
  const badOptions = decodeMessage(msg([1, 0, 0, 1], Q + '00 0029 1000 00000000 0006 000a 0008 0102'));
  t.equal(badOptions.ednsProblem, 'BAD_OPT_OPTIONS');
  t.equal(badOptions.edns, null);
  const strayOctet = decodeMessage(msg([1, 0, 0, 1], Q + '00 0029 1000 00000000 0005 0003 0000 ff'));
  t.equal(strayOctet.ednsProblem, 'BAD_OPT_OPTIONS');
  // Version 1 options are opaque: BADVERS territory, not FORMERR (NSD's edns_parse_record).
  const v1 = decodeMessage(msg([1, 0, 0, 1], Q + '00 0029 1000 00010000 0003 ffffff'));
  t.equal(v1.ednsProblem, null);
  t.match(v1.edns, { version: 1, options: [] });
});

t.test('extended rcode, version and flags are read from the OPT TTL', async (t) => {
  const m = decodeMessage(msg([1, 0, 0, 1], Q + '00 0029 0200 01028001 0000'));
  t.match(m.edns, { udpSize: 512, extendedRcode: 1, version: 2, dnssecOk: true, z: 1 });
});

t.test('trailing bytes are reported, not accepted silently', async (t) => {
  const m = decodeMessage(msg([1, 1, 0, 0], Q + A_REC + 'deadbeef'));
  t.equal(m.trailingBytes, 4);
  t.equal(m.answers.length, 1);
  t.equal(decodeMessage(msg([1, 1, 0, 0], Q + A_REC)).trailingBytes, 0);
});

t.test('tsigOffset points at a final TSIG record', async (t) => {
  const tsig = '00 00fa 00ff 00000000' + (tsigRdata(4).length).toString(16).padStart(4, '0') + toHex(tsigRdata(4));
  const body = Q + OPT;
  const m = decodeMessage(msg([1, 0, 0, 2], body + tsig));
  t.equal(m.tsigOffset, 12 + hex(body).length);
  t.equal(m.additionals.length, 1);
  t.equal(decodeMessage(msg([1, 0, 0, 2], Q + tsig + OPT)).tsigOffset, -1, 'TSIG not last');
  t.equal(decodeMessage(msg([1, 1, 0, 0], Q + tsig)).tsigOffset, -1, 'TSIG in the answer section');
});

function onlyWireErrors(buf: Uint8Array): boolean {
  try {
    decodeMessage(buf);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
  }
  return true;
}

t.test('decodeMessage on random bytes returns or throws WireError', async (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), onlyWireErrors), { numRuns: 3000 });
  // Random bytes after a plausible header reach the section readers more often.
  const head = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
  fc.assert(
    fc.property(head, fc.uint8Array({ maxLength: 400 }), (c, body) => {
      const h = msg(c, '');
      const buf = new Uint8Array(h.length + body.length);
      buf.set(h);
      buf.set(body, h.length);
      return onlyWireErrors(buf);
    }),
    { numRuns: 3000 },
  );
  t.pass('no other exception escaped');
});

t.test('decodeMessage on mutated real messages returns or throws WireError', async (t) => {
  const seeds = Object.values(CAPTURED).map(hex);
  const response = encodeMessage(decodeMessage(msg([1, 1, 0, 1], Q + A_REC + OPT)));
  seeds.push(response);
  const mutation = fc.tuple(
    fc.integer({ min: 0, max: seeds.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.nat(),
  );
  fc.assert(
    fc.property(mutation, ([s, edits, cut]) => {
      const buf = seeds[s].slice(0, seeds[s].length - (cut % 4));
      for (const [at, v] of edits) if (buf.length > 0) buf[at % buf.length] = v;
      return onlyWireErrors(buf);
    }),
    { numRuns: 5000 },
  );
  t.pass('no other exception escaped');
});
