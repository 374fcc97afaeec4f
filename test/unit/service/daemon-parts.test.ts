// The daemon's parts without sockets: the command line, the listen addresses, log lines, options from nsd.conf.
import t from 'tap';
import { parseTsdnsArgs } from '../../../src/cli/tsdns-args.js';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { formatLogLine, listenSpecs, nsidHex, processOptions } from '../../../src/service/index.js';

const source: ConfigSource = { read: () => '', glob: () => [] };
const server = (text: string) => loadConfigText('nsd.conf', `server:\n${text}\n`, source).config.server;

t.test('command line: the nsd(8) flags', async (t) => {
  t.same(parseTsdnsArgs(['-c', 'x.conf', '-d', '-p5300', '-a', '127.0.0.1', '-a', '::1@53', '-P', '/run/x.pid', '-V', '3', '-4']), {
    kind: 'run',
    args: {
      configFile: 'x.conf', port: 5300, addresses: ['127.0.0.1', '::1@53'], pidfile: '/run/x.pid', verbosity: 3, only: 4,
      username: undefined, identity: undefined, nsid: undefined, logfile: undefined,
    },
  });
  t.equal((parseTsdnsArgs([]) as { args: { configFile: string } }).args.configFile, '/etc/nsd/nsd.conf');
  t.same(parseTsdnsArgs(['-v']), { kind: 'version' });
  t.same(parseTsdnsArgs(['-h']), { kind: 'help' });
  t.equal(parseTsdnsArgs(['-x']).kind, 'error');
  t.equal(parseTsdnsArgs(['-p']).kind, 'error');
  t.equal(parseTsdnsArgs(['-p', 'http']).kind, 'error');
  t.equal(parseTsdnsArgs(['-p', '70000']).kind, 'error');
  t.equal(parseTsdnsArgs(['-4', '-6']).kind, 'error');
  t.equal(parseTsdnsArgs(['zones']).kind, 'error');
});

t.test('listen addresses as NSD picks them', async (t) => {
  t.same(listenSpecs(server('    port: 5353')), [{ address: '0.0.0.0', port: 5353, family: 4 }, { address: '::', port: 5353, family: 6 }], 'wildcards by default');
  t.same(listenSpecs(server('    do-ip6: no')), [{ address: '0.0.0.0', port: 53, family: 4 }]);
  t.same(listenSpecs(server('    ip-address: 127.0.0.1\n    ip-address: ::1@5301\n    port: 5300')), [
    { address: '127.0.0.1', port: 5300, family: 4 }, { address: '::1', port: 5301, family: 6 },
  ]);
  t.same(listenSpecs(server('    ip-address: 127.0.0.1'), { port: 9999, addresses: ['::1', '127.0.0.2@53'] }), [
    { address: '::1', port: 9999, family: 6 }, { address: '127.0.0.2', port: 53, family: 4 },
  ], '-a replaces ip-address, -p the port');
  t.same(listenSpecs(server('    ip-address: 127.0.0.1\n    ip-address: ::1'), { only: 6 }), [{ address: '::1', port: 53, family: 6 }]);
  t.same(listenSpecs(server('    ip-address: lo')).map((s) => s.address).sort(), ['127.0.0.1', '::1'], 'an interface name: its addresses');
  t.throws(() => listenSpecs(server('    ip-address: 127.0.0.1'), { only: 6 }), { code: 'LISTEN' });
});

t.test('pipeline options from nsd.conf', async (t) => {
  const o = processOptions(server('    identity: "ns.example"\n    nsid: "ascii_ns1"\n    hide-version: yes\n    refuse-any: yes\n    ipv6-edns-size: 1400'));
  t.match(o, { identity: 'ns.example', hideVersion: true, refuseAny: true, ipv4EdnsSize: 1232, ipv6EdnsSize: 1400 });
  t.same(Buffer.from(o.nsid!).toString(), 'ns1');
  t.match(processOptions(server('')).version, /^tsdns \d/);
  t.equal(processOptions(server(''), { identity: 'cli' }).identity, 'cli');
  t.equal(nsidHex('ascii_ab'), '6162');
  t.equal(nsidHex('AB01'), 'ab01');
});

t.test('a readable log line', async (t) => {
  const line = formatLogLine(JSON.stringify({ level: 30, time: 0, pid: 7, msg: 'zone loaded', zone: 'example.com', serial: 5, file: 'a b' }));
  t.match(line, /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] tsdns\[7\]: info: zone loaded zone=example\.com serial=5 file="a b"\n$/);
  t.equal(formatLogLine('not json'), 'not json\n');
});
