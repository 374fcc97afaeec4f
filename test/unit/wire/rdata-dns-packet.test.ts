// Our wire encoding of generated records equals dns-packet's encoder for every type dns-packet supports.
import fc from 'fast-check';
import t from 'tap';
import packet from 'dns-packet';
import { rdataFromText, rdataToText } from '../../../src/wire/index.js';
import { formatTime } from '../../../src/wire/rdata-text.js';
import { hex, ORIGIN, tokenize, typeOf } from './rdata-support.js';

type Encoder = { encode(data: unknown): Buffer };
const enc = (type: string): Encoder => (packet as unknown as Record<string, Encoder>)[type.toLowerCase()];

/** dns-packet writes rdlength first; the rest is the rdata. */
function theirs(type: string, data: unknown): string {
  return hex(enc(type).encode(data).subarray(2));
}

function ours(type: string, text: string): string {
  const w = rdataFromText(typeOf(type), tokenize(text), ORIGIN);
  // And our own printed form must give the same bytes again.
  t.equal(hex(rdataFromText(typeOf(type), tokenize(rdataToText(typeOf(type), w)), ORIGIN)), hex(w));
  return hex(w);
}

const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,14}$/);
const dname = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));
const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b));
const safeText = fc.stringMatching(/^[ -!#-[\]-~]{0,60}$/); // printable ASCII without " and \
const ipv4 = fc.tuple(u8, u8, u8, u8).map((x) => x.join('.'));
const ipv6 = fc.array(u16, { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));
const typeNames = fc.uniqueArray(fc.constantFrom('A', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'AAAA', 'SRV', 'DS', 'RRSIG',
  'NSEC', 'DNSKEY', 'NSEC3', 'CAA', 'TLSA', 'PTR', 'HINFO', 'NAPTR', 'SSHFP'), { minLength: 0, maxLength: 8 });
const b32 = (b: Buffer) => {
  const A = '0123456789abcdefghijklmnopqrstuv';
  let bits = '';
  for (const x of b) bits += x.toString(2).padStart(8, '0');
  while (bits.length % 5) bits += '0';
  return bits.match(/.{5}/g)!.map((x) => A[parseInt(x, 2)]).join('');
};

const RUNS = { numRuns: 60 };

t.test('addresses and names', async () => {
  fc.assert(fc.property(ipv4, (a) => ours('A', a) === theirs('A', a)), RUNS);
  fc.assert(fc.property(ipv6, (a) => ours('AAAA', a) === theirs('AAAA', a)), RUNS);
  for (const type of ['NS', 'CNAME', 'PTR', 'DNAME']) {
    fc.assert(fc.property(dname, (n) => ours(type, `${n}.`) === theirs(type, n)), RUNS);
  }
});

t.test('SOA, MX, SRV, RP, HINFO, TXT, CAA, NAPTR', async () => {
  fc.assert(fc.property(dname, dname, u32, u32, u32, u32, u32, (m, r, serial, refresh, retry, expire, minimum) =>
    ours('SOA', `${m}. ${r}. ${serial} ${refresh} ${retry} ${expire} ${minimum}`) ===
    theirs('SOA', { mname: m, rname: r, serial, refresh, retry, expire, minimum })), RUNS);
  fc.assert(fc.property(u16, dname, (preference, exchange) =>
    ours('MX', `${preference} ${exchange}.`) === theirs('MX', { preference, exchange })), RUNS);
  fc.assert(fc.property(u16, u16, u16, dname, (priority, weight, port, target) =>
    ours('SRV', `${priority} ${weight} ${port} ${target}.`) === theirs('SRV', { priority, weight, port, target })), RUNS);
  fc.assert(fc.property(dname, dname, (mbox, txt) => ours('RP', `${mbox}. ${txt}.`) === theirs('RP', { mbox, txt })), RUNS);
  fc.assert(fc.property(safeText, safeText, (cpu, os) =>
    ours('HINFO', `"${cpu}" "${os}"`) === theirs('HINFO', { cpu, os })), RUNS);
  fc.assert(fc.property(fc.array(safeText, { minLength: 1, maxLength: 5 }), (strings) =>
    ours('TXT', strings.map((s) => `"${s}"`).join(' ')) === theirs('TXT', strings)), RUNS);
  fc.assert(fc.property(fc.constantFrom(0, 128), fc.constantFrom('issue', 'issuewild', 'iodef', 'tbs'), safeText,
    (flags, tag, value) => ours('CAA', `${flags} ${tag} "${value}"`) === theirs('CAA', { flags, tag, value })), RUNS);
  fc.assert(fc.property(u16, u16, safeText, safeText, safeText, dname, (order, preference, flags, services, regexp, rep) =>
    ours('NAPTR', `${order} ${preference} "${flags}" "${services}" "${regexp}" ${rep}.`) ===
    theirs('NAPTR', { order, preference, flags, services, regexp, replacement: rep })), RUNS);
});

t.test('DNSSEC types: DS, DNSKEY, RRSIG, NSEC, NSEC3, TLSA, SSHFP', async () => {
  fc.assert(fc.property(u16, u8, u8, bytes(1, 64), (keyTag, algorithm, digestType, digest) =>
    ours('DS', `${keyTag} ${algorithm} ${digestType} ${digest.toString('hex')}`) ===
    theirs('DS', { keyTag, algorithm, digestType, digest })), RUNS);
  fc.assert(fc.property(u16, u8, bytes(1, 300), (flags, algorithm, key) =>
    ours('DNSKEY', `${flags} 3 ${algorithm} ${key.toString('base64')}`) === theirs('DNSKEY', { flags, algorithm, key })), RUNS);
  fc.assert(fc.property(fc.constantFrom('A', 'SOA', 'DNSKEY', 'NSEC3'), u8, u8, u32, u32, u32, u16, dname, bytes(1, 256),
    (typeCovered, algorithm, labels, originalTTL, expiration, inception, keyTag, signersName, signature) =>
      ours('RRSIG', `${typeCovered} ${algorithm} ${labels} ${originalTTL} ${formatTime(expiration)} ` +
        `${inception} ${keyTag} ${signersName}. ${signature.toString('base64')}`) ===
      theirs('RRSIG', { typeCovered, algorithm, labels, originalTTL, expiration, inception, keyTag, signersName, signature })),
  RUNS);
  fc.assert(fc.property(dname, typeNames, (nextDomain, rrtypes) =>
    ours('NSEC', `${nextDomain}. ${rrtypes.join(' ')}`) === theirs('NSEC', { nextDomain, rrtypes })), RUNS);
  fc.assert(fc.property(u8, u8, u16, bytes(0, 32), bytes(1, 32), typeNames,
    (algorithm, flags, iterations, salt, nextDomain, rrtypes) =>
      ours('NSEC3', `${algorithm} ${flags} ${iterations} ${salt.length ? salt.toString('hex') : '-'} ${b32(nextDomain)} ${rrtypes.join(' ')}`) ===
      theirs('NSEC3', { algorithm, flags, iterations, salt, nextDomain, rrtypes })), RUNS);
  fc.assert(fc.property(u8, u8, u8, bytes(1, 64), (usage, selector, matchingType, certificate) =>
    ours('TLSA', `${usage} ${selector} ${matchingType} ${certificate.toString('hex')}`) ===
    theirs('TLSA', { usage, selector, matchingType, certificate })), RUNS);
  fc.assert(fc.property(u8, fc.constantFrom(1, 2), (algorithm, hash) => {
    const fingerprint = 'ab'.repeat(hash === 1 ? 20 : 32);
    return ours('SSHFP', `${algorithm} ${hash} ${fingerprint}`) === theirs('SSHFP', { algorithm, hash, fingerprint });
  }), RUNS);
});
