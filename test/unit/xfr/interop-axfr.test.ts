// Interop without a daemon: AXFR and IXFR messages from xfr/ served by a tiny TCP listener, pulled with dig and kdig.
import { execFile } from 'node:child_process';
import net from 'node:net';
import t, { type Test } from 'tap';
import { createTsigKey, TsigKeyring, TsigStreamSigner, verifyRequest } from '../../../src/tsig/index.js';
import { decodeMessage, parseName, type ResourceRecord } from '../../../src/wire/index.js';
import {
  axfrMessages, computeDiff, ixfrClientSerial, ixfrMessages, Journal, type MessageSigner, soaSerial, TYPE_IXFR, xfrRequestOf,
} from '../../../src/xfr/index.js';
import { MemoryZoneSource, parseZone } from '../../../src/zonefile/index.js';
import { rrText, sortedTexts, zoneOf } from './support.js';

const SECRET = 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=';
const keyring = new TsigKeyring([createTsigKey('xfr-key.', 'hmac-sha256', SECRET)]);
const now = (): number => Math.floor(Date.now() / 1000);

function zoneFile(count: number): string {
  const lines = [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster 2024050501 7200 3600 1209600 300',
    '@ IN NS ns1', '@ IN NS ns2.example.net.', '@ IN MX 10 mail', '@ IN TXT "v=spf1 -all"', '@ IN CAA 0 issue "letsencrypt.org"',
    'ns1 IN A 192.0.2.1', 'ns1 IN AAAA 2001:db8::1', 'mail IN A 192.0.2.25',
    '_sip._tcp IN SRV 10 60 5060 sip', 'sip IN A 192.0.2.50', '*.wild IN A 192.0.2.99',
    'txt IN TXT "with \\"quotes\\" and spaces" "two strings"', 'alias IN CNAME www',
    'sub IN NS ns.sub', 'ns.sub IN A 192.0.2.53', 'ssh IN SSHFP 1 1 0123456789abcdef0123456789abcdef01234567',
  ];
  for (let i = 0; i < count; i++) lines.push(`host-${i} 300 IN A 10.1.${(i >> 8) & 255}.${i & 255}`, `host-${i} 300 IN TXT "host ${i}"`);
  lines.push('www IN A 192.0.2.80');
  return lines.join('\n') + '\n';
}

const ORIGIN = parseName('example.com.', null);
const zone = zoneOf(zoneFile(3000));
// Two later versions, for IXFR: one host changed, then one removed and one added.
const v2 = zoneOf(zoneFile(3000).replace('2024050501', '2024050502').replace('host-7 300 IN A 10.1.0.7', 'host-7 300 IN A 10.9.9.7'));
const v3 = zoneOf(zoneFile(3000).replace('2024050501', '2024050503').replace('host-7 300 IN A 10.1.0.7', 'host-7 300 IN A 10.9.9.7')
  .replace('host-8 300 IN TXT "host 8"\n', '') + 'extra 300 IN AAAA 2001:db8::99\n');
const journal = new Journal(ORIGIN, undefined, [computeDiff(zone, v2), computeDiff(v2, v3)]);

interface Server {
  port: number;
  requests: number;
  close(): Promise<void>;
}

/** Answers each framed AXFR request on a connection with axfrMessages, signed when the request was. */
async function serve(corruptMac = -1): Promise<Server> {
  const state = { requests: 0 };
  const server = net.createServer((sock) => {
    let acc = Buffer.alloc(0);
    sock.on('error', () => undefined);
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        const req = new Uint8Array(acc.subarray(2, 2 + acc.readUInt16BE(0)));
        acc = acc.subarray(2 + req.length);
        state.requests++;
        void answer(sock, req, corruptMac);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `corruptMac`: flip a bit in the MAC of that message, to show the tools do check. */
async function answer(sock: net.Socket, req: Uint8Array, corruptMac: number): Promise<void> {
  const v = verifyRequest(req, keyring, now);
  if (v && !v.ok) {
    sock.destroy();
    return;
  }
  const signer: MessageSigner | undefined = v ? new TsigStreamSigner(v, now) : undefined;
  const decoded = decodeMessage(req);
  const request = xfrRequestOf(decoded);
  if (!request) return;
  const msgs = request.qtype === TYPE_IXFR
    ? ixfrMessages(v3, journal, ixfrClientSerial(decoded) ?? 0, request, { signer })
    : axfrMessages(zone, request, { signer });
  let i = 0;
  for (const m of msgs) {
    if (i++ === corruptMac) m[m.length - 10] ^= 1; // the MAC ends 6 octets before the end of the TSIG rdata
    const framed = Buffer.alloc(2 + m.length);
    framed.writeUInt16BE(m.length, 0);
    framed.set(m, 2);
    if (!sock.write(framed)) await new Promise((r) => sock.once('drain', r));
  }
}

function run(cmd: string, args: string[]): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 20000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ out: `${stdout}${stderr}`, code: typeof code === 'number' ? code : 1 });
    });
  });
}

/** The records a tool printed, read back with our zone file parser. */
function recordsOf(out: string): ResourceRecord[] {
  const text = out.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')).join('\n') + '\n';
  const problems: string[] = [];
  const rrs = [...parseZone({ file: 'out', origin: ORIGIN, source: new MemoryZoneSource({ out: text }), onProblem: (p) => problems.push(p.message) })].map((p) => p.record);
  if (problems.length > 0) throw new Error(`cannot read the tool's output: ${problems[0]}`);
  return rrs;
}

function check(t: Test, tool: string, rrs: ResourceRecord[]): void {
  t.ok(rrs.length > 6000, `${tool}: ${rrs.length} records`);
  t.equal(rrs[0].type, 6, `${tool}: SOA first`);
  t.equal(rrText(rrs[rrs.length - 1]), rrText(rrs[0]), `${tool}: SOA last`);
  t.same(sortedTexts(rrs.slice(0, -1)), sortedTexts(zone.records()), `${tool}: exactly the zone`);
}

t.test('dig and kdig pull the zone; with TSIG too', async (t) => {
  const s = await serve();
  try {
    const at = ['@127.0.0.1', '-p', String(s.port)];
    const d = await run('dig', [...at, 'AXFR', 'example.com.', '+noall', '+answer', '+tries=1', '+time=10']);
    t.equal(d.code, 0, 'dig exits 0');
    check(t, 'dig', recordsOf(d.out));
    const k = await run('kdig', [...at, 'AXFR', 'example.com.', '+noall', '+answer', '+retry=0', '+time=10']);
    t.equal(k.code, 0, 'kdig exits 0');
    check(t, 'kdig', recordsOf(k.out));
    const ds = await run('dig', ['-y', `hmac-sha256:xfr-key:${SECRET}`, ...at, 'AXFR', 'example.com.', '+noall', '+answer', '+tries=1', '+time=10']);
    t.notMatch(ds.out, /verify|failed|error/i, 'dig verifies every signed message');
    check(t, 'dig with TSIG', recordsOf(ds.out).filter((r) => r.type !== 250));
    const ks = await run('kdig', ['-y', `hmac-sha256:xfr-key:${SECRET}`, ...at, 'AXFR', 'example.com.', '+noall', '+answer', '+retry=0', '+time=10']);
    t.notMatch(ks.out, /verify|failed|error/i, 'kdig verifies every signed message');
    check(t, 'kdig with TSIG', recordsOf(ks.out).filter((r) => r.type !== 250));
    const bad = await run('dig', ['-y', `hmac-sha256:xfr-key:c2VjcmV0IHRoYXQgaXMgbm90IHRoZSByaWdodCBvbmU=`, ...at, 'AXFR', 'example.com.', '+tries=1', '+time=5']);
    t.notMatch(bad.out, /host-1\.example\.com/, 'a wrong key gets nothing');
    t.equal(s.requests, 5);
  } finally {
    await s.close();
  }
});

t.test('the tools do check the MACs: a damaged one is reported', async (t) => {
  const s = await serve(0);
  try {
    const at = ['-y', `hmac-sha256:xfr-key:${SECRET}`, '@127.0.0.1', '-p', String(s.port), 'AXFR', 'example.com.', '+noall', '+answer'];
    t.match((await run('dig', [...at, '+tries=1', '+time=10'])).out, /Couldn't verify signature/);
    t.match((await run('kdig', [...at, '+retry=0', '+time=10'])).out, /failed to verify TSIG/);
  } finally {
    await s.close();
  }
});

t.test('dig and kdig read our IXFR answers', async (t) => {
  const s = await serve();
  try {
    const at = ['@127.0.0.1', '-p', String(s.port), '+noall', '+answer'];
    for (const [tool, extra] of [['dig', ['+tries=1', '+time=10']], ['kdig', ['+retry=0', '+time=10']]] as const) {
      const one = recordsOf((await run(tool, [...at, ...extra, 'IXFR=2024050502', 'example.com.'])).out);
      t.same(one.map((r) => (r.type === 6 ? soaSerial(r.rdata) : rrText(r))), [
        2024050503, 2024050502, 'host-8.example.com. 300 1 TXT "host 8"', 2024050503, 'extra.example.com. 300 1 AAAA 2001:db8::99', 2024050503,
      ], `${tool}: one difference`);
      const two = recordsOf((await run(tool, [...at, ...extra, 'IXFR=2024050501', 'example.com.'])).out);
      t.same(two.filter((r) => r.type === 6).map((r) => soaSerial(r.rdata)), [2024050503, 2024050501, 2024050502, 2024050502, 2024050503, 2024050503], `${tool}: the sequence`);
      t.equal(two.length, 6 + 4, `${tool}: only the changed records`);
      const cur = recordsOf((await run(tool, [...at, ...extra, 'IXFR=2024050503', 'example.com.'])).out);
      t.same(cur.map((r) => soaSerial(r.rdata)), [2024050503], `${tool}: current: the SOA`);
    }
  } finally {
    await s.close();
  }
});
