// A 100,000-record zone transferred both ways with TSIG: tsdns primary to NSD secondary and NSD primary to tsdns secondary, compared record for record.
import fs from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { freePort } from '../support/net.js';
import { tempDir } from '../support/servers.js';
import { axfrRecords, waitForSerial } from '../support/xfr-checks.js';
import { newKey, Peer, peerInstalled, type PeerKind, startBoth } from '../support/xfr-peers.js';
import { requireTool } from '../support/tools.js';

const ZONE = 'big.example';
const RECORDS = 100000;

/** About 100,000 records of several types, some names with several RRsets, long TXT strings and deep names. */
function bigZone(serial: number): string {
  const lines = [`$ORIGIN ${ZONE}.`, '$TTL 3600', `@ SOA ns1 hostmaster ${serial} 3600 600 864000 300`, '@ NS ns1', 'ns1 A 127.0.0.1'];
  let n = 3;
  for (let i = 0; n < RECORDS; i++) {
    const a = `${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    lines.push(`h${i} A 10.${a}`);
    n++;
    if (i % 4 === 0) lines.push(`h${i} AAAA 2001:db8::${(i & 0xffff).toString(16)}`), n++;
    if (i % 10 === 0) lines.push(`h${i} TXT "record ${i} ${'x'.repeat(i % 200)}"`), n++;
    if (i % 50 === 0) lines.push(`mx.h${i}.sub${i % 7} MX ${i % 100} h${i}`), n++;
  }
  return lines.join('\n') + '\n';
}

async function pair(t: Test, primary: PeerKind, secondary: PeerKind): Promise<void> {
  const dir = tempDir(`tsdns-xfr-large-${primary}-${secondary}-`);
  const pport = await freePort();
  let sport = await freePort();
  while (sport === pport) sport = await freePort();
  const key = newKey();
  const P = new Peer({ kind: primary, role: 'primary', dir: path.join(dir, 'primary'), port: pport, zone: ZONE, peerPort: sport });
  const S = new Peer({ kind: secondary, role: 'secondary', dir: path.join(dir, 'secondary'), port: sport, zone: ZONE, peerPort: pport });
  t.teardown(async () => {
    await Promise.all([P.stop(), S.stop()]);
    if (t.passing()) fs.rmSync(dir, { recursive: true, force: true });
    else t.comment(`primary:\n${P.output().slice(-4000)}\nsecondary:\n${S.output().slice(-4000)}`);
  });
  P.writeZone(bigZone(1));
  await startBoth(P, S, key);
  await waitForSerial(sport, ZONE, 1, 60000);
  const p = await axfrRecords(pport, ZONE, key);
  const s = await axfrRecords(sport, ZONE);
  t.ok(p !== null && p.length >= RECORDS - 1, `the primary's AXFR holds ${p?.length} records`);
  t.equal(s?.length, p?.length, 'as many records on the secondary');
  const diff = (p ?? []).filter((r, i) => s?.[i] !== r).slice(0, 5);
  t.same(diff, [], 'the same records, record for record');
}

t.setTimeout(240000);
if (requireTool(t, peerInstalled('nsd'), 'nsd', 'nsd')) {
  await t.test('tsdns primary to NSD secondary', (t) => pair(t, 'tsdns', 'nsd'));
  await t.test('NSD primary to tsdns secondary', (t) => pair(t, 'nsd', 'tsdns'));
}
