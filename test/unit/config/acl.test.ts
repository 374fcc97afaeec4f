// ACL lines: every address form (IPv4 and IPv6), ports, keys, AXFR/UDP, tls-auth, and what each option refuses.
import t from 'tap';
import { parseIpSpec } from '../../../src/config/index.js';
import { brief, load, problemsOf, zoneWith } from './support.js';

const KEY = 'key:\n name: tsig.k\n secret: "YWJjZA=="\n';

t.test('ip-spec forms as NSD parse_acl_info reads them', async (t) => {
  const cases: [string, unknown][] = [
    ['192.0.2.1', { family: 4, address: '192.0.2.1', range: { type: 'single' }, port: null }],
    ['192.0.2.1@5300', { family: 4, address: '192.0.2.1', range: { type: 'single' }, port: 5300 }],
    ['192.0.2.0/24', { family: 4, address: '192.0.2.0', range: { type: 'subnet', prefix: 24 }, port: null }],
    ['192.0.2.0/24@53', { family: 4, range: { type: 'subnet', prefix: 24 }, port: 53 }],
    ['0.0.0.0/0', { family: 4, range: { type: 'subnet', prefix: 0 } }],
    ['192.0.2.0&255.255.255.0', { family: 4, range: { type: 'mask', mask: '255.255.255.0' } }],
    ['192.0.2.1-192.0.2.25', { family: 4, range: { type: 'range', last: '192.0.2.25' } }],
    ['2001:DB8::1', { family: 6, address: '2001:db8::1', range: { type: 'single' } }],
    ['2001:db8::/32@53', { family: 6, address: '2001:db8::', range: { type: 'subnet', prefix: 32 }, port: 53 }],
    ['::0/0', { family: 6, address: '::', range: { type: 'subnet', prefix: 0 } }],
    ['fe80::&ffff:ffff::', { family: 6, address: 'fe80::', range: { type: 'mask', mask: 'ffff:ffff::' } }],
    ['fe80::1-fe80::ff@5353', { family: 6, address: 'fe80::1', range: { type: 'range', last: 'fe80::ff' }, port: 5353 }],
    ['::ffff:192.0.2.1', { family: 6, range: { type: 'single' } }],
  ];
  for (const [spec, want] of cases) t.match(parseIpSpec(spec), want, spec);
});

t.test('bad ip-specs say what is wrong', async (t) => {
  const cases: [string, RegExp][] = [
    ['1.2.3', /bad ip4 address '1.2.3'/],
    ['1.2.3.256', /bad ip4 address/],
    ['01.2.3.4', /bad ip4 address/],
    ['1.2.3.4/33', /subnet of 33 bits out of range \[0..32\]/],
    ['::1/129', /subnet of 129 bits out of range \[0..128\]/],
    ['1.2.3.4/ab', /bad subnet range 'ab'/],
    ['1.2.3.4&255.255.0', /bad ip4 address mask '255.255.0'/],
    ['1.2.3.4&ffff::', /bad ip4 address mask/],
    ['fe80::1-1.2.3.4', /bad ip6 address range end/],
    ['1.2.3.4-1.2.3.1', /first address after its last/],
    ['fe80::ff-fe80::1', /first address after its last/],
    ['1.2.3.4@0', /expected a port number from 1 to 65535 after '@'/],
    ['1.2.3.4@x', /expected a port number/],
    ['1.2.3.4@65536', /expected a port number/],
    ['fe80::1%eth0', /bad ip6 address/],
    ['gggg::1', /bad ip6 address/],
  ];
  for (const [spec, re] of cases) t.throws(() => parseIpSpec(spec), re, spec);
});

t.test('ACL lines of each option, in order, with keys', async (t) => {
  const z = load(KEY + zoneWith(`  allow-notify: 192.0.2.1 NOKEY\n  allow-notify: 192.0.2.0/24 BLOCKED\n  request-xfr: AXFR 192.0.2.1@5300 tsig.k\n  request-xfr: UDP 2001:db8::1 NOKEY\n  request-xfr: 192.0.2.2 NOKEY\n  notify: 198.51.100.1 tsig.k\n  provide-xfr: 0.0.0.0/0 NOKEY\n  provide-xfr: ::0/0 BLOCKED\n  allow-query: 10.0.0.0&255.0.0.0 NOKEY\n  outgoing-interface: 192.0.2.53@5353\n`)).config.zones[0];
  t.ok(z);
  if (!z) return;
  t.same(z.allowNotify.map((a) => [a.spec, a.key]), [['192.0.2.1', { type: 'nokey' }], ['192.0.2.0/24', { type: 'blocked' }]]);
  t.match(z.requestXfr, [
    { spec: '192.0.2.1@5300', port: 5300, axfrOnly: true, udp: false, key: { type: 'key', name: 'tsig.k' }, tlsAuth: null, line: 9 },
    { spec: '2001:db8::1', family: 6, axfrOnly: false, udp: true, key: { type: 'nokey' } },
    { spec: '192.0.2.2', axfrOnly: false, udp: false },
  ]);
  t.match(z.notify, [{ address: '198.51.100.1', key: { type: 'key', name: 'tsig.k' } }]);
  t.match(z.provideXfr, [{ range: { type: 'subnet', prefix: 0 }, family: 4 }, { family: 6, key: { type: 'blocked' } }]);
  t.match(z.allowQuery, [{ range: { type: 'mask', mask: '255.0.0.0' } }]);
  t.match(z.outgoingInterface, [{ address: '192.0.2.53', port: 5353, key: { type: 'nokey' } }]);
  t.equal(z.role, 'secondary');
});

t.test('tls-auth names on request-xfr and provide-xfr must be declared', async (t) => {
  const xot = 'tls-auth:\n name: xot\n auth-domain-name: primary.example\n';
  const z = load(xot + zoneWith('  request-xfr: 192.0.2.1 NOKEY xot\n  allow-notify: 192.0.2.1 NOKEY\n  provide-xfr: 192.0.2.9 NOKEY xot\n')).config.zones[0];
  t.equal(z?.requestXfr[0]?.tlsAuth, 'xot');
  t.equal(z?.provideXfr[0]?.tlsAuth, 'xot');
  t.same(brief(problemsOf(zoneWith('  provide-xfr: 192.0.2.1 NOKEY other\n'))), [
    '4: tls-auth other in provide-xfr: is not declared in a tls-auth: clause',
  ]);
});

t.test('what each ACL option refuses', async (t) => {
  const bad = (line: string) => brief(problemsOf(KEY + zoneWith(`  ${line}\n`)));
  t.same(bad('notify: 192.0.2.0/24 NOKEY'), ['7: bad value for notify: address range used for notify']);
  t.same(bad('notify: 192.0.2.1 BLOCKED'), ['7: bad value for notify: blocked address used for notify']);
  t.same(bad('request-xfr: 192.0.2.1-192.0.2.9 NOKEY'), ['7: bad value for request-xfr: address range used for request-xfr']);
  t.same(bad('request-xfr: 192.0.2.1 BLOCKED'), ['7: bad value for request-xfr: blocked address used for request-xfr']);
  t.same(bad('request-xfr: UDP 192.0.2.1 NOKEY xot'), ['7: bad value for request-xfr: expected [AXFR|UDP] ip-spec key-name|NOKEY [tls-auth-name]']);
  t.same(bad('provide-xfr: 192.0.2.1'), ['7: bad value for provide-xfr: expected ip-spec key-name|NOKEY|BLOCKED [tls-auth-name]']);
  t.same(bad('allow-notify: 192.0.2.1 NOKEY extra'), ['7: bad value for allow-notify: expected ip-spec key-name|NOKEY|BLOCKED']);
  t.same(bad('outgoing-interface: 192.0.2.0/24'), ['7: bad value for outgoing-interface: address range used for outgoing-interface']);
  t.same(bad('outgoing-interface: 192.0.2.1 NOKEY'), ['7: bad value for outgoing-interface: expected an ip-address[@port]']);
  t.same(bad('allow-query: 1.2.3 NOKEY'), ["7: bad value for allow-query: bad ip4 address '1.2.3'"]);
});

t.test('a key named on an ACL line must be declared in a key: clause (any case, dot optional)', async (t) => {
  t.same(brief(problemsOf(zoneWith('  provide-xfr: 192.0.2.1 somekey\n  notify: 192.0.2.2 nokey\n'))), [
    '4: key somekey in provide-xfr: is not declared in a key: clause',
    '5: key nokey in notify: is not declared in a key: clause',
  ]);
  t.equal(load(zoneWith('  provide-xfr: 192.0.2.1 TSIG.K.\n') + KEY).config.zones[0]?.provideXfr[0]?.key.type, 'key', 'declared after use is fine');
});
