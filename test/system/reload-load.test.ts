// Reload and reconfig under a steady UDP and TCP query load: every query answered, every answer one whole zone version.
import t from 'tap';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { loadConfig } from '../../src/config/index.js';
import { controlTarget, sendCommand } from '../../src/control/index.js';
import { FileConfigSource } from '../../src/service/index.js';
import { writeAtomic, zoneText } from '../support/control.js';
import { freePort } from '../support/net.js';
import { startTsdns, tempDir } from '../support/servers.js';

const DURATION_MS = 8000;
const UDP_LOOPS = 12;
const TCP_LOOPS = 4;

/** Version n: www is a CNAME to vN, whose address encodes n; an answer mixing two versions cannot look right. */
const version = (n: number): string => zoneText('load.test', n, [`www CNAME v${n}`, `v${n} A 192.0.2.${(n % 250) + 1}`]);

interface Tally {
  sent: number;
  answered: number;
  bad: string[];
  versions: Set<number>;
}

/** An answer is good when it is NOERROR and its CNAME and A come from the same zone version. */
function check(buf: Buffer, tally: Tally): void {
  tally.answered++;
  const rcode = buf[3] & 0xf;
  if (rcode !== 0) return void tally.bad.push(`rcode ${rcode}`);
  const m = dnsPacket.decode(buf);
  const cname = m.answers?.find((r) => r.type === 'CNAME') as { data: string } | undefined;
  const a = m.answers?.find((r) => r.type === 'A') as { name: string; data: string } | undefined;
  if (!cname || !a) return void tally.bad.push(`incomplete answer (${m.answers?.length ?? 0} records)`);
  const v = Number(/^v(\d+)\./.exec(cname.data)?.[1]);
  if (a.name !== cname.data || a.data !== `192.0.2.${(v % 250) + 1}`) return void tally.bad.push(`mixed versions: ${cname.data} with ${a.name} ${a.data}`);
  tally.versions.add(v);
}

const query = (id: number): Buffer => dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name: 'www.load.test', type: 'A' }] });

async function udpLoop(port: number, until: number, tally: Tally): Promise<void> {
  const sock = dgram.createSocket('udp4');
  try {
    for (let id = 1; Date.now() < until; id = (id + 1) & 0xffff) {
      tally.sent++;
      const reply = await new Promise<Buffer | null>((resolve) => {
        const timer = setTimeout(() => done(null), 2000);
        const done = (b: Buffer | null): void => {
          clearTimeout(timer);
          sock.off('message', onMsg);
          resolve(b);
        };
        const onMsg = (b: Buffer): void => {
          if (b.readUInt16BE(0) === id) done(b);
        };
        sock.on('message', onMsg);
        sock.send(query(id), port, '127.0.0.1');
      });
      if (reply === null) tally.bad.push('udp: no answer within 2 s');
      else check(reply, tally);
    }
  } finally {
    sock.close();
  }
}

async function tcpLoop(port: number, until: number, tally: Tally): Promise<void> {
  const sock = net.connect({ host: '127.0.0.1', port });
  await new Promise((r, j) => sock.once('connect', r).once('error', j));
  let acc = Buffer.alloc(0);
  let waiting: ((b: Buffer | null) => void) | null = null;
  sock.on('data', (d) => {
    acc = Buffer.concat([acc, d]);
    if (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
      const msg = acc.subarray(2, 2 + acc.readUInt16BE(0));
      acc = acc.subarray(2 + msg.length);
      waiting?.(msg);
    }
  });
  sock.on('close', () => waiting?.(null));
  try {
    for (let id = 1; Date.now() < until; id++) {
      const q = query(id & 0xffff);
      const framed = Buffer.alloc(2 + q.length);
      framed.writeUInt16BE(q.length, 0);
      q.copy(framed, 2);
      tally.sent++;
      const reply = await new Promise<Buffer | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 3000);
        waiting = (b) => {
          clearTimeout(timer);
          resolve(b);
        };
        sock.write(framed);
      });
      if (reply === null) {
        tally.bad.push('tcp: no answer');
        return;
      }
      check(reply, tally);
    }
  } finally {
    sock.destroy();
  }
}

t.test('reload and reconfig under load lose nothing and never mix versions', async (t) => {
  const dir = tempDir('tsdns-reload-load-');
  const port = await freePort();
  const zoneFile = path.join(dir, 'load.test.zone');
  writeAtomic(zoneFile, version(1));
  fs.writeFileSync(path.join(dir, 'extra.test.zone'), zoneText('extra.test', 1));
  const confText = (extra: boolean): string => [
    'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, `    pidfile: "${dir}/tsdns.pid"`, `    zonelistfile: "${dir}/zone.list"`,
    '    username: ""', '    tcp-timeout: 60', '    rrl-ratelimit: 0',
    'remote-control:', '    control-enable: yes', `    control-interface: "${dir}/ctl.sock"`,
    'zone:', '    name: load.test', '    zonefile: load.test.zone',
    ...(extra ? ['zone:', '    name: extra.test', '    zonefile: extra.test.zone'] : []), '',
  ].join('\n');
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, confText(false));
  const server = await startTsdns(conf, port, 'load.test');
  t.teardown(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const rc = loadConfig(conf, new FileConfigSource()).config.remoteControl;
  const target = controlTarget(rc, null);
  const until = Date.now() + DURATION_MS;
  const tally: Tally = { sent: 0, answered: 0, bad: [], versions: new Set() };
  let reloads = 0;
  let reconfigs = 0;
  const failures: string[] = [];
  const changer = (async () => {
    for (let n = 2; Date.now() < until; n++) {
      writeAtomic(zoneFile, version(n));
      const r = await sendCommand(target, rc, ['reload'], null);
      if (r !== 'ok\n') failures.push(`reload: ${r}`);
      reloads++;
      if (n % 4 === 0) {
        fs.writeFileSync(conf, confText(n % 8 === 0));
        const c = await sendCommand(target, rc, ['reconfig'], null);
        if (!c.endsWith('ok\n')) failures.push(`reconfig: ${c}`);
        reconfigs++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await Promise.all([
    changer,
    ...Array.from({ length: UDP_LOOPS }, () => udpLoop(port, until, tally)),
    ...Array.from({ length: TCP_LOOPS }, () => tcpLoop(port, until, tally)),
  ]);
  t.same(failures, [], 'every reload and reconfig worked');
  t.same(tally.bad.slice(0, 10), [], 'no lost, failed or mixed answer');
  t.equal(tally.answered, tally.sent, `all ${tally.sent} queries answered`);
  t.ok(tally.sent > 1000, `a steady load (${tally.sent} queries)`);
  t.ok(reloads > 20 && reconfigs > 5, `many swaps (${reloads} reloads, ${reconfigs} reconfigs)`);
  t.ok(tally.versions.size > 10, `answers came from ${tally.versions.size} zone versions`);
});
