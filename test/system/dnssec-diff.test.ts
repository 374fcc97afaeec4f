// Differential test over signed zones: NSD and tsdns serve the same zones, signed here by ldns-signzone and
// dnssec-signzone (NSEC; NSEC3 with and without opt-out, salt, iterations 0 and >0), and every answer to a
// DO=1 query (UDP at several sizes, TCP) must be the same, section by section and in order, TC included.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { classToText, decodeMessage, encodeMessage, nameToText, parseName, rdataToText, typeFromText, typeToText, type ResourceRecord } from '../../src/wire/index.js';
import { childZone, makeKeys, parentZone, signZone, VARIANTS, type SignVariant, type ZoneKeys } from '../support/dnssec-zones.js';
import { freePort, tcpExchange, udpExchange } from '../support/net.js';
import { nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const NAMES = [
  'example', 'www.example', 'WWW.Example', 'mail.example', 'mx.example', 'ns1.example', 'nothere.example', 'zzz.example',
  'x.wild.example', 'a.b.wild.example', '*.wild.example', 'wild.example', 'b.ent.example', 'ent.example', 'a.b.ent.example',
  'x.ent.example', 'x.b.ent.example', 'alias.example', 'nxalias.example', 'wcalias.example', 'dn.example', 'x.dn.example',
  'broken.example', 'big.example', 'secure.example', 'ns.secure.example', 'www.secure.example', 'nothere.secure.example',
  'signed.example', 'ns.signed.example', 'foo.signed.example', 'insecure.example', 'foo.insecure.example', 'y.example',
  'x.y.example', 'deep.x.y.example', 'foo.deep.x.y.example', 'ns.deep.x.y.example',
];
const TYPES = ['A', 'AAAA', 'TXT', 'MX', 'NS', 'SOA', 'CNAME', 'DS', 'DNSKEY', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'RRSIG', 'ANY'];
/** Names whose DO=1 answers are large: also asked over UDP with small sizes, where TC decides. */
const BIG_NAMES = ['example', 'big.example', 'nothere.example', 'x.wild.example', 'foo.deep.x.y.example', 'x.b.ent.example', 'foo.signed.example'];
const BIG_TYPES = ['A', 'TXT', 'DNSKEY', 'ANY', 'NS', 'MX'];

/**
 * Where tsdns knowingly differs (docs/dnssec.md): in an NSEC zone NSD proves a DNAME target that a
 * wildcard answers with the NSEC before the target's closest encloser, which does not cover the
 * target; tsdns sends the NSEC that covers it (RFC 4035 3.1.3.3).
 */
function expectedDifference(v: SignVariant, qname: string): boolean {
  return v.nsec3 === undefined && qname === 'x.dn.example';
}

interface Transport {
  readonly name: string;
  readonly tcp: boolean;
  readonly size: number;
  readonly dnssecOk: boolean;
}
const FULL: Transport = { name: 'udp4096-do', tcp: false, size: 4096, dnssecOk: true };
const SMALL: readonly Transport[] = [
  { name: 'udp512-do', tcp: false, size: 512, dnssecOk: true },
  { name: 'udp1232-do', tcp: false, size: 1232, dnssecOk: true },
  { name: 'tcp-do', tcp: true, size: 1232, dnssecOk: true },
  { name: 'udp1232', tcp: false, size: 1232, dnssecOk: false },
];

function query(id: number, qname: string, qtype: string, tr: Transport): Uint8Array {
  const type = typeFromText(qtype);
  if (type === undefined) throw new Error(`bad type ${qtype}`);
  const header = { id, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0 };
  const edns = { udpSize: tr.size, extendedRcode: 0, version: 0, dnssecOk: tr.dnssecOk, z: 0, options: [] };
  const questions = [{ qname: parseName(`${qname}.`, null), qtype: type, qclass: 1 }];
  return encodeMessage({ header, questions, answers: [], authorities: [], additionals: [], edns });
}

async function ask(server: RunningServer, msg: Uint8Array, tr: Transport): Promise<Uint8Array | null> {
  if (tr.tcp) return (await tcpExchange('127.0.0.1', server.port, [msg], 1, 3000))[0] ?? null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await udpExchange('127.0.0.1', server.port, msg, 1000);
    if (r) return r;
  }
  return null;
}

function line(r: ResourceRecord): string {
  return `${nameToText(r.owner)} ${r.ttl} ${classToText(r.class)} ${typeToText(r.type)} ${rdataToText(r.type, r.rdata)}`.toLowerCase();
}

/** A response as text, records in the order sent (names compared ignoring case, RFC 4343). */
function describe(buf: Uint8Array | null): string {
  if (!buf) return 'no answer';
  const m = decodeMessage(buf);
  const h = m.header;
  const flags = (['aa', 'tc', 'ad'] as const).filter((f) => h[f]).join(',');
  const sec = (rs: readonly ResourceRecord[]) => rs.map((r) => `    ${line(r)}`).join('\n');
  return [`rcode=${h.rcode} flags=${flags} do=${m.edns?.dnssecOk}`, '  answer:', sec(m.answers), '  authority:', sec(m.authorities), '  additional:', sec(m.additionals)].join('\n');
}

interface Signed {
  readonly dir: string;
  readonly conf: string;
  readonly extraNames: string[];
}

/** Keys for the parent and both children, once; the children signed once; the parent per variant. */
function signAll(dir: string): { keys: ZoneKeys; secureFile: string; ds: string[] } {
  const keys = makeKeys(dir, 'example.');
  const secureKeys = makeKeys(dir, 'secure.example.');
  const signedKeys = makeKeys(dir, 'signed.example.');
  const secureFile = signZone(dir, 'secure.example.', childZone('secure.example.', '192.0.2.50'), 'secure.example.signed', secureKeys, { signer: 'ldns' });
  return { keys, secureFile, ds: [secureKeys.ds, signedKeys.ds] };
}

function setUp(dir: string, v: SignVariant, base: ReturnType<typeof signAll>): Signed {
  const file = signZone(dir, 'example.', parentZone('192.0.2.53', base.ds), `example.${v.name}`, base.keys, v);
  // Two names of the NSEC3 chain itself: an NSEC3 owner, and a name below it.
  const owner = /^([0-9a-v]{32}\.example\.)\s/im.exec(fs.readFileSync(file, 'utf8'))?.[1];
  const extraNames = owner === undefined ? [] : [owner.slice(0, -1), `x.${owner.slice(0, -1)}`];
  const conf = path.join(dir, `nsd-${v.name}.conf`);
  const runDir = path.join(dir, v.name);
  fs.mkdirSync(runDir);
  const zones = [['example', file], ['secure.example', base.secureFile]].map(([n, f]) => `zone:\n    name: "${n}"\n    zonefile: "${f}"\n`).join('\n');
  fs.writeFileSync(conf, `server:\n    ip-address: 127.0.0.1\n    verbosity: 1\n    rrl-ratelimit: 0\n${nsdRuntimeOptions(runDir)}\n\n${zones}`);
  return { dir, conf, extraNames };
}

async function compare(
  v: SignVariant,
  servers: readonly [RunningServer, RunningServer],
  names: readonly string[],
  types: readonly string[],
  trs: readonly Transport[],
): Promise<{ asked: number; diffs: string[] }> {
  const [nsd, ours] = servers;
  const diffs: string[] = [];
  let asked = 0;
  let id = 1;
  for (const qname of names) {
    for (const qtype of types) {
      for (const tr of trs) {
        const q = query(id++ & 0xffff, qname, qtype, tr);
        const [a, b] = [describe(await ask(nsd, q, tr)), describe(await ask(ours, q, tr))];
        asked++;
        if (a !== b && !expectedDifference(v, qname)) diffs.push(`${qname} ${qtype} ${tr.name}\n  nsd:\n${a}\n  tsdns:\n${b}`);
      }
    }
  }
  return { asked, diffs };
}

const dir = tempDir('tsdns-dnssec-diff-');
const base = signAll(dir);
/** The temp dir (zones, reports) stays when an answer differed. */
let keep = false;

for (const v of VARIANTS) {
  t.test(`${v.name}: tsdns answers DO=1 queries as NSD does`, async (t) => {
    const s = setUp(dir, v, base);
    const nsd = await startNsd(s.conf, await freePort(), 'example');
    t.teardown(() => nsd.stop());
    const ours = await startTsdns(s.conf, await freePort(), 'example');
    t.teardown(() => ours.stop());
    const full = await compare(v, [nsd, ours], [...NAMES, ...s.extraNames], TYPES, [FULL]);
    const small = await compare(v, [nsd, ours], BIG_NAMES, BIG_TYPES, SMALL);
    const diffs = [...full.diffs, ...small.diffs];
    const report = path.join(dir, `differences-${v.name}.txt`);
    fs.writeFileSync(report, diffs.join('\n\n') + '\n');
    if (diffs.length > 0) keep = true;
    t.ok(full.asked + small.asked > 500, `asked ${full.asked + small.asked} questions of each server`);
    t.equal(diffs.length, 0, `${diffs.length} answers differ from NSD (all in ${report}); the first ones:\n${diffs.slice(0, 6).join('\n\n')}`);
  });
}

t.teardown(() => {
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
});
