// The option table: every NSD option is there, rows are well formed, defaults survive show/parse.
import t from 'tap';
import { CLAUSES, clausesOf, findOption, OPTIONS, optionsOf } from '../../../src/config/index.js';
import type { Token } from '../../../src/config/lexer.js';

/** Every option of nsd.conf(5) of NSD 4.6.1 (the man page installed here), clause keywords excluded. */
const NSD_461 = `algorithm allow-axfr-fallback allow-notify allow-query answer-cookie auth-domain-name chroot client-cert
client-key client-key-pw confine-to-zone control-cert-file control-enable control-interface control-key-file control-port
cookie-secret cookie-secret-file cpu-affinity create-ixfr database debug-mode difffile dnstap-enable dnstap-identity
dnstap-log-auth-query-messages dnstap-log-auth-response-messages dnstap-send-identity dnstap-send-version dnstap-socket-path
dnstap-version do-ip4 do-ip6 drop-updates enable hide-identity hide-version identity include-pattern interface ip-address
ip-freebind ip-transparent ipv4-edns-size ipv6-edns-size ixfr-number ixfr-size log-only-syslog log-time-ascii logfile
max-refresh-time max-retry-time min-expire-time min-refresh-time min-retry-time minimal-responses multi-master-check name
notify notify-retry nsid outgoing-interface outgoing-tcp-mss pidfile port provide-xfr receive-buffer-size refuse-any
request-xfr reuseport round-robin rrl-ipv4-prefix-length rrl-ipv6-prefix-length rrl-ratelimit rrl-size rrl-slip
rrl-whitelist rrl-whitelist-ratelimit secret send-buffer-size server-cert-file server-count server-key-file size-limit-xfr
statistics store-ixfr tcp-count tcp-mss tcp-query-count tcp-reject-overflow tcp-timeout tls-cert-bundle tls-port
tls-service-key tls-service-ocsp tls-service-pem use-systemd username verbosity verifier verifier-count verifier-feed-zone
verifier-timeout verify-zone verify-zones version xfrd-cpu-affinity xfrd-reload-timeout xfrd-tcp-max xfrd-tcp-pipeline
xfrdfile xfrdir zonefile zonefiles-check zonefiles-write zonelistfile zonesdir zonestats ip4-only ip6-only`.split(/\s+/);

/** Options of NSD releases after 4.6.1 (configlexer.lex of NSD 4.12). */
const NSD_NEWER = `log-time-iso reload-config proxy-protocol-port metrics-enable metrics-interface metrics-port metrics-path
cookie-staging-secret tls-auth-port tls-auth-xfr-only xdp-interface xdp-program-path xdp-program-load xdp-bpffs-path
xdp-force-copy dnstap-ip dnstap-tls dnstap-tls-server-name dnstap-tls-cert-bundle dnstap-tls-client-key-file
dnstap-tls-client-cert-file multi-primary-check catalog catalog-member-pattern catalog-producer-zone`.split(/\s+/);

t.test('every NSD 4.x option name is recognised in some clause', async (t) => {
  for (const name of [...NSD_461, ...NSD_NEWER]) t.ok(clausesOf(name).length > 0, name);
  for (const n of [1, 2, 17]) t.ok(findOption('server', `server-${n}-cpu-affinity`), `server-${n}-cpu-affinity`);
  t.notOk(findOption('server', 'server-0-cpu-affinity'));
  for (const name of NSD_NEWER) t.equal(OPTIONS.find((d) => d.name === name)?.origin, 'nsd-newer', `${name} is marked newer`);
});

t.test('options live in the clauses NSD puts them in', async (t) => {
  t.same(clausesOf('zonefile'), ['pattern', 'zone']);
  t.same(clausesOf('port'), ['server', 'verify']);
  t.same(clausesOf('name'), ['key', 'tls-auth', 'pattern', 'zone']);
  t.same(clausesOf('control-port'), ['remote-control']);
  t.same(clausesOf('dnstap-enable'), ['dnstap']);
  t.same(clausesOf('catalog-producer-zone'), ['pattern']);
  t.same(clausesOf('health-interface'), ['server']);
  for (const c of CLAUSES) t.ok(optionsOf(c).length > 0, `${c}: has options`);
});

t.test('rows are well formed', async (t) => {
  const seen = new Set<string>();
  for (const d of OPTIONS) {
    for (const c of d.clauses) {
      t.notOk(seen.has(`${c}/${d.name}`), `${c}/${d.name} once`);
      seen.add(`${c}/${d.name}`);
    }
    t.ok(d.summary.length > 0, `${d.name} has a summary`);
    if (d.status.kind === 'no-effect') t.ok(d.status.reason.length > 0, `${d.name} says why it has no effect`);
    if (d.status.kind === 'planned') t.ok(d.status.issue.length > 0, `${d.name} names its issue`);
    if (d.multi) t.ok(Array.isArray(d.default) || d.default === null, `${d.name}: a list default`);
    if (d.aliasOf !== undefined) t.ok(OPTIONS.some((o) => o.name === d.aliasOf), `${d.name} aliases a row`);
    if (d.clauses.includes('zone') && d.name !== 'name' && d.name !== 'include-pattern') t.ok(d.inherit, `${d.name} says how it is inherited`);
  }
  t.same(OPTIONS.filter((d) => d.origin === 'tsdns').map((d) => d.name), ['health-interface', 'health-max-staleness']);
});

t.test('every scalar default is a value its own kind parses back', async (t) => {
  for (const d of OPTIONS) {
    if (d.default === null || d.multi || d.kind.arity !== 'one') continue;
    // NSD's default 0 (no limit) cannot be written: nsd.conf takes "a number greater than zero".
    if (d.name === 'size-limit-xfr') continue;
    const text = d.kind.show(d.default);
    const tok: Token = { text, quoted: true, file: 'x', line: 1 };
    t.same(d.kind.parse([tok]), d.default, `${d.name}: ${text}`);
  }
});

t.test('the table status of the options this issue implements', async (t) => {
  const implemented = `ip-address port do-ip4 do-ip6 zonesdir zonefile include-pattern verbosity logfile pidfile username identity
nsid hide-version hide-identity version ipv4-edns-size ipv6-edns-size tcp-count tcp-timeout tcp-query-count
minimal-responses refuse-any round-robin zonelistfile xfrdfile xfrdir size-limit-xfr notify allow-notify
request-xfr provide-xfr allow-query outgoing-interface multi-master-check notify-retry allow-axfr-fallback max-refresh-time
min-refresh-time max-retry-time min-retry-time min-expire-time rrl-size rrl-ratelimit rrl-slip rrl-ipv4-prefix-length
rrl-ipv6-prefix-length rrl-whitelist-ratelimit rrl-whitelist control-enable control-interface control-port server-key-file
server-cert-file control-key-file control-cert-file algorithm secret server-count`.split(/\s+/);
  for (const name of implemented) t.ok(OPTIONS.some((d) => d.name === name && d.status.kind === 'implemented'), name);
  for (const name of ['database', 'chroot', 'debug-mode', 'tls-port', 'dnstap-enable', 'verifier', 'catalog', 'reuseport']) {
    t.ok(OPTIONS.some((d) => d.name === name && d.status.kind === 'no-effect'), `${name} has no effect`);
  }
});
