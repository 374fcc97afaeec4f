// Config fixtures shared by the unit tests and the nsd-checkconf comparison (test/system/checkconf.test.ts).
import { pathToFileURL } from 'node:url';
import t from 'tap';

/** The same file nsd-checkconf 4.6.1 was asked about (see test/system/checkconf.test.ts). */
export const NESTED = `key:
  name: tsig.k
  secret: "YWJjZA=="
pattern:
  name: base
  zonefile: "base/%s"
  size-limit-xfr: 1000
  notify-retry: 7
  provide-xfr: 10.0.0.1 NOKEY
  allow-axfr-fallback: no
  rrl-whitelist: nxdomain
pattern:
  name: mid
  include-pattern: base
  provide-xfr: 10.0.0.2 tsig.k
  max-refresh-time: 50
  multi-master-check: yes
pattern:
  name: top
  max-refresh-time: 99
  include-pattern: mid
  notify: 10.0.0.3@5353 tsig.k
  rrl-whitelist: any
zone:
  name: a.example
  provide-xfr: 10.0.0.9 NOKEY
  include-pattern: top
  notify-retry: 3
  multi-master-check: no
zone:
  name: b.example
  size-limit-xfr: 5
  include-pattern: top
zone:
  name: c.example
  include-pattern: top
  size-limit-xfr: 5
  zonefile: own
`;

/** A typical NSD setup: TSIG keys, a primary and a secondary pattern, zones using them, keys in their own file. */
export const REALISTIC = `# nsd.conf for ns1.example.net
server:
    ip-address: 192.0.2.53
    ip-address: 2001:db8::53
    port: 53
    server-count: 2
    username: nsd
    zonesdir: "/etc/nsd/zones"
    hide-version: yes
    identity: "ns1.example.net"
    nsid: "ascii_ns1"
    minimal-responses: yes
    refuse-any: yes
    verbosity: 1

remote-control:
    control-enable: yes
    control-interface: 127.0.0.1

include: "/etc/nsd/keys.conf"

pattern:
    name: "primary"
    zonefile: "%s.zone"
    notify: 198.51.100.2 xfr.key
    provide-xfr: 198.51.100.2 xfr.key
    provide-xfr: 2001:db8:2::/48 xfr.key
    notify: 2001:db8:2::2 xfr.key

pattern:
    name: "secondary"
    zonefile: "secondary/%s.zone"
    allow-notify: 203.0.113.1 primary.key
    request-xfr: AXFR 203.0.113.1 primary.key
    allow-axfr-fallback: yes

zone:
    name: "example.net"
    include-pattern: "primary"

zone:
    name: "example.org"
    include-pattern: "primary"
    zonefile: "example.org.signed"

zone:
    name: "partner.example"
    include-pattern: "secondary"
`;

/** The key file the realistic config includes. */
export const KEYS = `key:
    name: "xfr.key"
    algorithm: hmac-sha256
    secret: "6KM6qiKfwfEpamEq72HQdA=="
key:
    name: "primary.key"
    algorithm: hmac-sha512
    secret: "K2tf3TRjvQkVCmJF3/Z9vA=="
`;

/** The zonefile template whose expansions NSD_EXPANSIONS lists. */
export const T = 'Z-%s-%1-%2-%3-%z-%y-%x';

/** Zone name as written -> NSD's expansion of T ("zonefile ... does not exist" in nsd -d logs). */
export const NSD_EXPANSIONS: readonly [string, string][] = [
  ['Example.COM', 'Z-Example.COM-E-x-a-com-example-.'],
  ['a.b.c.example.org', 'Z-a.b.c.example.org-a-.-b-org-example-c'],
  ['com', 'Z-com-c-o-m-com-.-.'],
  ['ab.', 'Z-ab.-a-b-.-ab-.-.'],
  ['.', 'Z-.-.-.-.-.-.-.'],
  ['x', 'Z-x-x-.-.-x-.-.'],
  ['a.b', 'Z-a.b-a-.-b-b-a-.'],
  ['xn--bcher-kva.example', 'Z-xn--bcher-kva.example-x-n---example-xn--bcher-kva-.'],
  ['a\\.b.example', 'Z-a\\.b.example-a-\\-.-example-a\\.b-.'],
];

// `tap dist/test/unit/config/` runs every file of the folder, this one too: give it one passing test then.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  t.pass('fixtures only');
}
