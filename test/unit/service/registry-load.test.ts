// The registry at load and swap: the DNSSEC view is built before a snapshot is served; a secondary without zonefile.
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { rrsigsOver } from '../../../src/dnssec/rrsigs.js';
import { ZoneRegistry } from '../../../src/service/index.js';
import { parseName, TYPE } from '../../../src/wire/index.js';
import type { ZoneContents } from '../../../src/zone/index.js';
import { zoneOf } from '../xfr/support.js';

const source: ConfigSource = { read: () => '', glob: () => [] };
// A zone that counts as signed for serving (an RRSIG over the apex DNSKEY); the signatures are not checked.
const SIG = (covered: string) => `@ 300 IN RRSIG ${covered} 8 2 300 20300101000000 20200101000000 12345 example.com. AAAA`;
const signed = (serial: number) => ['$ORIGIN example.com.', `@ 300 IN SOA ns1 hm ${serial} 1 2 3 4`, '@ 300 IN NS ns1', 'ns1 300 IN A 192.0.2.1',
  '@ 300 IN DNSKEY 257 3 8 AwEAAQ==', SIG('DNSKEY'), SIG('SOA'), ''].join('\n');
const soaSigs = (z: ZoneContents | undefined) => (z === undefined ? undefined : rrsigsOver(z.soa));

function logged() {
  const lines: Record<string, unknown>[] = [];
  return { log: pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) }), lines };
}

t.test('a signed zone is served with its DNSSEC view already built: at load and when a transfer swaps it in', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdns-registry-dnssec-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'example.com.zone'), signed(1));
  const conf = `server:\n    zonesdir: "${dir}"\nzone:\n    name: example.com\n    zonefile: example.com.zone\n`;
  const reg = new ZoneRegistry(loadConfigText('nsd.conf', conf, source).config.zones, logged().log);
  reg.loadAll();
  const key = parseName('example.com.', null).key;
  const loaded = reg.contentsOf(key);
  t.equal(loaded?.serial, 1);
  t.match(soaSigs(loaded), { rdatas: [Uint8Array] }, 'RRSIGs linked by the load, before any DO=1 query');
  const next = zoneOf(signed(2));
  t.equal(soaSigs(next), undefined, 'a fresh snapshot has no view yet');
  reg.setContents(key, next);
  t.match(soaSigs(reg.contentsOf(key)), { rdatas: [Uint8Array] }, 'built by the swap');
  t.equal(rrsigsOver(next.apex.get(TYPE.NS)!), undefined, 'an RRset without a covering RRSIG has none');
});

t.test('a secondary without zonefile lives in memory: not reported unserved, served once transferred', async (t) => {
  const conf = 'zone:\n    name: example.com\n    request-xfr: 192.0.2.1 NOKEY\n';
  const { log, lines } = logged();
  const reg = new ZoneRegistry(loadConfigText('nsd.conf', conf, source).config.zones, log);
  reg.loadAll();
  const key = parseName('example.com.', null).key;
  t.match(lines, [{ level: 30, zone: 'example.com', msg: /kept in memory only and served after the first transfer/ }]);
  t.notOk(lines.some((l) => /not served/.test(String(l.msg))), 'not called unserved');
  t.same(reg.status()[0].lastErrors, [], 'no load error to report');
  t.ok(reg.served().unloaded.has(key), 'nothing to serve yet (SERVFAIL until the first transfer)');
  reg.setContents(key, zoneOf(signed(5)));
  t.equal(reg.served().db.get(parseName('example.com.', null))?.serial, 5, 'served after the transfer');
  t.same(reg.reload(), { reloaded: 0, failed: 0, unchanged: 1 }, 'a reload has no file to read and keeps it');
  t.equal(reg.served().db.get(parseName('example.com.', null))?.serial, 5);
});
