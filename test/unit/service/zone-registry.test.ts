// Zone loading and SIGHUP reloads: changed files only, broken files keep the old contents, unloaded zones listed.
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { ZoneRegistry } from '../../../src/service/index.js';
import { parseName } from '../../../src/wire/index.js';

const zone = (serial: number, extra = '') => `$ORIGIN example.test.\n$TTL 300\n@ SOA ns hm ${serial} 1 2 3 4\n@ NS ns\nns A 192.0.2.1\n${extra}`;

t.test('load, reload changed, keep old on errors', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-registry-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'example.test.zone');
  fs.writeFileSync(file, zone(1));
  const source: ConfigSource = { read: () => '', glob: () => [] };
  const conf = `server:\n    zonesdir: "${dir}"\nzone:\n    name: example.test\n    zonefile: example.test.zone\nzone:\n    name: missing.test\n    zonefile: missing.zone\n`;
  const { config } = loadConfigText('nsd.conf', conf, source);
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
  const reg = new ZoneRegistry(config.zones, log);
  reg.loadAll();
  const key = parseName('example.test.', null);
  const first = reg.served();
  t.equal(first.db.get(key)?.serial, 1);
  t.same([...first.unloaded], [parseName('missing.test.', null).key]);
  t.equal(first.configured.size, 2);
  t.match(lines, [{ msg: 'zone loaded', zone: 'example.test', serial: 1, records: 3 }]);
  t.same(reg.reload(), { reloaded: 0, failed: 0, unchanged: 2 }, 'nothing changed');
  t.equal(reg.served(), first, 'the same served object when nothing changed');
  fs.writeFileSync(file, zone(2, 'www A 192.0.2.2\n'));
  t.same(reg.reload(), { reloaded: 1, failed: 0, unchanged: 1 });
  t.equal(reg.served().db.get(key)?.serial, 2);
  t.not(reg.served(), first, 'a new served object');
  fs.writeFileSync(file, zone(3, 'www A 192.0.2.256\n'));
  t.same(reg.reload(), { reloaded: 0, failed: 1, unchanged: 1 });
  t.equal(reg.served().db.get(key)?.serial, 2, 'the old contents stay');
  t.match(lines.at(-1), { msg: 'zone not reloaded: the previous contents stay served', errors: 1 });
  t.ok(lines.some((l) => l.level === 50 && /example\.test\.zone:6:/.test(String(l.msg))), 'the error with file:line');
});
