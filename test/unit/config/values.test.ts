// Value kinds through whole configs: yes/no, numbers with ranges, strings, nsid, secrets, interfaces, lists.
import t from 'tap';
import { brief, load, problemsOf } from './support.js';

const server = (lines: string) => `server:\n${lines}`;
const bad = (lines: string) => brief(problemsOf(server(lines)));

t.test('yes/no is case-sensitive, as in NSD', async (t) => {
  t.equal(load(server(' hide-version: yes\n')).config.server.hideVersion, true);
  t.same(bad(' hide-version: Yes\n'), ["2: bad value for hide-version: expected yes or no, not 'Yes'"]);
  t.same(bad(' do-ip4: 1\n'), ["2: bad value for do-ip4: expected yes or no, not '1'"]);
});

t.test('numbers are digits only and checked against their range', async (t) => {
  const s = load(server(' port: 5353\n tcp-count: 10\n verbosity: 3\n ipv6-edns-size: 4096\n')).config.server;
  t.match(s, { port: 5353, tcpCount: 10, verbosity: 3, ipv6EdnsSize: 4096 });
  t.same(bad(' port: abc\n'), ["2: bad value for port: expected a number, not 'abc'"]);
  t.same(bad(' port: 0\n'), ['2: bad value for port: expected a number from 1 to 65535, not 0']);
  t.same(bad(' port: 65536\n'), ['2: bad value for port: expected a number from 1 to 65535, not 65536']);
  t.same(bad(' verbosity: -1\n'), ["2: bad value for verbosity: expected a number, not '-1'"]);
  t.same(bad(' tcp-count: 0\n'), ['2: bad value for tcp-count: expected a number of at least 1, not 0']);
  t.same(bad(' server-count: 0\n'), ['2: bad value for server-count: expected a number of at least 1, not 0']);
  t.same(bad(' ipv4-edns-size: 100\n'), ['2: bad value for ipv4-edns-size: expected a number from 512 to 65535, not 100']);
  t.same(bad(' rrl-ipv4-prefix-length: 33\n'), ['2: bad value for rrl-ipv4-prefix-length: expected a number from 0 to 32, not 33']);
  t.same(bad(' rrl-ipv6-prefix-length: 65\n'), ['2: bad value for rrl-ipv6-prefix-length: expected a number from 0 to 64, not 65']);
  t.same(bad(' rrl-size: 0\n'), ['2: bad value for rrl-size: expected a number of at least 1, not 0']);
});

t.test('strings, quoted or not; identity and version at most 255 characters', async (t) => {
  const s = load(server(' identity: "ns1 example"\n version: 1.0\n username: ""\n')).config.server;
  t.match(s, { identity: 'ns1 example', version: '1.0', username: '' });
  t.same(bad(` identity: ${'a'.repeat(256)}\n`), ['2: bad value for identity: a string longer than 255 characters']);
  t.same(bad(' identity:\n'), ['2: identity: is missing its value (expected a string)']);
  t.same(bad(' identity: foo bar\n'), ["2: unexpected 'bar' after the value of identity: (expected a string)"]);
});

t.test('nsid: hex of even length, or ascii_ text; kept as hex', async (t) => {
  t.equal(load(server(' nsid: 0A0b\n')).config.server.nsid, '0a0b');
  t.equal(load(server(' nsid: ascii_ns1\n')).config.server.nsid, '6e7331');
  t.same(bad(' nsid: abc\n'), ['2: bad value for nsid: the NSID must be a hex string of an even length']);
  t.same(bad(' nsid: zz\n'), ["2: bad value for nsid: hex string cannot be parsed in NSID: 'zz'"]);
});

t.test('cookie-secret is 128 bits of hex', async (t) => {
  t.equal(load(server(' cookie-secret: 000102030405060708090A0B0C0D0E0F\n')).config.server.cookieSecret, '000102030405060708090a0b0c0d0e0f');
  t.same(bad(' cookie-secret: 00\n'), ["2: bad value for cookie-secret: expected a 128 bit hex string (32 hex digits), not '00'"]);
});

t.test('ip-address: addresses, @port, scopes, interface names and socket options', async (t) => {
  const s = load(server(' ip-address: 192.0.2.1\n interface: 2001:DB8::1@5353\n ip-address: fe80::1%eth0\n ip-address: eth0@53 servers="1 3-2" setfib=4 bindtodevice=yes\n ip-address: ::1 servers=2\n')).config.server;
  t.match(s.ipAddresses[0], { spec: '192.0.2.1', address: '192.0.2.1', family: 4, port: null, interfaceName: null, servers: null });
  t.match(s.ipAddresses[1], { spec: '2001:DB8::1@5353', address: '2001:db8::1', family: 6, port: 5353 });
  t.match(s.ipAddresses[2], { address: 'fe80::1', scope: 'eth0' });
  t.match(s.ipAddresses[3], { interfaceName: 'eth0', address: null, port: 53, setfib: 4, bindToDevice: true });
  t.same(s.ipAddresses[3]?.servers, [{ first: 1, last: 1 }, { first: 2, last: 3 }]);
  t.same(s.ipAddresses[4]?.servers, [{ first: 2, last: 2 }]);
  t.same(bad(' ip-address: 1.2.3\n'), ["2: bad value for ip-address: bad address '1.2.3': expected an IPv4 or IPv6 address or an interface name"]);
  t.same(bad(' ip-address: 192.0.2.1@0\n'), ["2: bad value for ip-address: expected a port number from 1 to 65535 after '@' in '192.0.2.1@0'"]);
  t.same(bad(' ip-address: ::1 servers=x\n'), ["2: bad value for ip-address: invalid server range 'x'"]);
  t.same(bad(' ip-address: ::1 bogus\n'), ["2: unexpected 'bogus' after the value of ip-address: (expected an IPv4/IPv6 address or interface name, with optional @port and servers=/bindtodevice=/setfib=)"]);
});

t.test('health-interface (tsdns) needs address@port; metrics-interface defaults its port', async (t) => {
  const s = load(server(' health-interface: 127.0.0.1@8080\n metrics-interface: ::1\n metrics-port: 9200\n')).config.server;
  t.match(s.healthInterfaces[0], { address: '127.0.0.1', port: 8080 });
  t.match(s.metrics, { enable: false, port: 9200, path: '/metrics' });
  t.match(s.metrics.interfaces[0], { address: '::1', port: null });
  t.same(bad(' health-interface: 127.0.0.1\n'), ["2: bad value for health-interface: expected address@port, not '127.0.0.1'"]);
  t.same(bad(' health-interface: lo@80\n'), ["2: bad value for health-interface: bad address 'lo@80': expected an IPv4 or IPv6 address"]);
  t.equal(load(server(' health-max-staleness: 3600\n')).config.server.healthMaxStaleness, 3600, 'health-max-staleness (tsdns)');
  t.equal(load(server('')).config.server.healthMaxStaleness, 0, 'no staleness bound by default');
  t.match(bad(' health-max-staleness: soon\n'), [/2: bad value for health-max-staleness/]);
});

t.test('remote-control: interfaces may be unix sockets; the port must not be 0', async (t) => {
  const rc = load('remote-control:\n control-enable: yes\n control-interface: /run/tsdns.sock\n control-interface: 127.0.0.1@8000\n control-port: 8953\n server-key-file: k.key\n').config.remoteControl;
  t.match(rc, { controlEnable: true, controlPort: 8953, serverKeyFile: '/etc/nsd/k.key', serverCertFile: '/etc/nsd/nsd_server.pem' });
  t.match(rc.controlInterfaces[0], { socketPath: '/run/tsdns.sock', address: null });
  t.match(rc.controlInterfaces[1], { address: '127.0.0.1', port: 8000 });
  t.same(brief(problemsOf('remote-control:\n control-port: 0\n')), ['2: bad value for control-port: expected a number from 1 to 65535, not 0']);
});

t.test('cpu-affinity and verifier take the rest of the words', async (t) => {
  const v = load('server:\n cpu-affinity: 0 "1 2"\n server-2-cpu-affinity: 1\nverify:\n verifier: /bin/check a "b c"\n').config.settings;
  t.same(v.server['cpu-affinity'], [0, 1, 2]);
  t.same(v.server['server-N-cpu-affinity'], [{ option: 'server-2-cpu-affinity', cpu: 1 }]);
  t.same(v.verify.verifier, ['/bin/check', 'a', 'b c']);
  t.same(brief(problemsOf('server:\n cpu-affinity: a\n')), ["2: bad value for cpu-affinity: expected a number, not 'a'"]);
});

t.test('ip4-only and ip6-only are the old spellings of do-ip4/do-ip6, applied in order', async (t) => {
  t.match(load(server(' ip4-only: yes\n')).config.server, { doIp4: true, doIp6: false });
  t.match(load(server(' ip6-only: yes\n do-ip4: yes\n')).config.server, { doIp4: true, doIp6: true });
  t.match(load(server(' ip6-only: no\n')).config.server, { doIp4: true, doIp6: true });
});

t.test('key: name, algorithm (hmac- optional, any case) and a base64 secret', async (t) => {
  const k = load('key:\n name: tsig.example.\n algorithm: SHA512\n secret: "K2tf3TRjvQkVCmJF3/Z9vA=="\n').config.keys[0];
  t.match(k, { name: 'tsig.example.', algorithm: 'hmac-sha512', secret: 'K2tf3TRjvQkVCmJF3/Z9vA==' });
  t.equal(load('key:\n name: k\n secret: "YW Jj"\n').config.keys[0]?.algorithm, 'hmac-sha256', 'the default algorithm');
  const k2 = (alg: string) => brief(problemsOf(`key:\n name: k\n secret: "YWJj"\n algorithm: ${alg}\n`));
  t.same(k2('hmac-sha257'), ['4: bad value for algorithm: bad tsig key algorithm hmac-sha257']);
  const sec = (s: string) => brief(problemsOf(`key:\n name: k\n secret: "${s}"\n`));
  t.same(sec('abc'), ['3: bad value for secret: cannot base64 decode the secret: not a multiple of 4 base64 characters']);
  t.same(sec('YWJjZA'), ['3: bad value for secret: cannot base64 decode the secret: not a multiple of 4 base64 characters']);
  t.same(sec('YWJjZB=='), ['3: bad value for secret: cannot base64 decode the secret: stray bits before the padding']);
  t.same(sec('YW=j'), ['3: bad value for secret: cannot base64 decode the secret: not a multiple of 4 base64 characters']);
  t.same(sec(''), ['3: bad value for secret: cannot base64 decode the secret: it is empty']);
  t.same(brief(problemsOf('key:\n name: k..\n secret: "YWJj"\n')), ["2: bad value for name: bad domain name 'k..': empty label"]);
});

t.test('key: and tls-auth: clauses need their names and secrets; duplicates are refused', async (t) => {
  t.same(brief(problemsOf('key:\n secret: "YWJj"\n')), ['1: tsig key has no name']);
  t.same(brief(problemsOf('key:\n name: k\n')), ['1: tsig key k has no secret blob']);
  t.same(brief(problemsOf('key:\n name: k\n secret: "YWJj"\nkey:\n name: K.\n secret: "YWJj"\n')), ['4: duplicate tsig key K.']);
  const ta = load('tls-auth:\n name: xot\n auth-domain-name: example.com\n client-cert: /c.pem\n client-key: /c.key\n client-key-pw: pw\n').config.tlsAuths[0];
  t.match(ta, { name: 'xot', authDomainName: 'example.com', clientCert: '/c.pem', clientKey: '/c.key', clientKeyPw: 'pw' });
  t.same(brief(problemsOf('tls-auth:\n name: t\n')), ['1: tls-auth t has no auth-domain-name']);
  t.same(brief(problemsOf('tls-auth:\n auth-domain-name: x\n')), ['1: tls-auth has no name']);
});

t.test('dnstap: and verify: clauses parse (and have no effect)', async (t) => {
  const { config, warnings } = load('dnstap:\n dnstap-enable: yes\n dnstap-socket-path: /x.sock\nverify:\n enable: yes\n port: 5300\n ip-address: 127.0.0.1\n verifier-count: 2\n');
  t.match(config.settings.dnstap, { 'dnstap-enable': true, 'dnstap-socket-path': '/x.sock', 'dnstap-send-identity': false });
  t.match(config.settings.verify, { enable: true, port: 5300, 'verifier-count': 2, 'verify-zones': true });
  t.equal(warnings.length, 6);
});

t.test('zone options: expire, rrl-whitelist, catalog, ixfr', async (t) => {
  const z = load('zone:\n name: example.com\n zonefile: z\n min-expire-time: refresh+retry+1\n rrl-whitelist: nxdomain\n rrl-whitelist: any\n rrl-whitelist: nxdomain\n store-ixfr: yes\n ixfr-size: 0\n catalog: consumer\n').config.zones[0];
  t.match(z, { minExpireTime: 'refresh+retry+1', storeIxfr: true, ixfrSize: 0, ixfrNumber: 5 });
  t.same(z?.rrlWhitelist, ['nxdomain', 'any']);
  const zbad = (l: string) => brief(problemsOf(`zone:\n name: example.com\n zonefile: z\n${l}`));
  t.same(zbad(' min-expire-time: 3x\n'), ['4: bad value for min-expire-time: expected an expire time in seconds or "refresh+retry+1", not \'3x\'']);
  t.same(zbad(' rrl-whitelist: bogus\n'), ["4: bad value for rrl-whitelist: expected one of nxdomain, error, referral, any, rrsig, wildcard, nodata, dnskey, positive, all, not 'bogus'"]);
  t.same(zbad(' size-limit-xfr: 0\n'), ['4: bad value for size-limit-xfr: expected a number of at least 1, not 0']);
  t.same(zbad(' catalog: both\n'), ["4: bad value for catalog: expected one of consumer, producer, not 'both'"]);
  t.same(zbad(' catalog-producer-zone: cat.\n'), ["4: 'catalog-producer-zone:' is not an option of the zone: clause (it belongs in pattern:)"]);
});
