// Interop with real TSIG implementations on loopback: BIND's dig and Knot's kdig against responders using tsig/.
import t from 'tap';
import { findTsig, TsigKeyring, verifyRequest } from '../../../src/tsig/index.js';
import type { ResourceRecord } from '../../../src/wire/index.js';
import { ALGORITHMS, axfrMessages, key, OTHER_SECRET, respond, rr, run, SECRET, tcpListener, udpListener } from './support.js';

const KEY_NAME = 'tsig-key.example';
const now = (): number => Date.now() / 1000;
const SOA = rr('example.com.', 'SOA', 'ns1.example.com. admin.example.com. 2024010101 7200 3600 1209600 3600');
const FAILURE = /Couldn't verify|tsig verify failure|Some TSIG could not be validated|failed to verify|expected a TSIG|;; ERROR|reply verification/i;

/** The TSIG line both tools print for a verified answer: our key, the algorithm, fudge 300, error NOERROR. */
function tsigNoError(alg: string): RegExp {
  return new RegExp(`TSIG PSEUDOSECTION:\\n${KEY_NAME}\\.\\s+0\\s+ANY\\s+TSIG\\s+${alg}[.a-z-]*\\. \\d+ 300 \\d+ .+ \\d+ NOERROR 0`);
}

function dig(port: number, alg: string, secret: string, ...args: string[]): Promise<{ out: string }> {
  return run('dig', ['-y', `${alg}:${KEY_NAME}:${secret}`, '@127.0.0.1', '-p', String(port), '+tries=1', '+time=3', ...args]);
}

function kdig(port: number, alg: string, secret: string, ...args: string[]): Promise<{ out: string }> {
  return run('kdig', ['-y', `${alg}:${KEY_NAME}:${secret}`, '@127.0.0.1', '-p', String(port), '+retry=0', '+time=3', ...args]);
}

/** A UDP responder that checks requests with tsig/ and counts how many verified. */
async function responder(alg: string) {
  const ring = new TsigKeyring([key(alg, `${KEY_NAME}.`)]);
  const seen = { verified: 0, refused: 0 };
  const l = await udpListener((req) => {
    const v = verifyRequest(req, ring, now);
    if (v?.ok) seen.verified++;
    else seen.refused++;
    return respond(req, ring, now, () => [SOA]);
  });
  return { l, seen };
}

t.test('dig and kdig accept our signed answers and we accept their signed queries, for every algorithm', async (t) => {
  for (const alg of ALGORITHMS) {
    const { l, seen } = await responder(alg);
    try {
      const d = await dig(l.port, alg, SECRET, 'example.com', 'SOA');
      t.match(d.out, /status: NOERROR/, `dig ${alg}: NOERROR`);
      t.match(d.out, tsigNoError(alg), `dig ${alg}: TSIG NOERROR`);
      t.match(d.out, /SOA\s+ns1\.example\.com\. admin\.example\.com\. 2024010101/, `dig ${alg}: the answer`);
      t.notMatch(d.out, FAILURE, `dig ${alg}: no TSIG failure`);
      const k = await kdig(l.port, alg, SECRET, 'example.com', 'SOA');
      t.match(k.out, /status: NOERROR/, `kdig ${alg}: NOERROR`);
      t.match(k.out, tsigNoError(alg), `kdig ${alg}: TSIG NOERROR`);
      t.notMatch(k.out, FAILURE, `kdig ${alg}: no TSIG failure`);
      t.same(seen, { verified: 2, refused: 0 }, `${alg}: both queries verified by us`);
    } finally {
      await l.close();
    }
  }
});

t.test('a wrong secret gets our unsigned BADSIG answer, and dig and kdig report it', async (t) => {
  const { l, seen } = await responder('hmac-sha256');
  try {
    const d = await dig(l.port, 'hmac-sha256', OTHER_SECRET, 'example.com', 'SOA');
    t.match(d.out, /status: NOTAUTH/);
    t.match(d.out, /TSIG\s+hmac-sha256\. \d+ 300 0 \d+ BADSIG 0/, 'empty MAC, BADSIG');
    t.match(d.out, /Couldn't verify signature: tsig indicates error/);
    const k = await kdig(l.port, 'hmac-sha256', OTHER_SECRET, 'example.com', 'SOA');
    t.match(k.out, /status: BADSIG/);
    t.match(k.out, /failed to verify TSIG/);
    t.same(seen, { verified: 0, refused: 2 });
  } finally {
    await l.close();
  }
});

t.test('an unknown key name gets BADKEY, and dig reports it', async (t) => {
  const { l } = await responder('hmac-sha256');
  try {
    const args = ['-y', `hmac-sha256:nobody.example:${SECRET}`, '@127.0.0.1', '-p', String(l.port), '+tries=1', '+time=3'];
    const d = await run('dig', [...args, 'example.com', 'SOA']);
    t.match(d.out, /status: NOTAUTH/);
    t.match(d.out, /nobody\.example\.\s+0\s+ANY\s+TSIG\s+hmac-sha256\. \d+ 300 0 \d+ BADKEY 0/);
    t.match(d.out, /Couldn't verify signature/);
  } finally {
    await l.close();
  }
});

/** A small zone of 42 records, sent 5 records per message: 9 messages, SOA first and last. */
function zone(): ResourceRecord[] {
  const recs = [SOA];
  for (let i = 0; i < 40; i++) recs.push(rr(`host${i}.example.com.`, 'A', `192.0.2.${i}`));
  recs.push(SOA);
  return recs;
}

async function axfrServer(alg: string, tamper?: (msgs: Uint8Array[]) => void) {
  const ring = new TsigKeyring([key(alg, `${KEY_NAME}.`)]);
  return tcpListener((req) => {
    const msgs = axfrMessages(req, ring, now, zone(), 5);
    tamper?.(msgs);
    return msgs;
  });
}

t.test('an AXFR split over 9 messages, each signed by TsigStreamSigner, passes dig and kdig', async (t) => {
  for (const alg of ['hmac-sha256', 'hmac-md5', 'hmac-sha512']) {
    const l = await axfrServer(alg);
    try {
      const d = await dig(l.port, alg, SECRET, 'example.com', 'AXFR');
      t.match(d.out, /XFR size: 42 records \(messages 9,/, `dig ${alg}: all records`);
      t.equal((d.out.match(/\sTSIG\s+hmac-\S+ \d+ 300 \d+ .+ \d+ NOERROR 0/g) ?? []).length, 9, `dig ${alg}: 9 TSIGs`);
      t.notMatch(d.out, FAILURE, `dig ${alg}: every message verified`);
      const k = await kdig(l.port, alg, SECRET, 'example.com', 'AXFR');
      t.match(k.out, /\(9 messages, 42 records\)/, `kdig ${alg}: all records`);
      t.notMatch(k.out, FAILURE, `kdig ${alg}: no TSIG failure`);
    } finally {
      await l.close();
    }
  }
});

/** Flips the octet just before a message's TSIG: the last rdata octet of its last record. */
function lastOctet(msg: Uint8Array): void {
  const at = findTsig(msg);
  if (at.kind !== 'found') throw new Error('unsigned message');
  msg[at.offset - 1] ^= 1;
}

t.test('negative controls: the same tools do notice a broken chain', async (t) => {
  // dig verifies every message: a changed address in message 4 must be reported.
  const l = await axfrServer('hmac-sha256', (msgs) => lastOctet(msgs[3]));
  try {
    const d = await dig(l.port, 'hmac-sha256', SECRET, 'example.com', 'AXFR');
    t.match(d.out, /tsig verify failure/);
  } finally {
    await l.close();
  }
  // kdig verifies the first message of a transfer only: tamper with that one.
  const l2 = await axfrServer('hmac-sha256', (msgs) => lastOctet(msgs[0]));
  try {
    const k = await kdig(l2.port, 'hmac-sha256', SECRET, 'example.com', 'AXFR');
    t.match(k.out, /failed to verify TSIG|reply verification/);
  } finally {
    await l2.close();
  }
});
