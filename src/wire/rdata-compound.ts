// Field kinds whose parts depend on each other: APL (RFC 3123), WKS (RFC 1035 3.4.2), IPSECKEY (RFC 4025), HIP (RFC 8005).
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './rdata-addr.js';
import { fromBase64, fromHex, get16, toBase64, toHex } from './rdata-bytes.js';
import { printName, takeName } from './rdata-fields.js';
import { bad, fixed, scanName, takeRest, type KindCodec } from './rdata-kind.js';
import { parseUint, type TextCursor } from './rdata-text.js';
import type { ByteSink } from './rdata-bytes.js';

const APL_ITEM = /^(!?)([0-9]+):([^/]+)\/([0-9]+)$/;

/** APL items "[!]afi:address/prefix"; the address part keeps no trailing zero octets (RFC 3123 4). */
const apl: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const expected = 'an APL item like 1:192.0.2.0/24 or !2:2001:db8::/32';
    while (!c.done) {
      const m = APL_ITEM.exec(c.take(expected).text);
      if (!m) c.fail(expected);
      const family = Number(m[2]);
      const addr = family === 1 ? parseIpv4(m[3]) : family === 2 ? parseIpv6(m[3]) : undefined;
      const prefix = parseUint(m[4], 8);
      if (!addr) c.fail(expected, family === 1 || family === 2 ? 'bad address' : 'address family must be 1 or 2');
      if (prefix === undefined || prefix > addr.length * 8) c.fail(expected, 'prefix too long for the address family');
      let len = addr.length;
      while (len > 0 && addr[len - 1] === 0) len--;
      out.u16(family);
      out.u8(prefix);
      out.u8((m[1] ? 0x80 : 0) | len);
      out.bytes(addr.subarray(0, len));
    }
  },
  scan(b, p, end) {
    while (p < end) {
      fixed(p, 4, end, 'APL item');
      const family = get16(b, p);
      const max = family === 1 ? 4 : family === 2 ? 16 : bad(`APL address family ${family} is not 1 or 2`);
      const len = b[p + 3] & 0x7f;
      if (b[p + 2] > max * 8) bad(`APL prefix ${b[p + 2]} too long for address family ${family}`);
      if (len > max) bad(`APL address part of ${len} octets too long for address family ${family}`);
      p = fixed(p + 4, len, end, 'APL address');
      if (len > 0 && b[p - 1] === 0) bad('APL address part ends in a zero octet');
    }
    return p;
  },
  print(b, p, next) {
    const items: string[] = [];
    while (p < next) {
      const family = get16(b, p);
      const len = b[p + 3] & 0x7f;
      const addr = new Uint8Array(family === 1 ? 4 : 16);
      addr.set(b.subarray(p + 4, p + 4 + len));
      const text = family === 1 ? formatIpv4(addr, 0) : formatIpv6(addr, 0);
      items.push(`${b[p + 3] & 0x80 ? '!' : ''}${family}:${text}/${b[p + 2]}`);
      p += 4 + len;
    }
    return items.join(' ');
  },
  optional: true,
};

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17 };

const wksproto: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const t = c.take('a protocol (tcp, udp or a number)').text;
    const v = PROTOCOLS[t.toLowerCase()] ?? parseUint(t, 8);
    if (v === undefined) c.fail('a protocol (tcp, udp or a number)');
    out.u8(v);
  },
  scan: (b, p, end) => fixed(p, 1, end, 'WKS protocol'),
  print: (b, p) => (b[p] === 6 ? 'tcp' : b[p] === 17 ? 'udp' : String(b[p])),
};

// Well-known service names (as in /etc/services, which NSD consults); other ports are printed as numbers.
const SERVICES: Record<string, number> = {
  tcpmux: 1, echo: 7, discard: 9, systat: 11, daytime: 13, netstat: 15, qotd: 17, chargen: 19, 'ftp-data': 20,
  ftp: 21, ssh: 22, telnet: 23, smtp: 25, time: 37, whois: 43, tacacs: 49, domain: 53, bootps: 67, bootpc: 68,
  tftp: 69, gopher: 70, finger: 79, http: 80, kerberos: 88, pop3: 110, sunrpc: 111, auth: 113, nntp: 119,
  ntp: 123, 'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139, imap2: 143, snmp: 161, 'snmp-trap': 162,
  bgp: 179, ldap: 389, https: 443, syslog: 514, submission: 587, ldaps: 636, rsync: 873, imaps: 993, pop3s: 995,
};
const SERVICE_NAMES = new Map(Object.entries(SERVICES).map(([k, v]) => [v, k]));

/** The WKS port bitmap: services by name or port number. */
const wksBits: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const bits = new Uint8Array(8192);
    let len = 0;
    do {
      const t = c.take('a service name or port number').text;
      const port = SERVICES[t.toLowerCase()] ?? parseUint(t, 16);
      if (port === undefined) c.fail('a service name or port number');
      bits[port >> 3] |= 0x80 >> (port & 7);
      len = Math.max(len, (port >> 3) + 1);
    } while (!c.done);
    out.bytes(bits.subarray(0, len));
  },
  scan(b, p, end) {
    // NSD refuses WKS without services, so a bitmap without a bit set has no text form.
    if (!b.subarray(p, end).some((x) => x !== 0)) bad('WKS bitmap lists no service');
    return end;
  },
  print(b, p, next) {
    const names: string[] = [];
    for (let i = 0; i < (next - p) * 8; i++) {
      if (b[p + (i >> 3)] & (0x80 >> (i & 7))) names.push(SERVICE_NAMES.get(i) ?? String(i));
    }
    return names.join(' ');
  },
};

/** Gateway type 0 has no gateway ("."), 1 an IPv4 address, 2 an IPv6 address, 3 an uncompressed name (RFC 4025 2.3, 2.5). */
const ipseckey: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const gw = parseUint(c.take('a gateway type (0-3)').text, 8);
    if (gw === undefined || gw > 3) c.fail('a gateway type (0-3)');
    const alg = parseUint(c.take('an 8-bit algorithm').text, 8);
    if (alg === undefined) c.fail('an 8-bit algorithm');
    out.u8(gw);
    out.u8(alg);
    if (gw === 3) takeName(c, out);
    else {
      const expected = ['. (no gateway)', 'an IPv4 address', 'an IPv6 address'][gw];
      const t = c.take(expected).text;
      const a = gw === 0 ? (t === '.' ? new Uint8Array(0) : undefined) : (gw === 1 ? parseIpv4 : parseIpv6)(t);
      if (!a) c.fail(expected);
      out.bytes(a);
    }
    if (c.done) return;
    const { text, first } = takeRest(c, 'base64');
    const key = fromBase64(text);
    if (!key) c.fail('base64', undefined, first);
    out.bytes(key);
  },
  scan(b, p, end) {
    fixed(p, 2, end, 'IPSECKEY gateway type');
    const gw = b[p];
    p += 2;
    if (gw === 1) fixed(p, 4, end, 'IPSECKEY gateway');
    else if (gw === 2) fixed(p, 16, end, 'IPSECKEY gateway');
    else if (gw === 3) scanName(b, p, end);
    else if (gw !== 0) bad(`IPSECKEY gateway type ${gw} is not 0-3`);
    return end;
  },
  print(b, p, next) {
    const gw = b[p];
    const q = p + 2;
    const gwEnd = gw === 0 ? q : gw === 1 ? q + 4 : gw === 2 ? q + 16 : scanName(b, q, next);
    const gwText = gw === 0 ? '.' : gw === 1 ? formatIpv4(b, q) : gw === 2 ? formatIpv6(b, q) : printName(b, q, gwEnd);
    const key = gwEnd < next ? ' ' + toBase64(b, gwEnd, next) : '';
    return `${gw} ${b[p + 1]} ${gwText}${key}`;
  },
  innerNames(b, p, next) {
    if (b[p] !== 3) return [];
    return [[p + 2, scanName(b, p + 2, next) - p - 2]];
  },
};

/** HIP (RFC 8005 5): algorithm, HIT in hex, public key in base64, then rendezvous server names. */
const hip: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const alg = parseUint(c.take('an 8-bit algorithm').text, 8);
    if (alg === undefined) c.fail('an 8-bit algorithm');
    const hit = fromHex(c.take('a hex HIT').text);
    if (!hit || hit.length === 0 || hit.length > 255) c.fail('a hex HIT of 1-255 octets');
    const pk = fromBase64(c.take('a base64 public key').text);
    if (!pk || pk.length === 0 || pk.length > 0xffff) c.fail('a base64 public key');
    out.u8(hit.length);
    out.u8(alg);
    out.u16(pk.length);
    out.bytes(hit);
    out.bytes(pk);
    while (!c.done) takeName(c, out);
  },
  scan(b, p, end) {
    fixed(p, 4, end, 'HIP header');
    if (b[p] === 0 || get16(b, p + 2) === 0) bad('empty HIP HIT or public key');
    p = fixed(p + 4, b[p] + get16(b, p + 2), end, 'HIP HIT and public key');
    while (p < end) p = scanName(b, p, end);
    return p;
  },
  print(b, p, next) {
    const hitEnd = p + 4 + b[p];
    const pkEnd = hitEnd + get16(b, p + 2);
    const parts = [String(b[p + 1]), toHex(b, p + 4, hitEnd), toBase64(b, hitEnd, pkEnd)];
    for (let q = pkEnd; q < next; ) {
      const e = scanName(b, q, next);
      parts.push(printName(b, q, e));
      q = e;
    }
    return parts.join(' ');
  },
  innerNames(b, p, next) {
    const out: [number, number][] = [];
    for (let q = p + 4 + b[p] + get16(b, p + 2); q < next; ) {
      const e = scanName(b, q, next);
      out.push([q, e - q]);
      q = e;
    }
    return out;
  },
};

export const COMPOUND_KINDS = {
  'apl-rest': apl,
  wksproto,
  'wks-rest': wksBits,
  'ipseckey-rest': ipseckey,
  'hip-rest': hip,
} satisfies Record<string, KindCodec>;
