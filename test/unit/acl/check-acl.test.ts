// ACL table: every address form, ports, NOKEY, key names, key mismatches, BLOCKED wins, IPv4-mapped clients.
import t from 'tap';
import { aclKeyName, checkAcl, compileAcl, parseClient } from '../../../src/acl/index.js';
import { type AclEntry, parseIpSpec } from '../../../src/config/index.js';
import { parseName } from '../../../src/wire/index.js';

/** An ACL line as nsd.conf writes it: `spec key` (key is NOKEY, BLOCKED or a key name). */
function line(text: string): AclEntry {
  const [spec, key] = text.split(' ');
  const k = key === 'NOKEY' ? { type: 'nokey' as const } : key === 'BLOCKED' ? { type: 'blocked' as const } : { type: 'key' as const, name: key };
  return { spec, ...parseIpSpec(spec), key: k, axfrOnly: false, udp: false, tlsAuth: null, file: 'nsd.conf', line: 1 };
}

const UNSIGNED = { keyName: null };
const signed = (k: string) => ({ keyName: parseName(k, null) });
const at = (address: string, port = 5353) => ({ address, port });

function allowed(lines: string[], address: string, port = 5353, tsig: { keyName: ReturnType<typeof parseName> | null } = UNSIGNED): boolean {
  return checkAcl(lines.map(line), at(address, port), tsig).allowed;
}

t.test('address forms (nsd.conf(5) ip-spec)', async (t) => {
  const table: [string, string, boolean][] = [
    ['192.0.2.1', '192.0.2.1', true],
    ['192.0.2.1', '192.0.2.2', false],
    ['192.0.2.0/24', '192.0.2.200', true],
    ['192.0.2.0/24', '192.0.3.1', false],
    ['192.0.2.128/25', '192.0.2.127', false],
    ['192.0.2.128/25', '192.0.2.129', true],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['10.1.2.3/32', '10.1.2.3', true],
    ['10.0.0.0&255.0.255.0', '10.9.0.77', true],
    ['10.0.0.0&255.0.255.0', '10.9.1.77', false],
    ['192.0.2.10-192.0.2.20', '192.0.2.10', true],
    ['192.0.2.10-192.0.2.20', '192.0.2.20', true],
    ['192.0.2.10-192.0.2.20', '192.0.2.15', true],
    ['192.0.2.10-192.0.2.20', '192.0.2.21', false],
    ['192.0.2.10-192.0.2.20', '192.0.2.9', false],
    ['2001:db8::1', '2001:db8::1', true],
    ['2001:db8::1', '2001:db8:0:0:0:0:0:1', true],
    ['2001:db8::1', '2001:db8::2', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8::/33', '2001:db8:8000::1', false],
    ['2001:db8::&ffff:ffff::ffff', '2001:db8:1:2:3:4:5:0', true],
    ['2001:db8::&ffff:ffff::ffff', '2001:db8:1:2:3:4:5:1', false],
    ['2001:db8::10-2001:db8::1:0', '2001:db8::ffff', true],
    ['2001:db8::10-2001:db8::1:0', '2001:db8::1:1', false],
    ['::/0', '2001:db8::1', true],
    ['fe80::1', 'fe80::1%eth0', true],
  ];
  for (const [spec, client, want] of table) {
    t.equal(allowed([`${spec} NOKEY`], client), want, `${spec} vs ${client}`);
  }
});

t.test('families never cross', async (t) => {
  t.notOk(allowed(['::/0 NOKEY'], '192.0.2.1'), 'an IPv6 line does not match an IPv4 client');
  t.notOk(allowed(['0.0.0.0/0 NOKEY'], '2001:db8::1'), 'an IPv4 line does not match an IPv6 client');
});

t.test('IPv4-mapped IPv6 clients are IPv4 clients, as NSD (V6ONLY sockets) sees them', async (t) => {
  t.ok(allowed(['192.0.2.1 NOKEY'], '::ffff:192.0.2.1'));
  t.ok(allowed(['192.0.2.0/24 NOKEY'], '::ffff:192.0.2.77'));
  t.ok(allowed(['192.0.2.10-192.0.2.20 NOKEY'], '::ffff:192.0.2.11'));
  t.ok(allowed(['192.0.0.0&255.255.0.0 NOKEY'], '::ffff:192.0.99.1'));
  t.notOk(allowed(['192.0.2.1 NOKEY'], '::ffff:192.0.2.2'));
  t.notOk(allowed(['::ffff:0:0/96 NOKEY'], '::ffff:192.0.2.1'), 'an IPv6 line written in mapped form does not match');
  t.notOk(allowed(['::/0 NOKEY'], '::ffff:192.0.2.1'));
  t.equal(parseClient('::ffff:192.0.2.1', 53)?.family, 4);
  t.equal(parseClient('2001:db8::1', 53)?.family, 6);
  t.equal(parseClient('not-an-address', 53), null);
  t.same(checkAcl([line('0.0.0.0/0 NOKEY')], at('bogus'), UNSIGNED), { allowed: false, reason: 'no-match', entry: null });
});

t.test('@port', async (t) => {
  t.ok(allowed(['192.0.2.1@5300 NOKEY'], '192.0.2.1', 5300));
  t.notOk(allowed(['192.0.2.1@5300 NOKEY'], '192.0.2.1', 5301));
  t.ok(allowed(['192.0.2.0/24@53 NOKEY'], '192.0.2.9', 53));
  t.notOk(allowed(['192.0.2.0/24@53 NOKEY'], '192.0.2.9', 1053));
  t.ok(allowed(['2001:db8::/64@5300 NOKEY'], '2001:db8::5', 5300));
});

t.test('keys: NOKEY, key names, mismatches', async (t) => {
  const acl = [line('192.0.2.0/24 xfr-key')];
  t.match(checkAcl(acl, at('192.0.2.1'), signed('xfr-key.')), { allowed: true, index: 0 });
  t.match(checkAcl(acl, at('192.0.2.1'), signed('XFR-Key.')), { allowed: true }, 'key names compare ignoring case');
  t.match(checkAcl(acl, at('192.0.2.1'), UNSIGNED), { allowed: false, reason: 'key-required', entry: acl[0] });
  t.match(checkAcl(acl, at('192.0.2.1'), signed('other-key.')), { allowed: false, reason: 'wrong-key' });
  t.match(checkAcl(acl, at('198.51.100.1'), signed('xfr-key.')), { allowed: false, reason: 'no-match', entry: null });
  const nokey = [line('192.0.2.0/24 NOKEY')];
  t.match(checkAcl(nokey, at('192.0.2.1'), UNSIGNED), { allowed: true });
  t.match(checkAcl(nokey, at('192.0.2.1'), signed('xfr-key.')), { allowed: false, reason: 'wrong-key' }, 'NOKEY does not admit a signed request (acl_key_matches)');
  const both = [line('192.0.2.0/24 NOKEY'), line('192.0.2.0/24 xfr-key.')];
  t.match(checkAcl(both, at('192.0.2.1'), signed('xfr-key.')), { allowed: true, index: 1 }, 'the next line with the key admits it');
  t.match(checkAcl(both, at('192.0.2.1'), UNSIGNED), { allowed: true, index: 0 });
  t.same(aclKeyName(line('192.0.2.1 k1'))?.key, parseName('k1.', null).key);
  t.equal(aclKeyName(line('192.0.2.1 NOKEY')), null);
});

t.test('first match wins, BLOCKED wins wherever it is', async (t) => {
  const first = [line('192.0.2.0/24 NOKEY'), line('192.0.2.1 NOKEY')];
  t.match(checkAcl(first, at('192.0.2.1'), UNSIGNED), { allowed: true, index: 0 });
  const blockedAfter = [line('0.0.0.0/0 NOKEY'), line('192.0.2.1 BLOCKED')];
  t.match(checkAcl(blockedAfter, at('192.0.2.1'), UNSIGNED), { allowed: false, reason: 'blocked', entry: blockedAfter[1] });
  t.match(checkAcl(blockedAfter, at('192.0.2.2'), UNSIGNED), { allowed: true });
  const blockedFirst = [line('192.0.2.0/24 BLOCKED'), line('192.0.2.1 xfr-key')];
  t.match(checkAcl(blockedFirst, at('192.0.2.1'), signed('xfr-key.')), { allowed: false, reason: 'blocked' }, 'BLOCKED matches any key');
  t.match(checkAcl(blockedFirst, at('192.0.2.1'), UNSIGNED), { allowed: false, reason: 'blocked' });
  t.match(checkAcl([line('192.0.2.1@53 BLOCKED'), line('192.0.2.1 NOKEY')], at('192.0.2.1', 54), UNSIGNED), { allowed: true }, 'a BLOCKED line with a port blocks that port only');
  t.match(checkAcl([], at('192.0.2.1'), UNSIGNED), { allowed: false, reason: 'no-match' }, 'an empty list admits nobody');
});

t.test('compiled lists are cached and give the same answers', async (t) => {
  const acl = [line('192.0.2.0/24 NOKEY'), line('2001:db8::/32 BLOCKED')];
  const c = compileAcl(acl);
  t.equal(compileAcl(acl), c);
  t.same(checkAcl(c, at('192.0.2.1'), UNSIGNED), checkAcl(acl, at('192.0.2.1'), UNSIGNED));
  t.match(checkAcl(c, at('2001:db8::1'), UNSIGNED), { allowed: false, reason: 'blocked' });
});
