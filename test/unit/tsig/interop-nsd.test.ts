// Interop with NSD 4 on loopback: tsdns as requester of a TSIG-signed primary, and as a signing primary of NSD.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { decodeMessage, RCODE, TYPE } from '../../../src/wire/index.js';
import { findTsig, signRequest, TsigKeyring, TsigResponseVerifier, verifyRequest, verifyResponse } from '../../../src/tsig/index.js';
import { freePort, udpExchange } from '../../support/net.js';
import { nsdRuntimeOptions, startNsd, tempDir } from '../../support/servers.js';
import { axfrMessages, key, OTHER_SECRET, query, respond, rr, SECRET, tcpAxfr, tcpListener, udpListener } from './support.js';

const now = (): number => Date.now() / 1000;
const K = key('hmac-sha256', 'tsig-key.example.');
const HOSTS = 3000;

function nsdConf(dir: string, zone: string): string {
  const conf = [
    'server:',
    '    ip-address: 127.0.0.1',
    `    zonesdir: "${dir}"`,
    '    verbosity: 2',
    nsdRuntimeOptions(dir),
    // Debian's NSD opens its control port (8952) unless told not to; another NSD may hold it.
    'remote-control:',
    '    control-enable: no',
    'key:',
    '    name: tsig-key.example',
    '    algorithm: hmac-sha256',
    `    secret: "${SECRET}"`,
    'zone:',
    '    name: example.com',
    '    zonefile: example.com.zone',
    zone,
  ].join('\n');
  const file = path.join(dir, 'nsd.conf');
  fs.writeFileSync(file, `${conf}\n`);
  return file;
}

t.test('NSD as a signing primary: tsdns verifies its answers, its errors and every message of its AXFR', async (t) => {
  const dir = tempDir('tsdns-tsig-nsd-');
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 admin 1 7200 3600 1209600 3600', '@ NS ns1', 'ns1 A 192.0.2.1'];
  for (let i = 0; i < HOSTS; i++) lines.push(`h${i} A 198.51.${i >> 8}.${i & 255}`);
  fs.writeFileSync(path.join(dir, 'example.com.zone'), `${lines.join('\n')}\n`);
  const port = await freePort();
  const nsd = await startNsd(nsdConf(dir, '    provide-xfr: 127.0.0.1 tsig-key.example'), port, 'example.com.');
  t.teardown(async () => {
    await nsd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const req = signRequest(query('example.com.', TYPE.SOA, 0x2222), K, now);
  const resp = await udpExchange('127.0.0.1', port, req.message);
  t.ok(resp, 'NSD answered');
  t.same(verifyResponse(new Uint8Array(resp!), req, now), { ok: true, signed: true }, 'signed SOA answer verifies');

  const wrong = signRequest(query(), key('hmac-sha256', 'tsig-key.example.', OTHER_SECRET), now);
  const bad = new Uint8Array((await udpExchange('127.0.0.1', port, wrong.message))!);
  t.equal(decodeMessage(bad).header.rcode, RCODE.NOTAUTH);
  t.match(verifyResponse(bad, wrong, now), { ok: false, code: 'BADSIG', fromServer: true }, "NSD's BADSIG seen as such");
  const stranger = signRequest(query(), key('hmac-sha256', 'nobody.example.'), now);
  const badkey = new Uint8Array((await udpExchange('127.0.0.1', port, stranger.message))!);
  t.match(verifyResponse(badkey, stranger, now), { ok: false, code: 'BADKEY', fromServer: true }, "NSD's BADKEY seen as such");

  const axfrReq = signRequest(query('example.com.', TYPE.AXFR, 0x3333), K, now);
  const msgs = await tcpAxfr(port, axfrReq.message);
  t.ok(msgs.length >= 3, `${msgs.length} messages`);
  const v = new TsigResponseVerifier(axfrReq, now);
  const steps = msgs.map((m) => v.verify(m));
  t.ok(steps.every((s) => s.ok), 'every message accepted');
  t.same(v.finish(), { ok: true, signed: true });
  const records = msgs.reduce((sum, m) => sum + decodeMessage(m).answers.length, 0);
  t.equal(records, HOSTS + 4, 'SOA, NS, A, the hosts and SOA again');

  const tampered = msgs.map((m) => m.slice());
  const mid = Math.floor(msgs.length / 2);
  const at = findTsig(tampered[mid]);
  if (at.kind !== 'found') throw new Error('NSD left a message unsigned');
  tampered[mid][at.offset - 1] ^= 1; // the last address octet of the message's last A record
  const v2 = new TsigResponseVerifier(axfrReq, now);
  const codes = tampered.map((m) => { const r = v2.verify(m); return r.ok ? 'ok' : r.code; });
  t.equal(codes[mid - 1], 'ok');
  t.equal(codes[mid], 'BADSIG', `message ${mid + 1} changed`);
});

t.test('NSD as a secondary: it pulls an AXFR signed by TsigStreamSigner, and refuses a tampered one', async (t) => {
  for (const tamper of [false, true]) {
    const dir = tempDir('tsdns-tsig-nsd2-');
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
    const ring = new TsigKeyring([K]);
    const soa = rr('example.com.', 'SOA', 'ns1.example.com. admin.example.com. 7 7200 3600 1209600 3600');
    const zone = [soa, rr('example.com.', 'NS', 'ns1.example.com.'), rr('ns1.example.com.', 'A', '192.0.2.1')];
    for (let i = 0; i < 60; i++) zone.push(rr(`h${i}.example.com.`, 'A', `198.51.100.${i}`));
    zone.push(soa);
    const seen = { axfr: 0, verified: 0 };
    const tcp = await tcpListener((req) => {
      seen.axfr++;
      if (verifyRequest(req, ring, now)?.ok) seen.verified++;
      const msgs = axfrMessages(req, ring, now, zone, 7);
      const at = findTsig(msgs[4]);
      if (tamper && at.kind === 'found') msgs[4][at.offset - 1] ^= 1; // message 5's last address octet
      return msgs;
    });
    const udp = await udpListener((req) => respond(req, ring, now, () => [soa]), tcp.port);
    const nsdPort = await freePort();
    const conf = nsdConf(dir, `    request-xfr: AXFR 127.0.0.1@${tcp.port} tsig-key.example\n    allow-notify: 127.0.0.1 tsig-key.example`);
    const nsd = await startNsd(conf, nsdPort, 'example.com.');
    try {
      const probe = query('h59.example.com.', TYPE.A, 0x4444);
      let answered = false;
      const deadline = Date.now() + (tamper ? 4000 : 15000);
      while (!answered && Date.now() < deadline) {
        const r = await udpExchange('127.0.0.1', nsdPort, probe, 500);
        answered = r !== null && decodeMessage(new Uint8Array(r)).answers.length === 1;
        if (!answered) await new Promise((res) => setTimeout(res, 200));
      }
      t.ok(seen.axfr >= 1 && seen.verified === seen.axfr, `${tamper ? 'tampered' : 'clean'}: NSD's AXFR request verified (${seen.verified}/${seen.axfr})`);
      if (tamper) {
        t.notOk(answered, 'the tampered transfer is not served');
        t.match(fs.readFileSync(path.join(dir, 'nsd.log'), 'utf8'), /bad tsig signature/, 'NSD logged the bad signature');
      } else {
        t.ok(answered, 'NSD serves the transferred zone');
      }
    } finally {
      await nsd.stop();
      await tcp.close();
      await udp.close();
    }
  }
});
