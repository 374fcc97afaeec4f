// printConfig (checkconf -v) reads back to the same config; queryOption prints values as nsd-checkconf -o does.
import t from 'tap';
import { printConfig, queryKey, queryOption, queryTlsAuth, type Config } from '../../../src/config/index.js';
import { KEYS, NESTED, REALISTIC } from './fixtures.js';
import { load } from './support.js';

/** The parts of a config that printing keeps (positions and include lists are not printed). */
function essence(c: Config): unknown {
  const strip = (o: object): unknown => JSON.parse(JSON.stringify(o, (k, v) => (['file', 'line', 'patterns', 'inherited', 'includes'].includes(k) ? undefined : v)));
  return strip({ server: c.server, rc: c.remoteControl, keys: c.keys, tls: c.tlsAuths, patterns: c.patterns, zones: c.zones, settings: c.settings });
}

t.test('the printed config loads back to the same settings', async (t) => {
  const texts = [
    load(REALISTIC, { '/etc/nsd/keys.conf': KEYS }).config,
    load(NESTED).config,
    load('server:\n ip-address: eth0@53 servers="1 2" setfib=3\n cpu-affinity: 0 1\n server-1-cpu-affinity: 0\n nsid: ascii_x\n identity: "a b"\n'
      + 'verify:\n verifier: /bin/x "y z"\ntls-auth:\n name: t\n auth-domain-name: d\n client-cert: c\n'
      + 'zone:\n name: z.example\n zonefile: z\n min-expire-time: refresh+retry+1\n rrl-whitelist: any\n request-xfr: UDP ::1@53 NOKEY\n allow-notify: ::1 NOKEY\n').config,
  ];
  for (const c of texts) {
    const printed = printConfig(c);
    const again = load(printed, { '/etc/nsd/keys.conf': KEYS });
    t.same(essence(again.config), essence(c));
  }
});

t.test('the printed form lists unset options as comments and zones fully inherited', async (t) => {
  const out = printConfig(load(NESTED).config);
  t.match(out, /^server:$/m);
  t.match(out, /^\t#identity:$/m);
  t.match(out, /^\tport: 53$/m);
  t.match(out, /^\tzonesdir: "\/etc\/nsd"$/m);
  t.match(out, /zone:\n\tname: "b.example"\n\tzonefile: "base\/%s"\n\tnotify: 10.0.0.3@5353 tsig.k\n\tprovide-xfr: 10.0.0.1 NOKEY\n/);
  t.notMatch(out, /include-pattern/);
});

t.test('server options, as nsd-checkconf -o prints them', async (t) => {
  const { config } = load(REALISTIC, { '/etc/nsd/keys.conf': KEYS });
  const q = (option: string, extra: object = {}) => {
    const r = queryOption(config, { option, ...extra });
    return r.ok ? r.lines.join('|') : `FAIL ${r.message}`;
  };
  t.equal(q('port'), '53');
  t.equal(q('ip-address'), '192.0.2.53|2001:db8::53');
  t.equal(q('ip_address'), '192.0.2.53|2001:db8::53', 'underscores as nsd-checkconf takes them');
  t.equal(q('HIDE-VERSION'), 'yes');
  t.equal(q('logfile'), '');
  t.equal(q('zonesdir'), '/etc/nsd/zones');
  t.equal(q('nsid'), '6e7331');
  t.equal(q('control-interface'), '127.0.0.1');
  t.equal(q('control-port'), '8952');
  t.equal(q('dnstap-socket-path'), '/var/run/nsd-dnstap.sock');
  t.equal(q('zones'), 'partner.example|example.net|example.org', 'canonical order');
  t.equal(q('patterns'), '_implicit_example.net|_implicit_example.org|_implicit_partner.example|primary|secondary');
  t.equal(q('bogus'), 'FAIL Server option not handled: bogus');
  const chrooted = load('server:\n chroot: /var/chroot\n pidfile: run/nsd.pid\n').config;
  const r = queryOption(chrooted, { option: 'pidfile', final: true });
  t.same(r, { ok: true, lines: ['/var/chroot/run/nsd.pid'] });
  t.same(queryOption(chrooted, { option: 'pidfile' }), { ok: true, lines: ['run/nsd.pid'] });
});

t.test('zone and pattern options, as nsd-checkconf -z/-p -o print them', async (t) => {
  const { config } = load(NESTED);
  const q = (option: string, where: object) => {
    const r = queryOption(config, { option, ...where });
    return r.ok ? r.lines.join('|') : `FAIL ${r.message}`;
  };
  t.equal(q('zonefile', { zone: 'a.example' }), 'base/%s', 'the template, not the expanded name');
  t.equal(q('provide-xfr', { zone: 'A.EXAMPLE.' }), '10.0.0.9 NOKEY|10.0.0.1 NOKEY|10.0.0.2 tsig.k');
  t.equal(q('notify', { zone: 'a.example' }), '10.0.0.3@5353 tsig.k');
  t.equal(q('request-xfr', { zone: 'a.example' }), '');
  t.equal(q('size-limit-xfr', { zone: 'b.example' }), '1000');
  t.equal(q('allow-axfr-fallback', { zone: 'a.example' }), 'no');
  t.equal(q('notify-retry', { zone: 'a.example' }), '3');
  t.equal(q('rrl-whitelist', { zone: 'a.example' }), 'nxdomain|any');
  t.equal(q('zonestats', { zone: 'a.example' }), '');
  t.equal(q('min-expire-time', { zone: 'a.example' }), '0');
  t.equal(q('multi-primary-check', { zone: 'b.example' }), 'yes');
  t.equal(q('pattern', { zone: 'a.example' }), '_implicit_a.example');
  t.equal(q('name', { zone: 'a.example' }), 'a.example');
  t.equal(q('bogus-x', { zone: 'a.example' }), 'FAIL Zone option not handled: a.example bogus_x');
  t.equal(q('port', { zone: 'nope.example' }), 'FAIL Zone does not exist: nope.example');
  t.equal(q('port', { zone: 'a..b' }), 'FAIL Could not parse zone name a..b');
  t.equal(q('provide-xfr', { pattern: 'mid' }), '10.0.0.1 NOKEY|10.0.0.2 tsig.k');
  t.equal(q('name', { pattern: 'mid' }), 'mid');
  t.equal(q('zonefile', { pattern: 'top' }), 'base/%s');
  t.equal(q('bogus', { pattern: 'top' }), 'FAIL Pattern option not handled: top bogus');
  t.equal(q('zonefile', { pattern: 'nope' }), 'FAIL Pattern does not exist: nope');
});

t.test('keys and tls-auth lookups', async (t) => {
  const { config } = load('key:\n name: k\n secret: "YWJj"\ntls-auth:\n name: t\n auth-domain-name: d.example\n');
  t.equal(queryKey(config, 'k', 'secret'), 'YWJj');
  t.equal(queryKey(config, 'k', 'algorithm'), 'hmac-sha256');
  t.equal(queryKey(config, 'x', 'secret'), 'Could not find key x');
  t.equal(queryTlsAuth(config, 't'), 'd.example');
  t.equal(queryTlsAuth(config, 'x'), 'Could not find tls-auth x');
});
