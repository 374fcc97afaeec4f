// A tsdns secondary against a misbehaving primary: each bad transfer is logged and refused, the old copy keeps serving.
import t from 'tap';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ctl, dig } from '../support/control.js';
import {
  type Ask, createTsigKey, FakePrimary, fullAnswer, messagesOf, type Wire, zoneOf, zoneTextOf,
} from '../support/fake-primary.js';
import { freePort, udpExchange } from '../support/net.js';
import { startTsdns, tempDir, type RunningServer } from '../support/servers.js';
import { nameToText, parseName } from '../../src/wire/index.js';
import { axfrRecords, buildNotify, TYPE_IXFR } from '../../src/xfr/index.js';

t.setTimeout(120000);

const KEY = { name: 'xfr.key', secret: crypto.randomBytes(32).toString('base64') };
/** The secondary's tcp-timeout: the longest wait for each message of a transfer (NSD's xfrd uses tcp-timeout too). */
const TCP_TIMEOUT = 2;
const SIZE_LIMIT = 4000;

/** The zone at `serial` as the fake primary serves it. */
const zoneAt = (zone: string, serial: number, extra: readonly string[] = []) => zoneOf(zone, zoneTextOf(zone, serial, extra));

function good(serial: number): (ask: Ask, w: Wire) => void {
  return (ask, w) => {
    for (const m of fullAnswer(ask, zoneAt(ask.zone, serial))) w.send(m);
  };
}

interface Scenario {
  readonly name: string;
  readonly zone: 'bad.test' | 'signed.test';
  readonly trigger: 'transfer' | 'force_transfer' | 'notify';
  /** The bad answer for the next serial, given the serial the secondary holds. */
  bad(next: number, held: number): (ask: Ask, w: Wire) => void;
  /** The reason the log line must give. */
  readonly reason: RegExp;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'garbage octets after a valid first message',
    zone: 'bad.test', trigger: 'transfer', reason: /closed the connection before the end of the transfer/,
    bad: (next) => (ask, w) => {
      w.send(fullAnswer(ask, zoneAt(ask.zone, next))[0]);
      w.raw(Buffer.alloc(100, 0xee)); // read as a length of 61166 and part of a message that never ends
      w.end();
    },
  },
  {
    name: 'a message that does not parse',
    zone: 'bad.test', trigger: 'transfer', reason: /message 2 does not decode/,
    bad: (next) => (ask, w) => {
      const msgs = fullAnswer(ask, zoneAt(ask.zone, next));
      const broken = msgs[1].slice();
      broken[7] += 50; // ANCOUNT: 50 more records than the message holds
      w.send(msgs[0]);
      w.send(broken);
    },
  },
  {
    name: 'a primary that stalls after the first message',
    zone: 'bad.test', trigger: 'transfer', reason: new RegExp(`no answer from 127\\.0\\.0\\.1@\\d+ within ${TCP_TIMEOUT * 1000} ms`),
    bad: (next) => (ask, w) => w.send(fullAnswer(ask, zoneAt(ask.zone, next))[0]),
  },
  {
    name: 'a connection closed mid-transfer',
    zone: 'bad.test', trigger: 'force_transfer', reason: /closed the connection before the end of the transfer/,
    bad: (next) => (ask, w) => {
      w.send(fullAnswer(ask, zoneAt(ask.zone, next))[0]);
      w.end();
    },
  },
  {
    name: 'an AXFR without its closing SOA',
    zone: 'bad.test', trigger: 'transfer', reason: /closed the connection before the end of the transfer/,
    bad: (next) => (ask, w) => {
      for (const m of messagesOf(ask, [...axfrRecords(zoneAt(ask.zone, next))].slice(0, -1))) w.send(m);
      w.end();
    },
  },
  {
    name: 'an IXFR whose differences do not apply',
    zone: 'bad.test', trigger: 'transfer', reason: /removes a record the zone does not hold \(nothere\.bad\.test\./,
    bad: (next, held) => (ask, w) => {
      if (ask.qtype !== TYPE_IXFR) return w.end();
      const old = zoneAt(ask.zone, held, ['nothere A 10.9.9.9']);
      const neu = zoneAt(ask.zone, next);
      const soa = (z: typeof neu) => [...axfrRecords(z)][0];
      const missing = [...axfrRecords(old)].find((r) => nameToText(r.owner).startsWith('nothere.'));
      if (!missing) throw new Error('test zone without nothere');
      const www = [...axfrRecords(neu)].find((r) => nameToText(r.owner).startsWith('www.'));
      if (!www) throw new Error('test zone without www');
      // RFC 1995 4: new SOA, (old SOA, removed, new SOA, added), new SOA; "nothere" is not in the secondary's copy.
      for (const m of messagesOf(ask, [soa(neu), soa(old), missing, soa(neu), www, soa(neu)])) w.send(m);
    },
  },
  {
    name: 'a transfer larger than size-limit-xfr',
    zone: 'bad.test', trigger: 'notify', reason: new RegExp(`exceeds size-limit-xfr \\(${SIZE_LIMIT}\\)`),
    bad: (next) => (ask, w) => {
      const big = Array.from({ length: 200 }, (_, i) => `t${i} TXT "${'x'.repeat(100)}"`);
      for (const m of fullAnswer(ask, zoneAt(ask.zone, next, big))) w.send(m);
    },
  },
  {
    name: 'a message with a bad TSIG',
    zone: 'signed.test', trigger: 'transfer', reason: /TSIG: /,
    bad: (next) => (ask, w) => {
      const msgs = fullAnswer(ask, zoneAt(ask.zone, next));
      const forged = msgs[1].slice();
      forged[forged.length - 10] ^= 0xff; // inside the MAC
      msgs[1] = forged;
      for (const m of msgs) w.send(m);
    },
  },
];

function secondaryConf(dir: string, primaryPort: number): string {
  const zone = (name: string, key: string, extra: string[] = []) => [
    'zone:', `    name: ${name}`, `    zonefile: ${name}.zone`, `    request-xfr: 127.0.0.1@${primaryPort} ${key}`,
    '    allow-notify: 127.0.0.1 NOKEY', '    allow-axfr-fallback: no', ...extra,
  ];
  return [
    'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, '    pidfile: ""', `    xfrdfile: "${dir}/xfrd.state"`,
    `    zonelistfile: "${dir}/zone.list"`, '    username: ""', `    tcp-timeout: ${TCP_TIMEOUT}`,
    'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/ctl.sock"`,
    'key:', `    name: ${KEY.name}`, '    algorithm: hmac-sha256', `    secret: "${KEY.secret}"`,
    ...zone('bad.test', 'NOKEY', [`    size-limit-xfr: ${SIZE_LIMIT}`]),
    ...zone('signed.test', KEY.name), '',
  ].join('\n');
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

t.test('a misbehaving primary never replaces the copy served', async (t) => {
  const dir = tempDir('tsdns-xfr-bad-');
  const [pport, sport] = [await freePort(), await freePort()];
  const primary = new FakePrimary([createTsigKey(`${KEY.name}.`, 'hmac-sha256', KEY.secret)]);
  const held: Record<string, number> = { 'bad.test': 1, 'signed.test': 1 };
  primary.behaviour = (ask, w) => good(held[ask.zone])(ask, w);
  await primary.listen(pport);
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, secondaryConf(dir, pport));
  let secondary: RunningServer | null = null;
  t.teardown(async () => {
    await secondary?.stop();
    await primary.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  secondary = await startTsdns(conf, sport, 'bad.test');
  const s = secondary;
  const serial = async (zone: string) => (await dig(sport, ['+short', zone, 'SOA'])).trim().split(/\s+/)[2];
  await until('the first copies', async () => (await serial('bad.test')) === '1' && (await serial('signed.test')) === '1').catch((e: Error) => {
    throw new Error(`${e.message}\n${primary.errors.join('\n')}\n${s.output()}`);
  });

  const trigger = async (sc: Scenario) => {
    if (sc.trigger === 'notify') {
      const reply = await udpExchange('127.0.0.1', sport, buildNotify(parseName(`${sc.zone}.`, null), 4242, null));
      t.ok(reply, 'the NOTIFY is answered');
    } else {
      t.same(await ctl(conf, [sc.trigger, sc.zone]), { code: 0, out: 'ok\n', err: '' }, `tsdns-control ${sc.trigger}`);
    }
  };

  for (const sc of SCENARIOS) {
    await t.test(sc.name, async (t) => {
      const old = held[sc.zone];
      const asked = primary.asks.length;
      const logged = s.output().length;
      primary.behaviour = sc.bad(old + 1, old);
      await trigger(sc);
      await until('the primary is asked', () => primary.asks.length > asked);
      t.equal(await serial(sc.zone), String(old), 'the old copy answers during the transfer');
      const line = new RegExp(`transfer of ${sc.zone.replace('.', '\\.')} from 127\\.0\\.0\\.1@${pport} failed: .*${sc.reason.source}`);
      await until(`the failure logged (${sc.reason})`, () => line.test(s.output().slice(logged)), TCP_TIMEOUT * 1000 + 10000).catch((e: Error) => {
        throw new Error(`${e.message}\nscripted answer errors: ${primary.errors.join('; ')}\n${s.output().slice(logged)}`);
      });
      t.pass(`logged: ${s.output().slice(logged).split('\n').find((l) => line.test(l))?.slice(0, 300)}`);
      t.equal(await serial(sc.zone), String(old), 'the old copy still answers after the failure');
      t.equal(await serial(sc.zone === 'bad.test' ? 'signed.test' : 'bad.test'), String(held[sc.zone === 'bad.test' ? 'signed.test' : 'bad.test']), 'the other zone is untouched');
      t.equal(s.proc.exitCode, null, 'the daemon is running');

      // A good transfer of the next serial then goes through.
      primary.behaviour = (ask, w) => good(old + 1)(ask, w);
      t.same(await ctl(conf, ['transfer', sc.zone]), { code: 0, out: 'ok\n', err: '' });
      await until(`serial ${old + 1} served`, async () => (await serial(sc.zone)) === String(old + 1));
      held[sc.zone] = old + 1;
      const txt = (await dig(sport, ['+short', `www.${sc.zone}`, 'TXT'])).trim();
      t.equal(txt, `"v${old + 1}"`, 'the new content is served');
    });
  }
  t.equal(s.proc.exitCode, null, 'the daemon ran through every scenario');
  t.same(primary.errors.map((e) => e.message), [], 'every scripted answer was made');
});
