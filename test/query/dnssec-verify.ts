// The DNSSEC query table against a real nsd: re-sign the fixtures, write the answers files from nsd, or check them.
// Not a tap test (it needs nsd and the signers). `npx tsc -p . && node dist/test/query/dnssec-verify.js --run`
// checks every answers file against nsd 4.6.1; `--write` rewrites them from nsd; `--make` re-signs the fixture
// zones with new keys first (then `--write`).
import fs from 'node:fs';
import path from 'node:path';
import { decodeMessage, encodeMessage, type ResourceRecord } from '../../src/wire/index.js';
import { childZone, makeKeys, parentZone, signZone } from '../support/dnssec-zones.js';
import { freePort, tcpExchange } from '../support/net.js';
import { nsdRuntimeOptions, startNsd, tempDir } from '../support/servers.js';
import { answersFile, block, CHILD_FILE, FIXTURE_DIR, readAnswers, readQuestions, recordLine, VARIANTS, type GoldenQuestion } from './dnssec-golden.js';

/** Fixed validity so the fixtures never expire and re-signing gives the same dates. */
const VALIDITY = { inception: '20250101000000', expiration: '20450101000000' };

function make(): void {
  const dir = tempDir('tsdns-dnssec-make-');
  const keys = makeKeys(dir, 'example.');
  const secure = makeKeys(dir, 'secure.example.');
  const signed = makeKeys(dir, 'signed.example.');
  const child = signZone(dir, 'secure.example.', childZone('secure.example.', '192.0.2.50'), CHILD_FILE, secure, { signer: 'ldns' }, VALIDITY);
  fs.copyFileSync(child, path.join(FIXTURE_DIR, CHILD_FILE));
  const parent = parentZone('192.0.2.53', [secure.ds, signed.ds]);
  const ways = {
    nsec: { signer: 'ldns' },
    nsec3: { signer: 'ldns', nsec3: { salt: 'beef', iterations: 5, optOut: false } },
    optout: { signer: 'bind', nsec3: { salt: 'cafe', iterations: 3, optOut: true } },
  } as const;
  for (const v of VARIANTS) {
    const f = signZone(dir, 'example.', parent, v.file, keys, ways[v.name], VALIDITY);
    fs.copyFileSync(f, path.join(FIXTURE_DIR, v.file));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function query(g: GoldenQuestion): Uint8Array {
  const header = { id: 7, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0 };
  const edns = { udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: g.q.dnssecOk, z: 0, options: [] };
  return encodeMessage({ header, questions: [{ qname: g.q.qname, qtype: g.q.qtype, qclass: 1 }], answers: [], authorities: [], additionals: [], edns });
}

const lines = (rs: readonly ResourceRecord[]) => rs.map((r) => recordLine(r.owner, r.ttl, r.class, r.type, r.rdata));

/** nsd's answers (over TCP: nothing truncated) for every question, one variant. */
async function nsdAnswers(variant: (typeof VARIANTS)[number]): Promise<Map<string, string>> {
  const dir = tempDir('tsdns-dnssec-verify-');
  const zones = [['example', variant.file], ['secure.example', CHILD_FILE]].map(([n, f]) => `zone:\n    name: "${n}"\n    zonefile: "${path.join(FIXTURE_DIR, f)}"\n`);
  const conf = path.join(dir, 'nsd.conf');
  fs.writeFileSync(conf, `server:\n    ip-address: 127.0.0.1\n    rrl-ratelimit: 0\n${nsdRuntimeOptions(dir)}\n\n${zones.join('\n')}`);
  const nsd = await startNsd(conf, await freePort(), 'example');
  const out = new Map<string, string>();
  try {
    for (const g of readQuestions()) {
      const reply = (await tcpExchange('127.0.0.1', nsd.port, [query(g)], 1, 3000))[0];
      if (reply === undefined) throw new Error(`nsd did not answer ${g.key}`);
      const m = decodeMessage(reply);
      out.set(g.key, block(g.key, m.header.rcode, m.header.aa, [lines(m.answers), lines(m.authorities), lines(m.additionals)]));
    }
  } finally {
    await nsd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--make')) make();
  let bad = 0;
  for (const v of VARIANTS) {
    const got = await nsdAnswers(v);
    if (args.includes('--write') || args.includes('--make')) {
      fs.writeFileSync(answersFile(v.name), `${[...got.values()].join('\n\n')}\n`);
      console.log(`wrote ${answersFile(v.name)} (${got.size} answers)`);
      continue;
    }
    const want = readAnswers(v.name);
    for (const [key, text] of got) {
      if (want.get(key) === text) continue;
      bad++;
      console.log(`DIFFERS (${v.name}): ${key}\n--- nsd:\n${text}\n--- table:\n${want.get(key) ?? '(missing)'}`);
    }
  }
  if (!args.includes('--write') && !args.includes('--make')) console.log(bad === 0 ? 'every answer matches nsd' : `${bad} answers differ from nsd`);
  process.exitCode = bad === 0 ? 0 : 1;
}

if (process.argv.some((a) => a === '--run' || a === '--write' || a === '--make')) await main();
