// docs/etc-tsdns (the sample /etc/tsdns) is a good config for tsdns and for NSD alike, and its zones load in both.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, tempDir } from '../support/servers.js';

const SAMPLE = path.join(REPO, 'docs/etc-tsdns');

interface Run {
  status: number | null;
  out: string;
  err: string;
}

function run(cmd: string, args: readonly string[]): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

const tsdnsCli = (cli: string, args: readonly string[]): Run => run(process.execPath, [path.join(REPO, 'dist/src/cli', cli), ...args]);
const haveNsd = fs.existsSync('/usr/sbin/nsd-checkconf');

/** The sample copied to a temp dir with its absolute paths (/etc/tsdns, /var/lib/tsdns, /run/tsdns) moved there. */
function installSample(): { etc: string; conf: string } {
  const root = tempDir('tsdns-sample-etc-');
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  const etc = path.join(root, 'etc');
  fs.cpSync(SAMPLE, etc, { recursive: true });
  const files = fs.readdirSync(etc, { recursive: true, encoding: 'utf8' }).map((f) => path.join(etc, f));
  for (const f of files.filter((p) => p.endsWith('.conf'))) {
    const text = fs.readFileSync(f, 'utf8')
      .replaceAll('/etc/tsdns', etc)
      .replaceAll('/var/lib/tsdns', path.join(root, 'var'))
      .replaceAll('/run/tsdns', path.join(root, 'run'));
    fs.writeFileSync(f, text);
  }
  return { etc, conf: path.join(etc, 'nsd.conf') };
}

t.test('tsdns-checkconf accepts the sample without a warning, and NSD reads it the same way', async (t) => {
  const { conf } = installSample();
  const v = tsdnsCli('checkconf.js', ['-v', conf]);
  t.equal(v.status, 0, 'tsdns-checkconf exit 0', v);
  t.equal(v.err, '', 'no warnings (every option used has an effect)');
  t.match(v.out, /name: "vps3-vps4"/, 'the included key file was read');
  if (!haveNsd) return;
  t.equal(run('nsd-checkconf', [conf]).status, 0, 'nsd-checkconf exit 0');
  const queries: string[][] = [
    ['-o', 'zonesdir'], ['-o', 'username'], ['-o', 'identity'],
    ['-z', 'example.com', '-o', 'zonefile'], ['-z', 'example.com', '-o', 'provide-xfr'],
    ['-z', 'example.com', '-o', 'notify'], ['-z', '2.0.192.in-addr.arpa', '-o', 'create-ixfr'],
    ['-s', 'vps3-vps4'], ['-a', 'vps3-vps4'],
  ];
  for (const q of queries) {
    const ours = tsdnsCli('checkconf.js', [...q, conf]);
    const theirs = run('nsd-checkconf', [...q, conf]);
    t.same({ status: ours.status, out: ours.out }, { status: theirs.status, out: theirs.out }, q.join(' '));
  }
});

t.test('every zone of the sample loads in tsdns-checkzone and nsd-checkzone', async (t) => {
  const { etc } = installSample();
  const zones = fs.readdirSync(path.join(etc, 'zones')).filter((f) => f.endsWith('.zone'));
  t.ok(zones.length >= 2, 'the sample has zones');
  const zonesConf = fs.readFileSync(path.join(etc, 'nsd.conf.d/zones.conf'), 'utf8');
  for (const file of zones) {
    const origin = file.replace(/\.zone$/, '');
    t.match(zonesConf, `name: "${origin}"`, `${origin} is configured`);
    const zonefile = path.join(etc, 'zones', file);
    const ours = tsdnsCli('checkzone.js', [origin, zonefile]);
    t.same({ status: ours.status, out: ours.out, err: ours.err }, { status: 0, out: `zone ${origin} is ok\n`, err: '' }, `tsdns-checkzone ${origin}`);
    if (haveNsd) t.equal(run('nsd-checkzone', [origin, zonefile]).status, 0, `nsd-checkzone ${origin}`);
  }
});
