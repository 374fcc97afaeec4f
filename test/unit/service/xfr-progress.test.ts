// ZoneXfr for zonestatus and /metrics: the transfer in progress and NOTIFYs in flight in NSD's words, and the counters.
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { ZoneRegistry } from '../../../src/service/index.js';
import { XfrService } from '../../../src/service/xfr-service.js';
import { ServerStats } from '../../../src/stats/index.js';
import { parseName } from '../../../src/wire/index.js';
import type { Endpoint, Requester } from '../../../src/xfr/index.js';
import { FakeClock, settle, zoneText } from '../xfr/support.js';

const source: ConfigSource = { read: () => '', glob: () => [] };

/** Never answers: the fake clock's timeouts end each exchange. */
class Silent implements Requester {
  sent: { to: Endpoint; transport: string }[] = [];
  exchange(to: Endpoint, _msg: Uint8Array, transport: 'udp' | 'tcp'): AsyncIterable<Uint8Array> {
    this.sent.push({ to, transport });
    const never = new Promise<IteratorResult<Uint8Array>>(() => undefined);
    const it: AsyncIterableIterator<Uint8Array> = {
      next: () => never,
      return: () => Promise.resolve({ value: undefined, done: true }),
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }
}

t.test('a transfer and NOTIFYs in flight, then their failures counted', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-xfr-progress-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'p.zone'), zoneText(4, []).replace(/example\.com\./g, 'p.test.'));
  const conf = [
    'server:', `    zonesdir: "${dir}"`, `    xfrdfile: "${dir}/xfrd.state"`, '    tcp-timeout: 30',
    'zone:', '    name: p.test', '    zonefile: p.zone', '    notify: 192.0.2.9 NOKEY', '    notify: 192.0.2.10@5300 NOKEY', '    notify-retry: 2',
    'zone:', '    name: s.test', '    zonefile: s.zone', '    request-xfr: 192.0.2.1@5353 NOKEY', '',
  ].join('\n');
  const { config } = loadConfigText('nsd.conf', conf, source);
  const log = pino({ level: 'silent' });
  const reg = new ZoneRegistry(config.zones, log);
  reg.loadAll();
  const requester = new Silent();
  const clock = new FakeClock();
  const stats = new ServerStats();
  const xfr = new XfrService({ config, registry: reg, log, requester, clock, stats });
  t.teardown(() => xfr.stop());
  const p = xfr.zone(parseName('p.test.', null).key)!;
  const s = xfr.zone(parseName('s.test.', null).key)!;
  t.equal(p.progress(), null, 'a primary has no secondary progress');
  t.same(s.progress(), { waitSeconds: null, nextCheckAt: null, transfer: null }, 'not started');
  xfr.start();
  await settle();
  t.same(s.progress(), { waitSeconds: null, nextCheckAt: null, transfer: 'TCP connected to 192.0.2.1@5353' }, 'the first AXFR is open');
  t.same(p.notifying(), { targets: ['192.0.2.9', '192.0.2.10@5300'], serial: 4 }, 'NSD: notify: "send <targets> with serial N"');
  await clock.advance(30000);
  t.equal(s.progress()?.transfer, null, 'timed out');
  t.match(s.progress(), { waitSeconds: Number, nextCheckAt: Number }, 'a retry is armed');
  t.equal(stats.events.get('transfer_in', ['axfr', 'failed']), 1);
  await clock.advance(60000);
  t.equal(p.notifying(), null, 'the NOTIFYs gave up');
  t.equal(stats.events.get('notify_sent', ['failed']), 2, 'one per target');
  t.equal(stats.events.get('notify_sent', ['ok']), 0);
});
