// /health for a secondary: 503 when it stays behind a serial its primary announced, or expires; 200 when caught up.
import t from 'tap';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { ctl, httpGet, writeAtomic } from '../support/control.js';
import { freePort } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';

/** Small SOA timers: refresh 1 s, retry 1 s, expire 4 s. */
const zone = (serial: number): string => ['$ORIGIN sec.test.', '$TTL 30', `@ SOA ns1 hm ${serial} 1 1 4 30`, '@ NS ns1', 'ns1 A 192.0.2.1', `www TXT "v${serial}"`, ''].join('\n');

function sendNotify(port: number, serial: number): Promise<void> {
  const msg = dnsPacket.encode({
    type: 'query', id: 7, flags: 0x2000 | 0x0400, // opcode NOTIFY, AA
    questions: [{ name: 'sec.test', type: 'SOA' }],
    answers: [{ name: 'sec.test', type: 'SOA', ttl: 30, data: { mname: 'ns1.sec.test', rname: 'hm.sec.test', serial, refresh: 1, retry: 1, expire: 4, minimum: 30 } }],
  });
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const done = (): void => {
      s.close();
      resolve();
    };
    const timer = setTimeout(done, 2000);
    s.on('message', () => {
      clearTimeout(timer);
      done();
    });
    s.send(msg, port, '127.0.0.1');
  });
}

async function until(what: string, ok: () => Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

t.test('secondary health follows its primary', async (t) => {
  const dir = tempDir('tsdns-health-sec-');
  const pport = await freePort();
  const sport = await freePort();
  const hport = await freePort();
  fs.mkdirSync(path.join(dir, 'p'));
  fs.mkdirSync(path.join(dir, 's'));
  const pzone = path.join(dir, 'p', 'sec.test.zone');
  writeAtomic(pzone, zone(1));
  const base = (d: string) => ['server:', '    ip-address: 127.0.0.1', `    zonesdir: "${d}"`, `    pidfile: "${d}/pid"`, `    zonelistfile: "${d}/zone.list"`, `    xfrdfile: "${d}/xfrd.state"`, '    username: ""'];
  const pconf = path.join(dir, 'p', 'nsd.conf');
  fs.writeFileSync(pconf, [...base(path.join(dir, 'p')), 'zone:', '    name: sec.test', '    zonefile: sec.test.zone', '    provide-xfr: 127.0.0.1 NOKEY', ''].join('\n'));
  const sconf = path.join(dir, 's', 'nsd.conf');
  fs.writeFileSync(sconf, [...base(path.join(dir, 's')), `    health-interface: 127.0.0.1@${hport}`, '    health-max-staleness: 2',
    'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/s/ctl.sock"`,
    'zone:', '    name: sec.test', '    zonefile: sec.test.zone', `    request-xfr: 127.0.0.1@${pport} NOKEY`, '    allow-notify: 127.0.0.1 NOKEY', ''].join('\n'));
  let primary: RunningServer | null = await startTsdns(pconf, pport, 'sec.test');
  const secondary = await startTsdns(sconf, sport, 'sec.test');
  t.teardown(async () => {
    await secondary.stop();
    await primary?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const health = async () => (await httpGet(hport, '/health/zone/sec.test'));
  await until('the first transfer', async () => (await health()).status === 200);
  t.match(JSON.parse((await health()).body).zone, { role: 'secondary', serial: 1, healthy: true });
  t.match((await ctl(sconf, ['zonestatus', 'sec.test'])).out, /^zone:\tsec\.test\n\tstate: ok\n\tserved-serial: "1 since /);

  // A NOTIFY announces serial 5, which the primary does not serve: the secondary stays behind.
  await sendNotify(sport, 5);
  await until('503 once behind for longer than health-max-staleness', async () => (await health()).status === 503);
  t.match(JSON.parse((await health()).body).zone.problems, [/primary serial 5 not picked up/]);
  t.equal((await ctl(sconf, ['health'])).code, 1, 'tsdns-control health exits 1');
  // The primary gets serial 5: a NOTIFY and the transfer bring the secondary back.
  writeAtomic(pzone, zone(5));
  primary.proc.kill('SIGHUP'); // the primary re-reads its zone file
  await new Promise((r) => setTimeout(r, 300));
  await sendNotify(sport, 5);
  await until('200 after the transfer', async () => (await health()).status === 200);
  t.equal(JSON.parse((await health()).body).zone.serial, 5);

  // The primary goes away: after the SOA expire time the zone expires (SERVFAIL) and health says so.
  await primary.stop();
  primary = null;
  await until('503 when expired', async () => {
    const b = await health();
    return b.status === 503 && JSON.parse(b.body).zone.problems.includes('expired');
  }, 20000);
  t.pass('expired zone is unhealthy');
  primary = await startTsdns(pconf, pport, 'sec.test');
  await until('200 when the primary is back', async () => (await health()).status === 200, 20000);
  t.pass('healthy again after the primary came back');
});
