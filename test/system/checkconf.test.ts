// tsdns-checkconf against nsd-checkconf 4.6.1 on the same files: exit codes, error lines, -o output;
// and the zonefile substitutions against what the nsd daemon itself opens.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig } from '../../src/config/index.js';
import { checkconf, EXIT_BAD_CONFIG } from '../../src/cli/checkconf-command.js';
import { FileConfigSource } from '../../src/service/config-source.js';
import { KEYS, NESTED, NSD_EXPANSIONS, REALISTIC, T } from '../unit/config/fixtures.js';
import { requireTool } from '../support/tools.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'dist/src/cli/checkconf.js');
const nsdCheckconf = ['/usr/sbin/nsd-checkconf', '/usr/bin/nsd-checkconf'].find((p) => existsSync(p));
const nsdDaemon = ['/usr/sbin/nsd', '/usr/bin/nsd'].find((p) => existsSync(p));

const dir = mkdtempSync(join(tmpdir(), 'tsdns-checkconf-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** tsdns-checkconf in this process (fast; the bin itself is run once below). */
function ours(args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = checkconf(args, { out: (x) => (stdout += x), err: (x) => (stderr += x) });
  return { status, stdout, stderr };
}
const theirs = (args: string[]): Run => run(nsdCheckconf as string, args);

/** Write a config file into the temp dir. */
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The first line number either tool reports as `file:LINE: error`. */
function firstLine(stderr: string): number | null {
  const m = /^[^:\n]+:(\d+): /m.exec(stderr);
  return m ? Number(m[1]) : null;
}

const keysFile = file('keys.conf', KEYS);
file('port.conf', 'port: 5353\n');
const realistic = file('realistic.conf', REALISTIC.replace('/etc/nsd/keys.conf', keysFile));
const nested = file('nested.conf', NESTED);
const serverAll = file('server.conf', `server:
  ip-address: 127.0.0.1@5353
  ip-address: ::1
  interface: lo
  port: 5300
  do-ip6: no
  verbosity: 2
  hide-identity: yes
  identity: "ns 1"
  version: "v9"
  nsid: 0102ab
  logfile: "/var/log/tsdns.log"
  pidfile: ""
  username: ""
  zonesdir: "/srv/zones"
  zonelistfile: "zl"
  xfrdfile: "x.state"
  xfrdir: "/var/tmp"
  tcp-count: 250
  tcp-timeout: 30
  tcp-query-count: 9
  ipv4-edns-size: 1400
  ipv6-edns-size: 1220
  minimal-responses: yes
  refuse-any: yes
  round-robin: yes
  server-count: 4
  rrl-size: 1000
  rrl-ratelimit: 50
  rrl-slip: 3
  rrl-ipv4-prefix-length: 20
  rrl-ipv6-prefix-length: 48
  rrl-whitelist-ratelimit: 700
  statistics: 60
  database: ""
  tcp-mss: 1200
  xfrd-reload-timeout: 5
  zonefiles-check: no
  answer-cookie: yes
  send-buffer-size: 4096
remote-control:
  control-enable: no
  control-interface: 127.0.0.1
  control-interface: /run/nsd.sock
  control-port: 8953
  server-key-file: "s.key"
dnstap:
  dnstap-enable: no
  dnstap-identity: "x"
verify:
  enable: no
  verifier-count: 2
tls-auth:
  name: xot
  auth-domain-name: "primary.example"
`);

const SERVER_OPTIONS = `ip-address port do-ip4 do-ip6 verbosity hide-version hide-identity identity version nsid logfile pidfile
username zonesdir zonelistfile xfrdfile xfrdir tcp-count tcp-timeout tcp-query-count ipv4-edns-size ipv6-edns-size
minimal-responses refuse-any round-robin server-count rrl-size rrl-ratelimit rrl-slip rrl-ipv4-prefix-length
rrl-ipv6-prefix-length rrl-whitelist-ratelimit statistics database tcp-mss xfrd-reload-timeout zonefiles-check
zonefiles-write answer-cookie send-buffer-size receive-buffer-size control-interface control-port server-key-file
server-cert-file control-key-file control-cert-file dnstap-enable dnstap-identity dnstap-socket-path tls-port
cookie-secret-file xfrd-tcp-max xfrd-tcp-pipeline ip-transparent reuseport debug-mode zones patterns`.split(/\s+/);

t.test('the tsdns-checkconf bin runs', async (t) => {
  t.ok(existsSync(cli));
  t.same(run(process.execPath, [cli, nested]), { status: 0, stdout: '', stderr: '' });
  const bad = run(process.execPath, [cli, file('bin-bad.conf', 'server:\n  port: 0\n')]);
  t.equal(bad.status, EXIT_BAD_CONFIG);
  t.match(bad.stderr, /bin-bad.conf:2: error: bad value for port/);
  t.equal(run(process.execPath, [cli, '-o', 'port', nested]).stdout, '53\n');
});

t.test('-o server options print as nsd-checkconf prints them', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  for (const conf of [serverAll, realistic, nested]) {
    for (const o of SERVER_OPTIONS) {
      const a = theirs(['-o', o, conf]);
      const b = ours(['-o', o, conf]);
      t.same([b.status, b.stdout], [a.status, a.stdout], `${conf.slice(dir.length + 1)} -o ${o}`);
    }
  }
  for (const key of ['xfr.key', 'primary.key']) t.equal(ours(['-s', key, realistic]).stdout, theirs(['-s', key, realistic]).stdout, `-s ${key}`);
  t.equal(ours(['-t', 'xot', serverAll]).stdout, theirs(['-t', 'xot', serverAll]).stdout, '-t xot');
});

const ZONE_OPTIONS = `zonefile provide-xfr notify request-xfr allow-notify allow-query outgoing-interface max-refresh-time
min-refresh-time max-retry-time min-retry-time size-limit-xfr allow-axfr-fallback pattern name zonestats
multi-master-check rrl-whitelist store-ixfr ixfr-size ixfr-number create-ixfr`.split(/\s+/);

t.test('-z/-p -o zone and pattern options print as nsd-checkconf prints them', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  const zones: [string, string[]][] = [[nested, ['a.example', 'b.example', 'c.example']], [realistic, ['example.net', 'example.org', 'partner.example']]];
  for (const [conf, names] of zones) {
    for (const z of names) {
      for (const o of ZONE_OPTIONS) {
        const a = theirs(['-z', z, '-o', o, conf]);
        t.same(ours(['-z', z, '-o', o, conf]), a, `-z ${z} -o ${o}`);
      }
    }
  }
  for (const p of ['base', 'mid', 'top']) {
    for (const o of ZONE_OPTIONS.filter((x) => x !== 'pattern')) {
      t.same(ours(['-p', p, '-o', o, nested]), theirs(['-p', p, '-o', o, nested]), `-p ${p} -o ${o}`);
    }
  }
});

t.test('lookups that fail, fail alike', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  const cases = [['-o', 'no-such-option', nested], ['-z', 'nope.example', '-o', 'zonefile', nested], ['-p', 'nope', '-o', 'zonefile', nested]];
  for (const args of cases) {
    const a = theirs(args);
    const b = ours(args);
    t.same([b.status, b.stdout], [a.status, a.stdout], args.join(' '));
  }
  t.equal(ours([]).status, theirs([]).status, 'no file: usage');
  t.equal(ours(['-h']).status, theirs(['-h']).status, '-h: usage');
  t.same(ours(['-z', 'a.example', nested]), { status: 0, stdout: '', stderr: '' }, '-z without -o prints nothing');
});

/**
 * [name, text, same first error line]; every one is refused by both. Where the line differs, NSD
 * reports a missing name or secret at the token after the clause, we at the clause's first line.
 */
const BAD: [string, string, boolean][] = [
  ['unknown option', 'server:\n  bogus-option: 3\n', true],
  ['option in the wrong clause', 'server:\n  zonefile: x\n', true],
  ['not a number', 'server:\n  port: abc\n', true],
  ['bad yes/no', 'server:\n  hide-version: Yes\n', true],
  ['zero tcp-count', 'server:\n  tcp-count: 0\n', true],
  ['odd nsid', 'server:\n  nsid: abc\n', true],
  ['rrl prefix', 'server:\n  rrl-ipv4-prefix-length: 33\n', true],
  ['glued colon', 'server:\nport:53\n', true],
  ['missing include', 'server:\n  verbosity: 1\ninclude: /nonexistent/x.conf\n', true],
  ['bad secret', 'key:\n  name: k\n  secret: "abc"\n', true],
  ['bad algorithm', 'key:\n  name: k\n  secret: "YWJj"\n  algorithm: hmac-sha257\n', true],
  ['key without secret', 'key:\n  name: k\n', false],
  ['duplicate key', 'key:\n  name: k\n  secret: "YWJj"\nkey:\n  name: k\n  secret: "YWJj"\n', false],
  ['zone without name', 'zone:\n  zonefile: a\n', false],
  ['duplicate zone', 'zone:\n  name: ex.com\n  zonefile: a\nzone:\n  name: EX.com.\n  zonefile: b\n', false],
  ['undeclared key', 'zone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: 1.2.3.4 somekey\n', false],
  ['bad address', 'zone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: 1.2.3 NOKEY\n', true],
  ['subnet too long', 'zone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: ::1/129 NOKEY\n', true],
  ['port 0', 'zone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: 1.2.3.4@0 NOKEY\n', true],
  ['notify range', 'zone:\n  name: ex.com\n  zonefile: a\n  notify: 1.2.3.0/24 NOKEY\n', true],
  ['notify blocked', 'zone:\n  name: ex.com\n  zonefile: a\n  notify: 1.2.3.4 BLOCKED\n', true],
  ['acl without key', 'zone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: 1.2.3.4\n', false],
  ['bad expire', 'zone:\n  name: ex.com\n  zonefile: a\n  min-expire-time: 3x\n', true],
  ['size-limit-xfr 0', 'zone:\n  name: ex.com\n  zonefile: a\n  size-limit-xfr: 0\n', true],
  ['pattern not above', 'zone:\n  name: ex.com\n  zonefile: a\n  include-pattern: p\npattern:\n  name: p\n', true],
  ['tls-auth without domain', 'tls-auth:\n  name: t\n', false],
  ['primary without zonefile', 'zone:\n  name: ex.com\n', false],
  ['allow-notify without request-xfr', 'zone:\n  name: ex.com\n  zonefile: a\n  allow-notify: 1.2.3.4 NOKEY\n', false],
  ['identity too long', `server:\n  identity: ${'a'.repeat(300)}\n`, false],
  ['newer NSD option unknown to 4.6.1 (accepted by us)', 'server:\n  log-time-iso: yes\n', true],
];

t.test('bad files are refused by both, with the first error on the same line', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  for (const [name, text, sameLine] of BAD) {
    const conf = file('bad.conf', text);
    const a = theirs([conf]);
    const b = ours([conf]);
    t.not(a.status, 0, `${name}: nsd-checkconf refuses it`);
    if (name.startsWith('newer NSD option')) {
      t.equal(b.status, 0, `${name}: tsdns knows the newer option`);
      continue;
    }
    t.equal(b.status, EXIT_BAD_CONFIG, `${name}: refused`);
    t.equal(b.stdout, '', `${name}: nothing on stdout`);
    t.match(b.stderr, new RegExp(`^${conf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: error: `, 'm'), `${name}: file:line: error:`);
    if (sameLine) t.equal(firstLine(b.stderr), firstLine(a.stderr), `${name}: same line`);
  }
});

t.test('good files are accepted by both, silently', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  const goods = [realistic, nested, serverAll, keysFile,
    file('acl.conf', 'key:\n  name: k\n  secret: "YWJjZA=="\nzone:\n  name: ex.com\n  zonefile: a\n  provide-xfr: 1.2.3.4&255.255.0.0 NOKEY\n  provide-xfr: fe80::1-fe80::ff@53 k\n  provide-xfr: fe80::&ffff:: BLOCKED\n  allow-query: 10.0.0.0/8@53 NOKEY\n  request-xfr: AXFR 1.2.3.4 k\n  request-xfr: UDP 1.2.3.4@53 NOKEY\n  allow-notify: ::1 k\n  outgoing-interface: 1.2.3.4@99\n  min-expire-time: refresh+retry+1\n  rrl-whitelist: nxdomain\n'),
    file('include.conf', `include: "${dir}/keys.conf"\ninclude: ${dir}/nomatch-*.conf\nserver:\n  include: "${dir}/port.conf"\n  verbosity: 1\n`),
  ];
  for (const conf of goods) {
    t.same(theirs([conf]), { status: 0, stdout: '', stderr: '' }, `nsd-checkconf ${conf.slice(dir.length + 1)}`);
    t.same(ours([conf]), { status: 0, stdout: '', stderr: '' }, `tsdns-checkconf ${conf.slice(dir.length + 1)}`);
  }
});

t.test('-v prints a config that both tools accept', async (t) => {
  if (!requireTool(t, nsdCheckconf, 'nsd-checkconf', 'nsd')) return;
  const r = ours(['-v', realistic]);
  t.equal(r.status, 0);
  const printed = file('printed.conf', r.stdout);
  t.equal(ours([printed]).status, 0);
  t.equal(theirs([printed]).status, 0, 'nsd-checkconf reads our -v output');
  for (const o of ['zonefile', 'provide-xfr', 'request-xfr', 'allow-notify', 'notify']) {
    t.equal(theirs(['-z', 'partner.example', '-o', o, printed]).stdout, theirs(['-z', 'partner.example', '-o', o, realistic]).stdout, o);
  }
  t.match(ours(['-v', serverAll]).stderr, /server.conf:\d+: warning: statistics: has no effect in tsdns/);
});

t.test('zonefile substitutions: the files the nsd daemon opens', async (t) => {
  if (!requireTool(t, nsdDaemon, 'nsd', 'nsd')) return;
  const run = join(dir, 'run');
  const zonesConf = NSD_EXPANSIONS.map(([name]) => `zone:\n  name: "${name}"\n  include-pattern: p\n`).join('');
  const conf = file('daemon.conf', `server:
  ip-address: 127.0.0.1
  port: ${20000 + (process.pid % 20000)}
  zonesdir: "${run}"
  pidfile: "${run}/nsd.pid"
  xfrdfile: "${run}/xfrd.state"
  zonelistfile: "${run}/zone.list"
  xfrdir: "${run}"
  username: ""
  database: ""
  logfile: "${run}/nsd.log"
  verbosity: 2
pattern:
  name: p
  zonefile: "${T}"
${zonesConf}`);
  spawnSync('mkdir', ['-p', run]);
  spawnSync(nsdDaemon as string, ['-d', '-c', conf], { timeout: 4000, stdio: 'ignore' });
  const log = existsSync(join(run, 'nsd.log')) ? readFileSync(join(run, 'nsd.log'), 'utf8') : '';
  const opened = [...log.matchAll(/zonefile (\S+) does not exist/g)].map((m) => m[1]).sort();
  if (opened.length === 0) {
    t.comment('nsd did not start here (no log); nothing to compare');
    return;
  }
  const { config } = loadConfig(conf, new FileConfigSource());
  const ourPaths = config.zones.map((z) => (z.zonefilePath as string).slice(run.length + 1)).sort();
  t.same(ourPaths, opened, 'the same file names as NSD');
  t.same(NSD_EXPANSIONS.map(([, e]) => e).sort(), opened, 'the table in fixtures.ts is what NSD does');
});
