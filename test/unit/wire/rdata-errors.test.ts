// Bad rdata text: each input gives an RdataError with the expected message and the offending token index.
import t from 'tap';
import { RdataError, rdataFromText } from '../../../src/wire/index.js';
import { ORIGIN, tokenize, typeOf } from './rdata-support.js';

// [type, rdata text, token index (-1: missing field), message]
const BAD: [string, string, number, string][] = [
  ["A", "1.2.3", 0, "expected an IPv4 address for A address, got '1.2.3'"],
  ["A", "01.2.3.4", 0, "expected an IPv4 address for A address, got '01.2.3.4'"],
  ["A", "256.1.1.1", 0, "expected an IPv4 address for A address, got '256.1.1.1'"],
  ["A", "", -1, "missing A address: expected an IPv4 address"],
  ["A", "1.2.3.4 5", 1, "too many fields for A: unexpected '5'"],
  ["AAAA", "1::2::3", 0, "expected an IPv6 address for AAAA address, got '1::2::3'"],
  ["AAAA", "1:2:3:4:5:6:7:8:9", 0, "expected an IPv6 address for AAAA address, got '1:2:3:4:5:6:7:8:9'"],
  ["AAAA", "12345::", 0, "expected an IPv6 address for AAAA address, got '12345::'"],
  ["AAAA", "::1.2.3", 0, "expected an IPv6 address for AAAA address, got '::1.2.3'"],
  ["MX", "70000 mail", 0, "expected a 16-bit integer for MX preference, got '70000'"],
  ["MX", "10", -1, "missing MX exchange: expected a domain name"],
  ["MX", "-1 mail", 0, "expected a 16-bit integer for MX preference, got '-1'"],
  ["MX", "10 a..b", 1, "expected a domain name for MX exchange, got 'a..b' (empty label in 'a..b')"],
  ["MX", "10 mail extra", 2, "too many fields for MX: unexpected 'extra'"],
  ["SOA", "ns hm 4294967296 1 1 1 1", 2, "expected a 32-bit integer for SOA serial, got '4294967296'"],
  ["SOA", "ns hm 1 1x 1 1 1", 3, "expected a TTL-style period (seconds, or units like 1h30m) for SOA refresh, got '1x'"],
  ["SOA", "ns hm 1 1 1 1", -1, "missing SOA minimum: expected a TTL-style period (seconds, or units like 1h30m)"],
  ["TXT", "", -1, "missing TXT text: expected a character-string"],
  ["TXT", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", 0, "TXT text: character-string is 256 octets, more than 255"],
  ["TXT", "\"\\256\"", 0, "TXT text: escape \\256 is over 255 in '\\256'"],
  ["HINFO", "one", -1, "missing HINFO os: expected a character-string"],
  ["DS", "1 5 1 abc", 3, "expected hex for DS digest, got 'abc' (bad length or padding)"],
  ["DS", "1 5 1 zz", 3, "expected hex for DS digest, got 'zz'"],
  ["DS", "1 5 1", -1, "missing DS digest: expected hex"],
  ["DS", "1 FOO 1 ab", 1, "expected an algorithm number or mnemonic for DS algorithm, got 'FOO'"],
  ["DNSKEY", "257 3 8 AwEAAag", 3, "expected base64 for DNSKEY publickey, got 'AwEAAag' (bad length or padding)"],
  ["DNSKEY", "257 3 8 AwEA!ag=", 3, "expected base64 for DNSKEY publickey, got 'AwEA!ag='"],
  ["DNSKEY", "257 3 8 AwEA AQ=", 3, "expected base64 for DNSKEY publickey, got 'AwEA' (bad length or padding)"],
  ["NSEC3PARAM", "1 0 1", -1, "missing NSEC3PARAM salt: expected a hex salt or -"],
  ["NSEC3PARAM", "1 0 1 xyz", 3, "expected a hex salt or - for NSEC3PARAM salt, got 'xyz'"],
  ["NSEC3", "1 0 1 - 2t7b4g4vsa5smi47k61mv5bv1a22boj", 4, "expected a base32hex hash for NSEC3 next, got '2t7b4g4vsa5smi47k61mv5bv1a22boj'"],
  ["NSEC3", "1 0 1 - !!", 4, "expected a base32hex hash for NSEC3 next, got '!!'"],
  ["NSEC", "host A FOO", 2, "expected an RR type for NSEC types, got 'FOO'"],
  ["RRSIG", "A 5 3 86400 20300231000000 20240101000000 2642 example.com. AAAA", 4, "expected a time as YYYYMMDDHHmmSS or seconds for RRSIG expiration, got '20300231000000'"],
  ["RRSIG", "FOO 5 3 86400 20300101000000 20240101000000 2642 example.com. AAAA", 0, "expected an RR type for RRSIG typecovered, got 'FOO'"],
  ["CAA", "0 issue", -1, "missing CAA value: expected a string"],
  ["CAA", "0 is-sue \"x\"", 1, "expected a CAA tag of letters and digits for CAA tag, got 'is-sue'"],
  ["CAA", "256 issue \"x\"", 0, "expected an 8-bit integer for CAA flags, got '256'"],
  ["SVCB", "1 . mandatory=port", -1, "SVCB params: mandatory lists port, which is not present (RFC 9460 8)"],
  ["SVCB", "1 . no-default-alpn", -1, "SVCB params: no-default-alpn requires alpn (RFC 9460 7.1.1)"],
  ["SVCB", "1 . port=1 port=2", 3, "SVCB params: SvcParamKey port appears twice"],
  ["SVCB", "1 . key65535=x", 2, "expected a SvcParamKey (a known name or key0-key65534) for SVCB params, got 'key65535=x'"],
  ["SVCB", "1 . mandatory=mandatory", 2, "SVCB params: mandatory: mandatory must not list itself (RFC 9460 8)"],
  ["SVCB", "1 . alpn", 2, "SVCB params: alpn: expected a comma-separated list of ALPN ids of 1-255 octets"],
  ["SVCB", "1 . foo=bar", 2, "expected a SvcParamKey (a known name or key0-key65534) for SVCB params, got 'foo=bar'"],
  ["SVCB", "1 . port=70000", 2, "SVCB params: port: expected a port number (0-65535)"],
  ["SVCB", "1 . ipv4hint=1.2.3.4,", 2, "SVCB params: ipv4hint: expected a comma-separated list of IPv4 addresses"],
  ["SVCB", "1 . ipv6hint=1.2.3.4", 2, "SVCB params: ipv6hint: expected a comma-separated list of IPv6 addresses"],
  ["SVCB", "1 . ech=!!", 2, "SVCB params: ech: expected base64 (an ECHConfigList)"],
  ["SVCB", "1 . no-default-alpn=x alpn=h2", 2, "SVCB params: no-default-alpn: takes no value"],
  ["SVCB", "1 . mandatory=alpn,alpn alpn=h2", 2, "SVCB params: mandatory: mandatory lists a key twice"],
  ["SVCB", "1 . dohpath", 2, "SVCB params: dohpath: expected a value (a URI template, RFC 9461)"],
  ["EUI48", "00-00-5e-00-53", 0, "expected an EUI-48 address as 6 hex pairs separated by - for EUI48 address, got '00-00-5e-00-53'"],
  ["EUI64", "00:00:5e:00:53:00:00:00", 0, "expected an EUI-64 address as 8 hex pairs separated by - for EUI64 address, got '00:00:5e:00:53:00:00:00'"],
  ["L64", "10 2001:0DB8:1140", 1, "expected a 64-bit locator or node ID as x:x:x:x for L64 locator, got '2001:0DB8:1140'"],
  ["L32", "10 1.2.3", 1, "expected an IPv4 address for L32 locator, got '1.2.3'"],
  ["APL", "1:192.168.32.0/33", 0, "expected an APL item like 1:192.0.2.0/24 or !2:2001:db8::/32 for APL items, got '1:192.168.32.0/33' (prefix too long for the address family)"],
  ["APL", "3:1.2.3.4/8", 0, "expected an APL item like 1:192.0.2.0/24 or !2:2001:db8::/32 for APL items, got '3:1.2.3.4/8' (address family must be 1 or 2)"],
  ["APL", "1:192.168.32.0", 0, "expected an APL item like 1:192.0.2.0/24 or !2:2001:db8::/32 for APL items, got '1:192.168.32.0'"],
  ["CERT", "FOO 0 0 AAAA", 0, "expected a certificate type number or mnemonic for CERT type, got 'FOO'"],
  ["SRV", "0 5 70000 sip", 2, "expected a 16-bit integer for SRV port, got '70000'"],
  ["LOC", "91 N 0 E 0", 0, "expected degrees (0-90) for LOC location, got '91'"],
  ["LOC", "52 60 N 0 E 0", 1, "expected minutes (0-59) for LOC location, got '60'"],
  ["LOC", "52 22 23.0001 N 0 E 0", 2, "expected seconds (0-59.999) for LOC location, got '23.0001'"],
  ["LOC", "52 N 181 E 0", 2, "expected degrees (0-180) for LOC location, got '181'"],
  ["LOC", "52 N 1 X 0", 3, "expected E or W for LOC location, got 'X'"],
  ["LOC", "52 N 1 E -100000.01m", 4, "expected an altitude in metres (-100000.00 to 42849672.95) for LOC location, got '-100000.01m'"],
  ["LOC", "52 N 1 E 0 90000000.01m", 5, "expected a size in metres (0 to 90000000.00) for LOC location, got '90000000.01m'"],
  ["LOC", "52 N 1 E", -1, "missing LOC location: expected an altitude in metres (-100000.00 to 42849672.95)"],
  ["LOC", "52 N 1 E 0 1 2 3 4", 8, "too many fields for LOC: unexpected '4'"],
  ["WKS", "1.2.3.4 tcp", -1, "missing WKS bitmap: expected a service name or port number"],
  ["WKS", "1.2.3.4 xtp 25", 1, "expected a protocol (tcp, udp or a number) for WKS protocol, got 'xtp'"],
  ["WKS", "1.2.3.4 tcp nosuch", 2, "expected a service name or port number for WKS bitmap, got 'nosuch'"],
  ["IPSECKEY", "10 4 2 . AAAA", 1, "expected a gateway type (0-3) for IPSECKEY gateway, got '4'"],
  ["IPSECKEY", "10 1 2 ::1 AAAA", 3, "expected an IPv4 address for IPSECKEY gateway, got '::1'"],
  ["IPSECKEY", "10 0 2 x AAAA", 3, "expected . (no gateway) for IPSECKEY gateway, got 'x'"],
  ["HIP", "2 zz AAAA", 1, "expected a hex HIT of 1-255 octets for HIP rdata, got 'zz'"],
  ["HIP", "2 00", -1, "missing HIP rdata: expected a base64 public key"],
  ["NSAP", "47.0005", 0, "expected 0x and a hex NSAP address for NSAP address, got '47.0005'"],
  ["NSAP", "0x470", 0, "expected 0x and a hex NSAP address for NSAP address, got '0x470'"],
  ["NULL", "1 2 3", 0, "NULL has no presentation format here: use the RFC 3597 form \\# length hex"],
  ["TYPE65000", "abc", 0, "TYPE65000 has no presentation format here: use the RFC 3597 form \\# length hex"],
  ["A", "\\# 3 010203", 0, "\\# rdata is not valid A: IPv4 address runs past the end of the rdata"],
  ["A", "\\# 4 0102030", 2, "expected hex digits (an even number of them) after \\# length"],
  ["A", "\\# 4 01020304 05", 1, "\\# says 4 octets but the hex gives 5"],
  ["A", "\\# x", 1, "expected the rdata length (0-65535) after \\#, got 'x'"],
  ["A", "\\#", -1, "missing rdata length after \\#"],
  ["URI", "10 1", -1, "missing URI target: expected a string"],
  ["ISDN", "\"1\" \"2\" \"3\"", 2, "too many fields for ISDN: unexpected '3'"],
  ["X25", "\"abc\" \"def\"", 1, "too many fields for X25: unexpected 'def'"],
  ["GPOS", "1 2 x", 2, "expected a decimal number for GPOS altitude, got 'x'"],
  ["TXT", "a\\", 0, "TXT text: backslash at the end of a name or string in 'a\\'"],
  ["NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:x!\"", -1, "missing NAPTR replacement: expected a domain name"],
  ["SSHFP", "2 1 123", 2, "expected hex for SSHFP fingerprint, got '123' (bad length or padding)"],
  ["TLSA", "1 1 1 -", 3, "expected hex for TLSA data, got '-'"],
  ["ZONEMD", "1 1 1", -1, "missing ZONEMD digest: expected hex"],
  ["CSYNC", "1 0 FOO", 2, "expected an RR type for CSYNC types, got 'FOO'"],
  ["DNAME", "a.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.", 0, "expected a domain name for DNAME target, got 'a.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.' (label longer than 63 octets in 'a.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.')"],
];

t.test('bad rdata gives the expected RdataError', async (t) => {
  for (const [type, text, token, message] of BAD) {
    let err: unknown;
    try {
      rdataFromText(typeOf(type), tokenize(text), ORIGIN);
    } catch (e) {
      err = e;
    }
    t.ok(err instanceof RdataError, `${type} ${text}: throws an RdataError`);
    t.equal((err as Error).message, message, `${type} ${text}: message`);
    t.equal((err as RdataError).token, token, `${type} ${text}: token index`);
    t.equal((err as RdataError).code, 'RDATA_SYNTAX');
  }
});

t.test('a rdata over 65535 octets is refused', async (t) => {
  const strings = Array.from({ length: 300 }, () => `"${'x'.repeat(255)}"`).join(' ');
  t.throws(() => rdataFromText(typeOf('TXT'), tokenize(strings), ORIGIN), { message: 'TXT rdata is longer than 65535 octets', token: -1 });
});
