// A tsdns secondary under tsdns-control: transfers and NOTIFYs counted in /metrics, zonestatus wait:, force_transfer.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { ctl, dig, httpGet, writeAtomic } from '../support/control.js';
import { freePort } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';

t.setTimeout(90000);

/** Refresh 3600 s: no timed check happens during the test, every transfer is one the test asked for. */
const zone = (serial: number, mark: string): string =>
  ['$ORIGIN ops.test.', '$TTL 30', `@ SOA ns1 hm ${serial} 3600 600 86400 30`, '@ NS ns1', 'ns1 A 192.0.2.1', `www TXT "${mark}"`, ''].join('\n');

async function until(what: string, ok: () => Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/** One sample of a Prometheus text page (0 when absent). */
async function metric(port: number, sample: string): Promise<number> {
  const { body } = await httpGet(port, '/metrics');
  const line = body.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

const AXFR_OK = 'tsdns_transfers_in_total{kind="axfr",result="ok"}';
const NOTIFY_OK = 'tsdns_notifies_sent_total{result="ok"}';

t.test('tsdns secondary: counters, zonestatus and force_transfer', async (t) => {
  const dir = tempDir('tsdns-secondary-ops-');
  const [pport, sport, phealth, shealth] = [await freePort(), await freePort(), await freePort(), await freePort()];
  fs.mkdirSync(path.join(dir, 'p'));
  fs.mkdirSync(path.join(dir, 's'));
  const pzone = path.join(dir, 'p', 'ops.test.zone');
  writeAtomic(pzone, zone(10, 'ten'));
  const base = (d: string, health: number) => ['server:', '    ip-address: 127.0.0.1', `    zonesdir: "${d}"`, `    pidfile: "${d}/pid"`,
    `    zonelistfile: "${d}/zone.list"`, `    xfrdfile: "${d}/xfrd.state"`, '    username: ""', `    health-interface: 127.0.0.1@${health}`];
  const pconf = path.join(dir, 'p', 'nsd.conf');
  fs.writeFileSync(pconf, [...base(path.join(dir, 'p'), phealth), 'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/p/ctl.sock"`,
    'zone:', '    name: ops.test', '    zonefile: ops.test.zone',
    '    provide-xfr: 127.0.0.1 NOKEY', `    notify: 127.0.0.1@${sport} NOKEY`, ''].join('\n'));
  const sconf = path.join(dir, 's', 'nsd.conf');
  fs.writeFileSync(sconf, [...base(path.join(dir, 's'), shealth), 'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/s/ctl.sock"`,
    'zone:', '    name: ops.test', '    zonefile: ops.test.zone', `    request-xfr: 127.0.0.1@${pport} NOKEY`, '    allow-notify: 127.0.0.1 NOKEY', ''].join('\n'));
  // The secondary first, so the primary's start-up NOTIFY finds it listening.
  const secondary = await startTsdns(sconf, sport, 'ops.test');
  let primary: RunningServer | null = null;
  t.teardown(async () => {
    await secondary.stop();
    await primary?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  primary = await startTsdns(pconf, pport, 'ops.test');
  const serial = async () => (await dig(sport, ['+short', 'ops.test', 'SOA'])).trim().split(/\s+/)[2];
  const txt = async () => (await dig(sport, ['+short', 'www.ops.test', 'TXT'])).trim();

  await until('the first transfer', async () => (await serial()) === '10');
  await until('the first AXFR counted', async () => (await metric(shealth, AXFR_OK)) === 1);
  await until('the start-up NOTIFY acknowledged and counted', async () => (await metric(phealth, NOTIFY_OK)) >= 1);
  const notifiesBefore = await metric(phealth, NOTIFY_OK);

  // zonestatus shows the refresh timer as NSD does: the wait it was armed with (refresh 3600 s, 90-100% jitter).
  const status = (await ctl(sconf, ['zonestatus', 'ops.test'])).out;
  const wait = /^zone:\tops\.test\n\tstate: ok\n\tserved-serial: "10 since [^"]+"\n\tcommit-serial: "10 since [^"]+"\n\twait: "(\d+) sec between attempts"\n$/.exec(status);
  t.ok(wait, `zonestatus in NSD's shape:\n${status}`);
  t.ok(Number(wait?.[1]) >= 3240 && Number(wait?.[1]) <= 3600, 'the refresh wait');

  // force_transfer at the same serial: a full AXFR all the same.
  t.same(await ctl(sconf, ['force_transfer', 'ops.test']), { code: 0, out: 'ok\n', err: '' });
  await until('the forced AXFR counted', async () => (await metric(shealth, AXFR_OK)) === 2);
  t.equal(await serial(), '10');

  // The primary goes back to an older serial (a restored backup): transfer keeps ours, force_transfer takes it.
  writeAtomic(pzone, zone(7, 'seven'));
  primary.proc.kill('SIGHUP');
  await until('the primary serves serial 7', async () => (await dig(pport, ['+short', 'ops.test', 'SOA'])).includes(' 7 '));
  await until('the NOTIFY of serial 7 counted', async () => (await metric(phealth, NOTIFY_OK)) > notifiesBefore);
  t.same(await ctl(sconf, ['transfer', 'ops.test']), { code: 0, out: 'ok\n', err: '' });
  await until('the check counted (up to date)', async () => (await metric(shealth, 'tsdns_transfers_in_total{kind="none",result="ok"}')) >= 1);
  t.equal(await serial(), '10', 'an older serial is not taken by a normal transfer');
  t.same(await ctl(sconf, ['force_transfer']), { code: 0, out: 'ok, 1 zones\n', err: '' }, 'every secondary zone');
  await until('the older serial served', async () => (await serial()) === '7');
  t.equal(await txt(), '"seven"');
  t.equal(await metric(shealth, AXFR_OK), 3);
  // The saved copy is the forced one too.
  await until('the zone file written', async () => fs.readFileSync(path.join(dir, 's', 'ops.test.zone'), 'latin1').includes('seven'));
  t.match((await ctl(sconf, ['zonestatus', 'ops.test'])).out, /served-serial: "7 since /);
  t.equal((await ctl(sconf, ['force_transfer', 'nosuch.test'])).code, 1, 'an unknown zone is an error');

  // tsdns-control notify on the primary: one more NOTIFY round, acknowledged and counted.
  const sent = await metric(phealth, NOTIFY_OK);
  t.same(await ctl(pconf, ['notify', 'ops.test']), { code: 0, out: 'ok\n', err: '' });
  await until('the NOTIFY on request counted', async () => (await metric(phealth, NOTIFY_OK)) === sent + 1);
  t.same((await ctl(sconf, ['zonestatus', 'ops.test'])).out.match(/served-serial: "(\d+) /)?.[1], '7', 'a NOTIFY of the same serial changes nothing');
});
