// tcp-reject-overflow against the real daemons: a connection past tcp-count waits for a slot (no) or is closed at once (yes); tsdns beside NSD.
import t from 'tap';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { TcpFramer } from '../../src/server/index.js';
import { freePort } from '../support/net.js';
import { NSD_NO_CONTROL, nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const ZONE = `$ORIGIN ovf.test.
$TTL 300
@ IN SOA ns hostmaster 1 3600 900 604800 300
@ IN NS ns
ns IN A 192.0.2.53
www IN A 192.0.2.80
`;
const COUNT = 2;

const framed = (id: number) => {
  const m = dnsPacket.encode({ type: 'query', id, questions: [{ name: 'www.ovf.test', type: 'A' }] });
  return Buffer.concat([Buffer.from([m.length >> 8, m.length & 0xff]), m]);
};

interface Client {
  readonly sock: net.Socket;
  answers: number;
  closed: boolean;
}

function connect(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c: Client = { sock: net.connect({ host: '127.0.0.1', port }, () => resolve(c)), answers: 0, closed: false };
    const framer = new TcpFramer();
    c.sock.on('data', (d: Buffer) => {
      framer.push(d);
      while (framer.next() !== null) c.answers++;
    });
    c.sock.on('close', () => (c.closed = true));
    c.sock.on('error', () => undefined);
    c.sock.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const state = (c: Client) => (c.answers > 0 ? 'answered' : c.closed ? 'closed' : 'waiting');

/**
 * Fills tcp-count with connections that keep asking (so NSD's 200 ms timeout for a busy server does not
 * free them), then asks on one more: what happens to it while they hold, and after one of them goes.
 */
async function probe(port: number): Promise<{ whileFull: string; afterFree: string; holders: string }> {
  const holders: Client[] = [];
  for (let i = 0; i < COUNT; i++) holders.push(await connect(port));
  let id = 1;
  const busy = setInterval(() => holders.forEach((h) => !h.closed && h.sock.write(framed(++id & 0xffff))), 50);
  try {
    await sleep(300);
    const extra = await connect(port);
    extra.sock.write(framed(7));
    await sleep(800);
    const whileFull = state(extra);
    holders[0].sock.destroy();
    await sleep(1000);
    const afterFree = state(extra);
    const stillServed = holders[1].answers > 0 && !holders[1].closed ? 'held and answered' : 'lost';
    extra.sock.destroy();
    return { whileFull, afterFree, holders: stillServed };
  } finally {
    clearInterval(busy);
    for (const h of holders) h.sock.destroy();
  }
}

const servers: [string, (conf: string, port: number) => Promise<RunningServer>][] = [
  ['nsd', (conf, port) => startNsd(conf, port, 'ovf.test')],
  ['tsdns', (conf, port) => startTsdns(conf, port, 'ovf.test')],
];

const results: Record<string, unknown> = {};
for (const reject of ['no', 'yes'] as const) {
  for (const [label, start] of servers) {
    t.test(`${label}, tcp-reject-overflow: ${reject}`, { timeout: 60000 }, async (t) => {
      const dir = tempDir(`tsdns-ovf-${label}-`);
      fs.writeFileSync(path.join(dir, 'ovf.test.zone'), ZONE);
      const conf = path.join(dir, 'nsd.conf');
      fs.writeFileSync(conf, [
        'server:', '    ip-address: 127.0.0.1', `    zonesdir: "${dir}"`, '    verbosity: 2', '    rrl-ratelimit: 0',
        `    tcp-count: ${COUNT}`, '    tcp-timeout: 5', `    tcp-reject-overflow: ${reject}`, nsdRuntimeOptions(dir),
        NSD_NO_CONTROL, 'zone:', '    name: ovf.test', '    zonefile: ovf.test.zone', '',
      ].join('\n'));
      const port = await freePort();
      const server = await start(conf, port);
      t.teardown(() => server.stop());
      const r = await probe(port);
      t.comment(`${label} (${reject}): ${JSON.stringify(r)}`);
      results[`${label}-${reject}`] = r;
      t.equal(r.holders, 'held and answered', 'the connections holding the slots are served throughout');
      if (reject === 'no') {
        t.equal(r.whileFull, 'waiting', 'past tcp-count the connection waits: not closed, not answered');
        t.equal(r.afterFree, 'answered', 'its query is answered once a slot frees');
      } else {
        t.equal(r.whileFull, 'closed', 'past tcp-count the connection is closed at once');
      }
      if (label === 'tsdns' && reject === 'yes') {
        // Logged at verbosity 2 (once a second per kind at most) with the count and an example source.
        await sleep(1200);
        const log = fs.readFileSync(path.join(dir, 'nsd.log'), 'utf8');
        t.match(log, /TCP connections closed: tcp-count reached: 1, e\.g\. from 127\.0\.0\.1/, 'the rejection is logged');
      }
      t.ok(server.proc.exitCode === null, 'still running');
    });
  }
}

t.test('tsdns matches NSD', async (t) => {
  t.comment(JSON.stringify(results));
  for (const reject of ['no', 'yes']) t.same(results[`tsdns-${reject}`], results[`nsd-${reject}`], `tcp-reject-overflow: ${reject}`);
});
