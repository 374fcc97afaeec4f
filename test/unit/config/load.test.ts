// loadConfig end to end: errors with file:line (all of them), warnings, NSD defaults, frozen typed output,
// and a realistic primary/secondary setup with TSIG keys.
import t from 'tap';
import { ConfigError, formatConfigProblem, loadConfig } from '../../../src/config/index.js';
import { TsdnsError } from '../../../src/wire/errors.js';
import { KEYS, REALISTIC } from './fixtures.js';
import { brief, load, MemSource, problemsOf } from './support.js';

t.test('unknown options, options in the wrong clause and stray words are errors at their line', async (t) => {
  t.same(brief(problemsOf('server:\n  bogus-option: 3\n  port: 53\n')), ["2: unknown option 'bogus-option:' in the server: clause"]);
  t.same(brief(problemsOf('server:\n  zonefile: x\n')), ["2: 'zonefile:' is not an option of the server: clause (it belongs in pattern:, zone:)"]);
  t.same(brief(problemsOf('port: 53\n')), ["1: 'port:' outside of a clause (a clause starts with one of server:, dnstap:, remote-control:, verify:, key:, tls-auth:, pattern:, zone:)"]);
  t.same(brief(problemsOf('server:\nport:53\n')), ["2: 'port:53': a blank is needed after 'port:'"]);
  t.same(brief(problemsOf('server:\n  hello world\n')), ["2: unexpected 'hello': expected an option name ending in ':'"]);
  t.same(brief(problemsOf('bogus:\n')), ["1: unknown option 'bogus:'"]);
});

t.test('every error of the file is reported at once, in file order', async (t) => {
  const err = (() => {
    try {
      load('server:\n  port: 0\n  tcp-count: x\nzone:\n  name: a.example\n  provide-xfr: 1.2.3.4 nokey\n  frobnicate: 1\nkey:\n  name: k\n');
    } catch (e) {
      return e;
    }
    return null;
  })();
  t.ok(err instanceof ConfigError);
  t.ok(err instanceof TsdnsError);
  const e = err as ConfigError;
  t.equal(e.code, 'CONFIG');
  t.same(brief(e.problems), [
    '2: bad value for port: expected a number from 1 to 65535, not 0',
    "3: bad value for tcp-count: expected a number, not 'x'",
    '4: zone a.example is a primary zone but has no zonefile. Where can the data come from?',
    '6: key nokey in provide-xfr: is not declared in a key: clause',
    "7: unknown option 'frobnicate:' in the zone: clause",
    '8: tsig key k has no secret blob',
  ]);
  t.equal(e.message.split('\n')[0], 'nsd.conf:2: error: bad value for port: expected a number from 1 to 65535, not 0');
});

t.test('a missing config file is a ConfigError', async (t) => {
  t.throws(() => loadConfig('/nope.conf', new MemSource()), { code: 'CONFIG', message: '/nope.conf: error: cannot read the config file: No such file or directory' });
});

t.test('options without effect load, with one warning each (file:line)', async (t) => {
  const { warnings } = load('server:\n  database: ""\n  chroot: "/var/nsd"\n  port: 53\nzone:\n  name: x\n  zonefile: z\n  verify-zone: yes\n');
  t.same(warnings.map((w) => formatConfigProblem(w, 'warning')), [
    'nsd.conf:2: warning: database: has no effect in tsdns: tsdns keeps zones in memory only',
    'nsd.conf:3: warning: chroot: has no effect in tsdns: Node.js cannot chroot; use the service manager sandbox',
    'nsd.conf:8: warning: verify-zone: has no effect in tsdns: tsdns does not run zone verifiers',
  ]);
  t.same(load('server:\n  port: 53\n').warnings, []);
});

t.test('an empty config gives NSD defaults', async (t) => {
  const { config } = load('');
  t.match(config.server, {
    ipAddresses: [], port: 53, doIp4: true, doIp6: true, zonesdir: '/etc/nsd', verbosity: 0, logfile: null,
    pidfile: '/run/nsd/nsd.pid', username: 'nsd', identity: null, version: null, nsid: null, hideVersion: false,
    hideIdentity: false, ipv4EdnsSize: 1232, ipv6EdnsSize: 1232, tcpCount: 100, tcpTimeout: 120, tcpQueryCount: 0,
    minimalResponses: false, refuseAny: false, roundRobin: false, serverCount: 1, zonelistfile: '/var/lib/nsd/zone.list',
    xfrdfile: '/var/lib/nsd/xfrd.state', xfrdir: '/tmp', zonefilesWrite: 0, xfrdTcpMax: 128, xfrdTcpPipeline: 128,
    rrl: { size: 1000000, ratelimit: 200, slip: 2, ipv4PrefixLength: 24, ipv6PrefixLength: 64, whitelistRatelimit: 2000 },
    healthInterfaces: [], healthMaxStaleness: 0, metrics: { enable: false, interfaces: [], port: 9100, path: '/metrics' },
  });
  t.match(config.remoteControl, { controlEnable: false, controlInterfaces: [], controlPort: 8952, serverKeyFile: '/etc/nsd/nsd_server.key' });
  t.same([config.keys, config.patterns, config.zones, config.tlsAuths], [[], [], [], []]);
  t.equal(load('server:\n database: ""\n').config.server.zonefilesWrite, 3600, 'without a database NSD writes zone files hourly');
});

t.test('file names are resolved against zonesdir; "" stays ""', async (t) => {
  const s = load('server:\n  zonesdir: /srv/nsd\n  pidfile: ""\n  logfile: log/nsd.log\n  xfrdfile: /var/x.state\n  zonelistfile: zone.list\n').config.server;
  t.match(s, { pidfile: '', logfile: '/srv/nsd/log/nsd.log', xfrdfile: '/var/x.state', zonelistfile: '/srv/nsd/zone.list' });
  t.equal(load('server:\n  zonesdir: ""\n  pidfile: nsd.pid\n').config.server.pidfile, 'nsd.pid');
});

t.test('repeated server: clauses merge; the last value wins', async (t) => {
  t.match(load('server:\n port: 54\nserver:\n verbosity: 2\n port: 55\n').config.server, { port: 55, verbosity: 2 });
});

t.test('the config is deeply frozen', async (t) => {
  const { config, warnings } = load('server:\n ip-address: ::1\nkey:\n name: k\n secret: "YWJj"\nzone:\n name: x\n zonefile: z\n provide-xfr: ::1 k\n');
  t.ok(Object.isFrozen(config));
  t.ok(Object.isFrozen(config.server.ipAddresses[0]));
  t.ok(Object.isFrozen(config.zones[0]?.provideXfr[0]?.key));
  t.ok(Object.isFrozen(config.settings.server));
  t.ok(Object.isFrozen(warnings));
  t.throws(() => {
    (config.server as { port: number }).port = 1;
  });
});


t.test('a realistic primary/secondary config parses into the expected typed objects', async (t) => {
  const { config, warnings } = load(REALISTIC, { '/etc/nsd/keys.conf': KEYS });
  // cluster: server-count is implemented (workers answer UDP), so it draws no warning.
  t.same(warnings.map((w) => w.message), []);
  t.match(config.server, { port: 53, serverCount: 2, zonesdir: '/etc/nsd/zones', hideVersion: true, identity: 'ns1.example.net', nsid: '6e7331', minimalResponses: true, refuseAny: true, verbosity: 1 });
  t.same(config.server.ipAddresses.map((i) => [i.address, i.port]), [['192.0.2.53', null], ['2001:db8::53', null]]);
  t.match(config.remoteControl, { controlEnable: true, controlInterfaces: [{ address: '127.0.0.1' }] });
  t.same(config.keys.map((k) => [k.name, k.algorithm, k.file, k.line]), [
    ['xfr.key', 'hmac-sha256', '/etc/nsd/keys.conf', 1],
    ['primary.key', 'hmac-sha512', '/etc/nsd/keys.conf', 5],
  ]);
  const [net, org, partner] = config.zones;
  t.match(net, { name: 'example.net', key: 'example.net.', role: 'primary', patterns: ['primary'], zonefilePath: '/etc/nsd/zones/example.net.zone' });
  t.same(net?.notify.map((n) => [n.address, n.key]), [['198.51.100.2', { type: 'key', name: 'xfr.key' }], ['2001:db8:2::2', { type: 'key', name: 'xfr.key' }]]);
  t.same(net?.provideXfr.map((n) => [n.spec, n.range]), [['198.51.100.2', { type: 'single' }], ['2001:db8:2::/48', { type: 'subnet', prefix: 48 }]]);
  t.same(net?.allowNotify, []);
  t.equal(org?.zonefilePath, '/etc/nsd/zones/example.org.signed');
  t.match(partner, { role: 'secondary', zonefilePath: '/etc/nsd/zones/secondary/partner.example.zone', allowAxfrFallback: true });
  t.match(partner?.requestXfr, [{ address: '203.0.113.1', axfrOnly: true, udp: false, key: { type: 'key', name: 'primary.key' }, file: 'nsd.conf', line: 34 }]);
  t.match(partner?.allowNotify, [{ address: '203.0.113.1', key: { type: 'key', name: 'primary.key' } }]);
  t.same(partner?.provideXfr, []);
});

t.test('the realistic config without its key file names every missing key', async (t) => {
  const p = problemsOf(REALISTIC, {});
  t.equal(p[0]?.message, "cannot open include file '/etc/nsd/keys.conf': No such file or directory");
  t.equal(p.filter((x) => /is not declared in a key: clause/.test(x.message)).length, 6);
});

