// Config lookups, and the checkconf command's arguments (in-process, with an in-memory source).
import t from 'tap';
import { checkconf, EXIT_BAD_CONFIG } from '../../../src/cli/checkconf-command.js';
import { findKey, findPattern, findTlsAuth, findZone } from '../../../src/config/index.js';
import { KEYS, NESTED, REALISTIC } from './fixtures.js';
import { load, MemSource } from './support.js';

t.test('find zones and keys by domain name, patterns and tls-auth by name', async (t) => {
  const { config } = load(REALISTIC, { '/etc/nsd/keys.conf': KEYS });
  t.equal(findZone(config, 'EXAMPLE.net.')?.name, 'example.net');
  t.equal(findZone(config, 'nope.example'), undefined);
  t.equal(findZone(config, 'bad..name'), undefined);
  t.equal(findKey(config, 'XFR.key.')?.algorithm, 'hmac-sha256');
  t.equal(findPattern(config, 'primary')?.zonefile, '%s.zone');
  t.equal(findPattern(config, 'PRIMARY'), undefined, 'pattern names are case-sensitive');
  const xot = load('tls-auth:\n name: xot\n auth-domain-name: a.example\n').config;
  t.equal(findTlsAuth(xot, 'xot')?.authDomainName, 'a.example');
});

/** Run the command on in-memory files. */
function cc(args: string[], files: Record<string, string>) {
  let out = '';
  let err = '';
  const status = checkconf(args, { out: (x) => (out += x), err: (x) => (err += x) }, new MemSource(files));
  return { status, out, err };
}

t.test('checkconf: silent and 0 on a good file, every error and 1 on a bad one', async (t) => {
  t.same(cc(['nsd.conf'], { 'nsd.conf': NESTED }), { status: 0, out: '', err: '' });
  const bad = cc(['nsd.conf'], { 'nsd.conf': 'server:\n port: 0\n verbosity: x\n' });
  t.equal(bad.status, EXIT_BAD_CONFIG);
  t.equal(bad.out, '');
  t.equal(bad.err, [
    'nsd.conf:2: error: bad value for port: expected a number from 1 to 65535, not 0',
    "nsd.conf:3: error: bad value for verbosity: expected a number, not 'x'",
    'read nsd.conf failed: 2 errors in configuration file', '',
  ].join('\n'));
  t.match(cc(['missing.conf'], {}), { status: EXIT_BAD_CONFIG, err: /missing.conf: error: cannot read the config file/ });
});

t.test('checkconf: options and their arguments, as getopt reads them', async (t) => {
  const files = { 'n.conf': NESTED, 'c.conf': 'server:\n chroot: /ch\n pidfile: p.pid\n' };
  t.same(cc(['-o', 'port', 'n.conf'], files), { status: 0, out: '53\n', err: '' });
  t.same(cc(['-oport', 'n.conf'], files), { status: 0, out: '53\n', err: '' });
  t.same(cc(['-z', 'a.example', '-o', 'notify', 'n.conf'], files).out, '10.0.0.3@5353 tsig.k\n');
  t.same(cc(['-p', 'mid', '-o', 'name', 'n.conf'], files).out, 'mid\n');
  t.same(cc(['-s', 'tsig.k', 'n.conf'], files).out, 'YWJjZA==\n');
  t.same(cc(['-a', 'tsig.k', 'n.conf'], files).out, 'hmac-sha256\n');
  t.same(cc(['-a', 'nope', 'n.conf'], files), { status: 0, out: 'Could not find key nope\n', err: '' });
  t.same(cc(['-t', 'nope', 'n.conf'], files).out, 'Could not find tls-auth nope\n');
  t.same(cc(['-fo', 'pidfile', 'c.conf'], files).out, '/ch/p.pid\n');
  t.same(cc(['-o', 'pidfile', 'c.conf'], files).out, 'p.pid\n');
  t.same(cc(['-o', 'nope', 'n.conf'], files), { status: 1, out: 'Server option not handled: nope\n', err: '' });
  t.match(cc(['-s', 'a', '-a', 'b', 'n.conf'], files), { status: 1, err: /cannot combine -a/ });
  t.match(cc(['-h'], files), { status: 1, err: /^usage: tsdns-checkconf/ });
  t.match(cc(['-x', 'n.conf'], files), { status: 1, err: /^usage/ });
  t.match(cc(['-o'], files), { status: 1, err: /^usage/ });
  t.match(cc(['a', 'b'], files), { status: 1, err: /^usage/ });
  t.same(cc(['--', 'n.conf'], files).status, 0);
});

t.test('checkconf -v prints the effective config and the warnings', async (t) => {
  const r = cc(['-v', 'n.conf'], { 'n.conf': `server:\n database: ""\n${NESTED}` });
  t.equal(r.status, 0);
  t.equal(r.err, 'n.conf:2: warning: database: has no effect in tsdns: tsdns keeps zones in memory only\n');
  t.match(r.out, /^# Effective settings of n.conf.\nserver:\n/);
  t.match(r.out, /\tdatabase: ""\n/);
});
