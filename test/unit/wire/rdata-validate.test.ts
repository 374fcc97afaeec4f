// Malformed wire rdata: validateRdata and rdataToText refuse it with a WireError that says what is wrong.
import t from 'tap';
import { rdataToText, validateRdata, WireError } from '../../../src/wire/index.js';
import { typeOf } from './rdata-support.js';

const NAME = '03636f6d00'; // com.
// [type, rdata hex, message]
const BAD: [string, string, string][] = [
  ['A', '010203', 'IPv4 address runs past the end of the rdata'],
  ['A', '0102030405', '1 octets of trailing data after the A rdata'],
  ['AAAA', '00'.repeat(15), 'IPv6 address runs past the end of the rdata'],
  ['NS', '', 'domain name runs past the end of the rdata'],
  ['NS', '03636f6d', 'domain name runs past the end of the rdata'],
  ['NS', 'c00c', 'compressed domain name in rdata'],
  ['NS', '4100', 'bad label length in rdata name'],
  ['NS', '3f' + '61'.repeat(63) + '3f' + '61'.repeat(63) + '3f' + '61'.repeat(63) + '3f' + '61'.repeat(63) + '00', 'domain name in rdata longer than 255 octets'],
  ['MX', '000a', 'domain name runs past the end of the rdata'],
  ['SOA', NAME + NAME + '00'.repeat(19), 'period runs past the end of the rdata'],
  ['TXT', '', 'character-string runs past the end of the rdata'],
  ['TXT', '0461', 'character-string runs past the end of the rdata'],
  ['HINFO', '0161', 'character-string runs past the end of the rdata'],
  ['DS', '0001050' + '1', 'empty hex'],
  ['DNSKEY', '01010308', 'empty base64'],
  ['NSEC', NAME + '0000', 'type bitmap window length 0 is not 1-32'],
  ['NSEC', NAME + '000140' + '000140', 'type bitmap windows out of order'],
  ['NSEC', NAME + '00024000', 'type bitmap window ends in a zero octet'],
  ['NSEC', NAME + '00', 'type bitmap window header runs past the end of the rdata'],
  ['NSEC', NAME + '0021' + '00'.repeat(33), 'type bitmap window length 33 is not 1-32'],
  ['NSEC3', '0100000a' + '00' + '00', 'empty NSEC3 next hashed owner name'],
  ['NSEC3', '0100000a' + '05aa', 'salt runs past the end of the rdata'],
  ['LOC', '01' + '00'.repeat(15), 'LOC version 1 is not 0'],
  ['LOC', '00a0' + '00'.repeat(14), 'LOC size 0xa0 is not a valid size'],
  ['LOC', '000a' + '00'.repeat(14), 'LOC size 0xa is not a valid size'],
  ['LOC', '001216' + '13' + 'ffffffff' + '80000000' + '00989680', 'LOC latitude beyond 90 degrees'],
  ['LOC', '00121613' + '80000000' + '00000000' + '00989680', 'LOC longitude beyond 180 degrees'],
  ['LOC', '00', 'LOC runs past the end of the rdata'],
  ['APL', '000315020102', 'APL address family 3 is not 1 or 2'],
  ['APL', '0001210401020304', 'APL prefix 33 too long for address family 1'],
  ['APL', '0001200501020304', 'APL address part of 5 octets too long for address family 1'],
  ['APL', '00011802c000', 'APL address part ends in a zero octet'],
  ['WKS', 'c000020106' + '0000', 'WKS bitmap lists no service'],
  ['IPSECKEY', '0a0402', 'IPSECKEY gateway type 4 is not 0-3'],
  ['IPSECKEY', '0a0102c000', 'IPSECKEY gateway runs past the end of the rdata'],
  ['HIP', '0002000100', 'empty HIP HIT or public key'],
  ['HIP', '0102000200aa', 'HIP HIT and public key runs past the end of the rdata'],
  ['CAA', '0000', 'empty CAA tag'],
  ['CAA', '00022d2d', 'CAA tag has characters other than letters and digits'],
  ['GPOS', '01780131013', 'GPOS coordinate is not a decimal number'],
  ['SVCB', '0001' + '00' + '000300020035' + '00010003026832', 'SvcParamKeys not in strictly increasing order (RFC 9460 2.2)'],
  ['SVCB', '0001' + '00' + 'ffff0000', 'SvcParamKey 65535 is reserved'],
  ['SVCB', '0001' + '00' + '000300010a', 'port value is not 2 octets'],
  ['SVCB', '0001' + '00' + '00020000', 'no-default-alpn requires alpn (RFC 9460 7.1.1)'],
  ['SVCB', '0001' + '00' + '000000020003', 'mandatory lists port, which is not present (RFC 9460 8)'],
  ['SVCB', '0001' + '00' + '000000020000', 'mandatory lists itself'],
  ['SVCB', '0001' + '00' + '0000000400040003' + '000300020035' + '000400040a000001', 'mandatory keys not in increasing order'],
  ['SVCB', '0001' + '00' + '0001000100', 'bad alpn id'],
  ['SVCB', '0001' + '00' + '00040003010203', 'ipv4hint value is not a list of IPv4 addresses'],
  ['SVCB', '0001' + '00' + '0006000100', 'ipv6hint value is not a list of IPv6 addresses'],
  ['SVCB', '0001' + '00' + '000800016', 'SvcParam value runs past the end of the rdata'],
  ['SVCB', '0001' + '00' + '0008', 'SvcParam header runs past the end of the rdata'],
  ['SVCB', '0001' + '00' + '00080001ff', 'ohttp has a value'],
  ['EUI48', '0102030405', 'EUI-48 address runs past the end of the rdata'],
];

t.test('malformed wire rdata gives a WireError with a clear message', async (t) => {
  for (const [type, hexText, message] of BAD) {
    const b = Uint8Array.from(Buffer.from(hexText, 'hex'));
    t.throws(() => validateRdata(typeOf(type), b), { name: 'WireError', code: 'BAD_RDATA', message }, `${type} ${hexText}`);
    t.throws(() => rdataToText(typeOf(type), b), WireError, `${type} ${hexText} does not print`);
  }
});

t.test('unknown types accept any octets and print in the RFC 3597 form', async (t) => {
  t.equal(rdataToText(65000, Uint8Array.of(1, 2)), '\\# 2 0102');
  t.equal(rdataToText(10, new Uint8Array(0)), '\\# 0');
  t.doesNotThrow(() => validateRdata(65000, Uint8Array.of(0xc0, 0xff)));
  t.throws(() => validateRdata(65000, new Uint8Array(65536)), { code: 'BAD_RDATA' });
});
