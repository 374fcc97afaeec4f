// The transfer scenario every primary/secondary pair goes through: AXFR, NOTIFY + IXFR, wrong key, outages, expire.
import fs from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { freePort } from './net.js';
import { tempDir } from './servers.js';
import { axfrRecords, soaOf, tsdnsLogLines, unsignedAxfrRcode, waitFor, waitForSerial } from './xfr-checks.js';
import { newKey, Peer, type PeerKind, startBoth } from './xfr-peers.js';

export const ZONE = 'xfr.example';

/** SOA timers small enough for the test: refresh 3 s, retry 1 s, expire 20 s (longer than the outages before the expire step). */
const TIMERS = { refresh: 3, retry: 1, expire: 20 };

/**
 * The zone at `serial`: version 2 changes an address, adds a name and removes one; version 3 adds a
 * record, changes an MX and changes a TTL (a removal and an addition in IXFR terms).
 */
export function scenarioZone(serial: number, timers = TIMERS): string {
  const lines = [
    `$ORIGIN ${ZONE}.`, '$TTL 300',
    `@ SOA ns1 hostmaster ${serial} ${timers.refresh} ${timers.retry} ${timers.expire} 60`,
    '@ NS ns1', 'ns1 A 127.0.0.1', 'www AAAA 2001:db8::1', 'mail A 192.0.2.25',
    '_sip._tcp SRV 0 5 5060 www', 'sub NS ns.sub', 'ns.sub A 192.0.2.53', 'multi TXT "one"', 'multi TXT "two"', 'multi TXT "three"',
    serial >= 2 ? 'www A 192.0.2.2' : 'www A 192.0.2.1',
    serial >= 3 ? '@ MX 20 mail' : '@ MX 10 mail',
    serial >= 3 ? 'alias 600 CNAME www' : 'alias 3600 CNAME www',
  ];
  if (serial < 2) lines.push('old TXT "removed in version 2"');
  if (serial >= 2) lines.push('new2 A 10.0.0.2');
  if (serial >= 3) lines.push('new3 AAAA 2001:db8::3');
  return lines.join('\n') + '\n';
}

/** The AXFRs of primary (signed) and secondary agree record for record. */
async function sameContents(t: Test, primary: Peer, secondary: Peer, key: ReturnType<typeof newKey>, serial: number): Promise<void> {
  const p = await axfrRecords(primary.spec.port, ZONE, key);
  const s = await axfrRecords(secondary.spec.port, ZONE);
  t.ok(p && p.length > 10, `the primary's AXFR of serial ${serial}`);
  t.same(s, p, `the secondary holds exactly the primary's records at serial ${serial}`);
}

/** Did the secondary ask IXFR for `serial`? Seen in whichever of the two is tsdns. */
function askedIxfr(primary: Peer, secondary: Peer, serial: number): boolean {
  if (primary.spec.kind === 'tsdns') return tsdnsLogLines(primary.output(), { kind: 'ixfr', answer: 'incremental', serial }).length > 0;
  return tsdnsLogLines(secondary.output(), { kind: 'ixfr', serial, msg: /received/ }).length > 0;
}

/**
 * The wrong key refused, seen from the tsdns side: the transfer request (the primary answers BADSIG,
 * the secondary does not take the answer) and the NOTIFY the primary sends when it starts (the
 * secondary answers NOTAUTH).
 */
function wrongKeySeen(primary: Peer, secondary: Peer): { request: boolean; notify: boolean } {
  if (primary.spec.kind === 'tsdns') {
    const log = primary.output();
    return { request: tsdnsLogLines(log, { msg: /^TSIG failed/ }).length > 0, notify: tsdnsLogLines(log, { msg: /^notify for .* refused: answered NOTAUTH/ }).length > 0 };
  }
  const log = secondary.output();
  return { request: tsdnsLogLines(log, { msg: /failed: TSIG/ }).length > 0, notify: tsdnsLogLines(log, { msg: /^TSIG failed/ }).length > 0 };
}

/**
 * Runs the whole scenario for one pair, every step bounded in time, both servers stopped at the end.
 * Exactly one of the two is tsdns (or both).
 */
export async function transferScenario(t: Test, primaryKind: PeerKind, secondaryKind: PeerKind): Promise<void> {
  const dir = tempDir(`tsdns-xfr-${primaryKind}-${secondaryKind}-`);
  const pport = await freePort();
  let sport = await freePort();
  while (sport === pport) sport = await freePort();
  const key = newKey();
  const wrong = { name: key.name, secret: newKey().secret };
  const P = new Peer({ kind: primaryKind, role: 'primary', dir: path.join(dir, 'primary'), port: pport, zone: ZONE, peerPort: sport });
  const S = new Peer({ kind: secondaryKind, role: 'secondary', dir: path.join(dir, 'secondary'), port: sport, zone: ZONE, peerPort: pport });
  t.teardown(async () => {
    await Promise.all([P.stop(), S.stop()]);
    if (t.passing()) fs.rmSync(dir, { recursive: true, force: true });
    else t.comment(`primary output:\n${P.output().slice(-6000)}\nsecondary output:\n${S.output().slice(-6000)}`);
  });
  P.writeZone(scenarioZone(1));
  await startBoth(P, S, key);

  await t.test('initial AXFR with TSIG', async (t) => {
    await waitForSerial(sport, ZONE, 1, 20000);
    await sameContents(t, P, S, key, 1);
  });

  await t.test('the primary refuses an AXFR without the key', async (t) => {
    t.match(await unsignedAxfrRcode(pport, ZONE), /^(REFUSED|NOTAUTH)$/);
  });

  await t.test('a change on the primary: NOTIFY, then IXFR', async (t) => {
    P.writeZone(scenarioZone(2));
    P.reload();
    await waitForSerial(sport, ZONE, 2, 15000);
    t.ok(askedIxfr(P, S, 2), 'the secondary asked IXFR and got the difference');
    await sameContents(t, P, S, key, 2);
  });

  await t.test('a primary with the wrong key: refused both ways, the old copy still served', async (t) => {
    await P.stop();
    P.writeZone(scenarioZone(3));
    await P.start(wrong);
    await waitFor('the transfer request refused', () => wrongKeySeen(P, S).request, 15000);
    await waitFor('the NOTIFY refused', () => wrongKeySeen(P, S).notify, 5000).catch(() => undefined);
    t.ok(wrongKeySeen(P, S).notify, 'the NOTIFY signed with the wrong key is refused');
    t.same(await soaOf(sport, ZONE), { status: 'NOERROR', serial: 2 }, 'the secondary still serves serial 2');
    await P.stop();
  });

  await t.test('the primary down: the secondary serves, also after its own restart', async (t) => {
    t.same(await soaOf(sport, ZONE), { status: 'NOERROR', serial: 2 }, 'served while the primary is down');
    await S.stop();
    await S.start(key);
    t.same(await soaOf(sport, ZONE), { status: 'NOERROR', serial: 2 }, 'the saved copy served after a restart');
  });

  await t.test('the primary back with the right key: the secondary catches up', async (t) => {
    await P.start(key);
    await waitForSerial(sport, ZONE, 3, 30000);
    await sameContents(t, P, S, key, 3);
  });

  await t.test('the primary gone past the expire time: SERVFAIL', async (t) => {
    await P.stop();
    await waitFor('SERVFAIL after expire', async () => (await soaOf(sport, ZONE)).status === 'SERVFAIL', (TIMERS.expire + 15) * 1000, 500);
    t.pass('the expired zone answers SERVFAIL');
  });
}
