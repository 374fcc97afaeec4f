// Differential test: the same nsd.conf and zones served by real NSD and by tsdns, every answer compared
// section by section. A difference fails unless docs/nsd-differences.md lists it (see EXPECTED_DIFFERENCES).
import t, { type Test } from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { freePort, tcpExchange, udpExchange } from '../support/net.js';
import { NSD_NO_CONTROL, REPO, nsdRuntimeOptions, startNsd, startTsdns, tempDir, type RunningServer } from '../support/servers.js';

const ZONES = ['example.net', 'sub.example.net', 'example.org', '2.0.192.in-addr.arpa'];
const ZONE_DIR = path.join(REPO, 'test/zones/serve');

const NAMES = [
  'example.net', 'EXAMPLE.net', 'ns1.example.net', 'mixedcase.example.net', 'MIXEDCASE.EXAMPLE.NET', 'www.example.net',
  'web.example.net', 'host.deep.example.net', 'deep.example.net', 'tochild.example.net', 'toother.example.net',
  'tonx.example.net', 'toout.example.net', 'loop1.example.net', 'a.b.c.example.net', 'b.c.example.net', 'c.example.net',
  'nothere.example.net', 'x.nothere.example.net', 'foo.wild.example.net', 'a.b.wild.example.net', 'wild.example.net',
  'q.wcname.example.net', 'y.wild2.example.net', 'z.y.wild2.example.net', 'other.wild2.example.net', '_sip._udp.example.net',
  '_sip._tcp.example.net', 'dn.example.net', 'a.dn.example.net', 'x.y.dn.example.net', 'host.dnlocal.example.net',
  'deleg.example.net', 'www.deleg.example.net', 'ns.deleg.example.net', 'occluded.deleg.example.net', 'sibdeleg.example.net',
  'x.sibdeleg.example.net', 'outdeleg.example.net', 'sub.example.net', 'host.sub.example.net', 'nx.sub.example.net',
  'big.example.net', 'bigmx.example.net', 'many.example.net', 'hinfo.example.net', 'caa.example.net', 'naptr.example.net',
  'sshfp.example.net', 'unknown.example.net', 'afsdb.example.net', 'kx.example.net', 'ptr.example.net',
  'www.example.org', 'sibling.example.org', 'x.sibling.example.org', 'a.target.example.org', 'nothere.example.org',
  '25.2.0.192.in-addr.arpa', '99.2.0.192.in-addr.arpa', 'www.outside.test', 'net', '.',
];
const TYPES = ['A', 'AAAA', 'NS', 'SOA', 'MX', 'TXT', 'CNAME', 'DS', 'ANY', 'SRV', 'PTR', 'DNAME', 'TYPE65400', 'RRSIG'];

type Variant = { name: string; tcp: boolean; edns?: { size: number; do: boolean } };
const VARIANTS: Variant[] = [
  { name: 'udp', tcp: false },
  { name: 'udp-edns', tcp: false, edns: { size: 1232, do: false } },
  { name: 'udp-edns-do', tcp: false, edns: { size: 4096, do: true } },
  { name: 'tcp', tcp: true, edns: { size: 1232, do: false } },
];

/** Differences that docs/nsd-differences.md explains; keyed by `qname qtype variant`. */
const EXPECTED_DIFFERENCES: Record<string, string> = {};

function buildQuery(id: number, qname: string, qtype: string, v: Variant): Buffer {
  const additionals = v.edns
    ? [{ type: 'OPT', name: '.', udpPayloadSize: v.edns.size, flags: v.edns.do ? dnsPacket.DNSSEC_OK : 0, options: [] }]
    : [];
  return dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name: qname, type: qtype as 'A' }], additionals } as unknown as dnsPacket.Packet);
}

async function ask(server: RunningServer, msg: Buffer, v: Variant): Promise<Buffer | null> {
  if (!v.tcp) {
    // UDP may lose a datagram on a loaded machine: ask again before calling it "no answer".
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await udpExchange('127.0.0.1', server.port, msg, 1000);
      if (r) return r;
    }
    return null;
  }
  const r = await tcpExchange('127.0.0.1', server.port, [msg], 1, 3000);
  return r[0] ?? null;
}

/** Name-valued rdata fields as dns-packet decodes them, per type. */
const NAME_FIELDS: Record<string, string[]> = { SOA: ['mname', 'rname'], MX: ['exchange'], SRV: ['target'], NAPTR: ['replacement'], RP: ['mbox', 'txt'] };
const NAME_TYPES = new Set(['NS', 'CNAME', 'PTR', 'DNAME']);

/**
 * NSD 4.6 lower-cases names inside the rdata of RFC 1035-style types; tsdns keeps the zone file's case (see
 * docs/nsd-differences.md, "Case of names in rdata"). Names compare ignoring case (RFC 4343), so they are
 * compared lower-cased here.
 */
function foldRdataNames(type: string, data: unknown): unknown {
  if (NAME_TYPES.has(type) && typeof data === 'string') return data.toLowerCase();
  const fields = NAME_FIELDS[type];
  if (!fields || typeof data !== 'object' || data === null) return data;
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const f of fields) if (typeof copy[f] === 'string') copy[f] = (copy[f] as string).toLowerCase();
  return copy;
}

function describeRecord(r: dnsPacket.Answer): string {
  const data = foldRdataNames(r.type, (r as { data?: unknown }).data);
  const opt = r.type === 'OPT' ? JSON.stringify({ size: (r as { udpPayloadSize?: number }).udpPayloadSize, flags: (r as { flags?: number }).flags, ext: (r as { extendedRcode?: number }).extendedRcode }) : '';
  return `${r.name} ${(r as { ttl?: number }).ttl ?? ''} ${(r as { class?: string }).class ?? ''} ${r.type} ${JSON.stringify(data) ?? ''}${opt}`;
}

/** A normalised, order-insensitive rendering of a response, section by section. */
function describe(buf: Buffer | null): string {
  if (!buf) return 'no answer';
  let p: dnsPacket.Packet;
  try {
    p = dnsPacket.decode(buf);
  } catch (e) {
    return `undecodable: ${(e as Error).message}`;
  }
  const extra = p as unknown as { rcode: string; opcode: string };
  const flags = ['aa', 'tc', 'rd', 'ra', 'ad', 'cd'].filter((n) => (p as Record<string, unknown>)[`flag_${n}`]).join(',');
  const section = (rs: dnsPacket.Answer[] | undefined) => (rs ?? []).map(describeRecord).sort().join('\n    ');
  return [
    `rcode=${extra.rcode} flags=${flags} opcode=${extra.opcode}`,
    `  question: ${(p.questions ?? []).map((q) => `${q.name} ${q.type} ${q.class}`).join(', ')}`,
    `  answer:\n    ${section(p.answers)}`,
    `  authority:\n    ${section(p.authorities)}`,
    `  additional:\n    ${section(p.additionals)}`,
  ].join('\n');
}

/** The lines of each rendering the other lacks: `- ` NSD only, `+ ` tsdns only. */
function lineDiff(nsd: string, ours: string): string {
  const a = nsd.split('\n').map((l) => l.trim());
  const b = ours.split('\n').map((l) => l.trim());
  const onlyA = a.filter((l) => !b.includes(l)).map((l) => `  - ${l}`);
  const onlyB = b.filter((l) => !a.includes(l)).map((l) => `  + ${l}`);
  return [...onlyA, ...onlyB].join('\n');
}

function writeConfig(dir: string, serverOptions: string): string {
  const conf = path.join(dir, 'nsd.conf');
  const zones = ZONES.map((z) => `zone:\n    name: "${z}"\n    zonefile: "${ZONE_DIR}/${z}.zone"\n`).join('\n');
  // NSD's response rate limiting (on by default) would slip TC answers into a fast run of queries.
  fs.writeFileSync(conf, `server:\n    ip-address: 127.0.0.1\n    verbosity: 1\n    rrl-ratelimit: 0\n${serverOptions}${nsdRuntimeOptions(dir)}\n\n${NSD_NO_CONTROL}\n${zones}`);
  return conf;
}

/** Serves the test zones with NSD and tsdns on one config and compares the answers to every question of the list. */
async function compareWithNsd(t: Test, serverOptions: string, types: readonly string[], minimum: number): Promise<void> {
  const dir = tempDir('tsdns-diff-');
  const conf = writeConfig(dir, serverOptions);
  const nsd = await startNsd(conf, await freePort(), 'example.net');
  t.teardown(() => nsd.stop());
  const ours = await startTsdns(conf, await freePort(), 'example.net');
  t.teardown(() => ours.stop());

  const diffs: string[] = [];
  let asked = 0;
  let id = 1000;
  for (const qname of NAMES) {
    for (const qtype of types) {
      for (const v of VARIANTS) {
        const q = buildQuery(id++ & 0xffff, qname, qtype, v);
        const [a, b] = [await ask(nsd, q, v), await ask(ours, q, v)];
        asked++;
        const key = `${qname} ${qtype} ${v.name}`;
        const da = describe(a);
        const db = describe(b);
        if (da !== db && !EXPECTED_DIFFERENCES[key]) diffs.push(`${key}\n${lineDiff(da, db)}`);
      }
    }
  }
  const report = path.join(dir, 'differences.txt');
  fs.writeFileSync(report, diffs.join('\n\n') + '\n');
  t.ok(asked >= minimum, `asked ${asked} questions of each server`);
  t.equal(diffs.length, 0, `${diffs.length} answers differ from NSD (all in ${report}); the first ones:\n${diffs.slice(0, 15).join('\n\n')}`);
}

t.test('tsdns answers every query as NSD does', (t) => compareWithNsd(t, '', TYPES, 300));

// RFC 8482 with refuse-any: yes (issue 8, section 4): over UDP NSD answers ANY with TC and no records, over TCP
// with one RRset; tsdns must do the same.
t.test('with refuse-any: yes, ANY is answered as NSD answers it', (t) => compareWithNsd(t, '    refuse-any: yes\n', ['ANY'], NAMES.length * VARIANTS.length));
