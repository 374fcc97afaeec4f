// The service's transfer side without a network: saved copies, journal and state files, create-ixfr and NOTIFY on reload, secondaries.
import t, { type Test } from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { loadZoneFile, ZoneRegistry } from '../../../src/service/index.js';
import { JournalFile, StateFile, ZoneFileWriter } from '../../../src/service/xfr-files.js';
import { XfrService } from '../../../src/service/xfr-service.js';
import { decodeMessage, OPCODE, parseName } from '../../../src/wire/index.js';
import { computeDiff, EMPTY_REFRESH_STATE, Journal, type Endpoint, type Requester } from '../../../src/xfr/index.js';
import { FakeClock, zoneOf, zoneText } from '../xfr/support.js';

const SECRET = 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=';
const source: ConfigSource = { read: () => '', glob: () => [] };

function tmp(t: Test): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-xfr-service-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Polls until `f` is true (at most `ms`): the sends and saves happen after the calls that start them return. */
async function until(f: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}

function quietLog(lines: Record<string, unknown>[] = []) {
  return pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
}

/** Records what is sent and never answers (the fake clock's timeouts fire only when moved on). */
class Recorder implements Requester {
  sent: { to: Endpoint; msg: Uint8Array; transport: string }[] = [];
  exchange(to: Endpoint, msg: Uint8Array, transport: 'udp' | 'tcp'): AsyncIterable<Uint8Array> {
    this.sent.push({ to, msg, transport });
    const never = new Promise<IteratorResult<Uint8Array>>(() => undefined);
    const it: AsyncIterableIterator<Uint8Array> = {
      next: () => never,
      return: () => Promise.resolve({ value: undefined, done: true }),
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }
}

t.test('the saved copy: written atomically, read back as the same zone', async (t) => {
  const dir = tmp(t);
  const file = path.join(dir, 'example.com.zone');
  const zone = zoneOf(zoneText(7, ['www 300 IN TXT "a \\"quoted\\" \\\\ string" "\\255\\000"', 'x 300 IN AAAA 2001:db8::1']));
  await new ZoneFileWriter(file).write(zone);
  t.same(fs.readdirSync(dir), ['example.com.zone'], 'no temporary file left');
  const back = loadZoneFile({ origin: zone.origin, file, onProblem: () => undefined }).contents;
  t.equal(back?.serial, 7);
  t.same([...(back?.records() ?? [])].length, [...zone.records()].length);
  t.same(computeDiff(zone, back!).added, [], 'no record differs');
});

t.test('the journal file: kept when it ends at the zone serial, dropped otherwise', async (t) => {
  const dir = tmp(t);
  const origin = parseName('example.com.', null);
  const j = new Journal(origin);
  j.add(computeDiff(zoneOf(zoneText(1, ['a 300 IN A 192.0.2.1'])), zoneOf(zoneText(2, ['a 300 IN A 192.0.2.2']))));
  const f = JournalFile.forZoneFile(path.join(dir, 'z.zone'));
  t.same(f.load(origin, j.limits, 2), { journal: new Journal(origin), dropped: null }, 'no file: empty');
  const { encodeJournal } = await import('../../../src/xfr/index.js');
  await f.save(encodeJournal(j));
  t.equal(f.load(origin, j.limits, 2).journal.length, 1);
  t.match(f.load(origin, j.limits, 3), { dropped: /ends at serial 2/ });
  fs.writeFileSync(f.file, 'garbage');
  t.match(f.load(origin, j.limits, 2), { dropped: /./ }, 'a damaged file is dropped with its reason');
});

t.test('the state file: one JSON file for every secondary, read back; a foreign file is ignored', async (t) => {
  const dir = tmp(t);
  const file = path.join(dir, 'xfrd.state');
  const s = new StateFile(file);
  t.equal(s.load(), null, 'no file yet');
  const state = { ...EMPTY_REFRESH_STATE, serial: 5, refresh: 60, retry: 10, expire: 600, acquired: 1000, expireAt: 601000 };
  await s.store('example.com.').save(state);
  const again = new StateFile(file);
  t.equal(again.load(), null);
  t.same(again.get('example.com.'), state);
  fs.writeFileSync(file, '# NSD xfrd state file\n');
  t.match(new StateFile(file).load(), /./, 'not ours: reported, not used');
});

t.test('a primary with create-ixfr and notify: a reload keeps the difference and sends signed NOTIFYs', async (t) => {
  const dir = tmp(t);
  const zf = path.join(dir, 'example.com.zone');
  fs.writeFileSync(zf, zoneText(1, ['a 300 IN A 192.0.2.1']));
  const conf = [
    'server:', `    zonesdir: "${dir}"`, `    xfrdfile: "${dir}/xfrd.state"`,
    'key:', '    name: k1', '    algorithm: hmac-sha256', `    secret: "${SECRET}"`,
    'zone:', '    name: example.com', '    zonefile: example.com.zone', '    create-ixfr: yes',
    '    notify: 192.0.2.53@5300 k1', '    notify: 192.0.2.54 NOKEY', '    provide-xfr: 0.0.0.0/0 k1', '',
  ].join('\n');
  const { config } = loadConfigText('nsd.conf', conf, source);
  const log = quietLog();
  const reg = new ZoneRegistry(config.zones, log);
  reg.loadAll();
  const requester = new Recorder();
  const xfr = new XfrService({ config, registry: reg, log, requester, clock: new FakeClock() });
  t.teardown(() => xfr.stop());
  xfr.start();
  await until(() => requester.sent.length >= 2);
  t.same(requester.sent.map((s) => `${s.to.address}@${s.to.port} ${s.transport}`), ['192.0.2.53@5300 udp', '192.0.2.54@53 udp'], 'NOTIFY at start');
  const first = decodeMessage(requester.sent[0].msg);
  t.equal(first.header.opcode, OPCODE.NOTIFY);
  t.equal(first.additionals.at(-1)?.type, 250, 'signed with the line\'s key');
  t.equal(decodeMessage(requester.sent[1].msg).additionals.length, 0, 'NOKEY: unsigned');
  fs.writeFileSync(zf, zoneText(2, ['a 300 IN A 192.0.2.2']));
  reg.reload();
  await until(() => requester.sent.length >= 4 && fs.existsSync(`${zf}.tsdns-journal`));
  const zoneX = xfr.zone(parseName('example.com.', null).key)!;
  t.equal(zoneX.journal()?.length, 1, 'the difference is kept');
  t.equal(zoneX.journal()?.diffs[0].added.length, 1);
  t.ok(fs.existsSync(`${zf}.tsdns-journal`), 'and saved next to the zone file');
  t.equal(requester.sent.length, 4, 'NOTIFY of the new serial to both targets');
  t.equal(zoneX.snapshot()?.serial, 2);
});

t.test('a secondary: the saved copy served at once, expired per the saved state, the primary asked at once', async (t) => {
  const dir = tmp(t);
  fs.writeFileSync(path.join(dir, 'example.com.zone'), zoneText(3, []));
  const expiredState = { ...EMPTY_REFRESH_STATE, serial: 3, refresh: 60, retry: 10, expire: 600, acquired: 1, expireAt: 2 };
  const states = new StateFile(path.join(dir, 'xfrd.state'));
  await states.store('example.com.').save(expiredState);
  const conf = (secret: string) => [
    'server:', `    zonesdir: "${dir}"`, `    xfrdfile: "${dir}/xfrd.state"`,
    'key:', '    name: k1', '    algorithm: hmac-sha256', `    secret: "${secret}"`,
    'zone:', '    name: example.com', '    zonefile: example.com.zone', '    request-xfr: 192.0.2.1 k1', '    allow-notify: 192.0.2.1 k1', '',
  ].join('\n');
  const { config } = loadConfigText('nsd.conf', conf(SECRET), source);
  const log = quietLog();
  const reg = new ZoneRegistry(config.zones, log);
  reg.loadAll();
  const requester = new Recorder();
  const clock = new FakeClock();
  const xfr = new XfrService({ config, registry: reg, log, requester, clock });
  t.teardown(() => xfr.stop());
  const key = parseName('example.com.', null).key;
  t.equal(reg.served().db.get(parseName('example.com.', null))?.serial, 3, 'the saved copy is served before any check');
  xfr.start();
  t.ok(reg.isExpired(key), 'its saved state says it expired while we were down');
  t.ok(reg.served().expired?.has(key));
  await until(() => requester.sent.length > 0);
  t.equal(requester.sent[0]?.transport, 'tcp', 'the primary is asked at once (IXFR over TCP)');
});

t.test('reconfigure: unchanged zones keep their transfer side, new ones start, removed ones stop', async (t) => {
  const dir = tmp(t);
  fs.writeFileSync(path.join(dir, 'a.zone'), zoneText(1, []).replace(/example\.com\./g, 'a.test.'));
  const conf = (zones: string[]) => [
    'server:', `    zonesdir: "${dir}"`, `    xfrdfile: "${dir}/xfrd.state"`,
    'key:', '    name: k1', '    algorithm: hmac-sha256', `    secret: "${SECRET}"`, ...zones, '',
  ].join('\n');
  const a = ['zone:', '    name: a.test', '    zonefile: a.zone', '    provide-xfr: 127.0.0.1 k1'];
  const b = ['zone:', '    name: b.test', '    zonefile: b.zone', '    request-xfr: 192.0.2.1 k1'];
  const first = loadConfigText('nsd.conf', conf(a), source).config;
  const log = quietLog();
  const reg = new ZoneRegistry(first.zones, log);
  reg.loadAll();
  const requester = new Recorder();
  const xfr = new XfrService({ config: first, registry: reg, log, requester, clock: new FakeClock() });
  t.teardown(() => xfr.stop());
  xfr.start();
  const keyA = parseName('a.test.', null).key;
  const keyB = parseName('b.test.', null).key;
  const before = xfr.zone(keyA);
  const second = loadConfigText('nsd.conf', conf([...a, ...b]), source).config;
  reg.setZones(second.zones);
  xfr.reconfigure(second);
  t.equal(xfr.zone(keyA), before, 'a.test unchanged: the same transfer side');
  t.ok(xfr.zone(keyB)?.secondary, 'b.test is a new secondary');
  await until(() => requester.sent.length > 0);
  t.same(requester.sent.map((s) => s.to.address), ['192.0.2.1'], 'and asks its primary at once');
  const bSide = xfr.zone(keyB);
  const third = loadConfigText('nsd.conf', conf([...b]), source).config;
  reg.setZones(third.zones);
  xfr.reconfigure(third);
  t.equal(xfr.zone(keyA), undefined, 'a.test removed');
  t.equal(xfr.zone(keyB), bSide, 'b.test kept as it was');
});
