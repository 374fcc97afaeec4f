// Signed test zones made in the test itself: keys from ldns-keygen, signed by ldns-signzone or dnssec-signzone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** How a variant of the parent zone is signed: NSEC or NSEC3 (salt, iterations, opt-out), by ldns or BIND. */
export interface SignVariant {
  readonly name: string;
  readonly signer: 'ldns' | 'bind';
  readonly nsec3?: { readonly salt: string; readonly iterations: number; readonly optOut: boolean };
}

export const VARIANTS: readonly SignVariant[] = [
  { name: 'ldns-nsec', signer: 'ldns' },
  { name: 'ldns-nsec3', signer: 'ldns', nsec3: { salt: 'beef', iterations: 5, optOut: false } },
  { name: 'ldns-nsec3-iter0', signer: 'ldns', nsec3: { salt: '', iterations: 0, optOut: false } },
  { name: 'bind-nsec', signer: 'bind' },
  { name: 'bind-nsec3-optout', signer: 'bind', nsec3: { salt: 'cafe', iterations: 3, optOut: true } },
  { name: 'bind-nsec3-optout-iter0', signer: 'bind', nsec3: { salt: '', iterations: 0, optOut: true } },
];

const TOOL_TIMEOUT_MS = 30000;

function run(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.error?.message ?? ''}`);
  return r.stdout;
}

/** A zone's key pair (ECDSA P-256, RFC 6605: small signatures) and the DS of its KSK (SHA-256). */
export interface ZoneKeys {
  readonly ksk: string;
  readonly zsk: string;
  /** `<zone> IN DS ...` as ldns-keygen wrote it. */
  readonly ds: string;
}

export function makeKeys(dir: string, zone: string): ZoneKeys {
  const ksk = run('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone], dir).trim();
  const zsk = run('ldns-keygen', ['-a', 'ECDSAP256SHA256', zone], dir).trim();
  const ds = fs.readFileSync(path.join(dir, `${ksk}.ds`), 'utf8').trim().replace(/\s+/g, ' ');
  return { ksk, zsk, ds };
}

/**
 * Signs `input` (zone text) into `<dir>/<out>` and returns that path. BIND's output is written one
 * record per line (-O full) so a test can find and change a record.
 */
export function signZone(
  dir: string,
  zone: string,
  input: string,
  out: string,
  keys: ZoneKeys,
  v: Pick<SignVariant, 'signer' | 'nsec3'>,
  validity?: { readonly inception: string; readonly expiration: string },
): string {
  const src = path.join(dir, `${out}.in`);
  const dest = path.join(dir, out);
  const n = v.nsec3;
  if (v.signer === 'ldns') {
    fs.writeFileSync(src, input);
    const nsec3 = n === undefined ? [] : ['-n', '-s', n.salt, '-t', String(n.iterations), ...(n.optOut ? ['-p'] : [])];
    const times = validity === undefined ? [] : ['-i', validity.inception, '-e', validity.expiration];
    run('ldns-signzone', [...nsec3, ...times, '-o', zone, '-f', dest, src, keys.ksk, keys.zsk], dir);
  } else {
    const dnskeys = [keys.ksk, keys.zsk].map((k) => fs.readFileSync(path.join(dir, `${k}.key`), 'utf8')).join('');
    fs.writeFileSync(src, input + dnskeys);
    const nsec3 = n === undefined ? [] : ['-3', n.salt === '' ? '-' : n.salt, '-H', String(n.iterations), ...(n.optOut ? ['-A'] : [])];
    const times = validity === undefined ? [] : ['-s', validity.inception, '-e', validity.expiration];
    run('dnssec-signzone', ['-P', '-O', 'full', '-d', dir, ...nsec3, ...times, '-o', zone, '-f', dest, src, keys.ksk, keys.zsk], dir);
  }
  return dest;
}

/**
 * The parent zone `example.`: every answer case of RFC 4035 3.1 and RFC 5155 7.2 (positive, CNAME,
 * DNAME, NXDOMAIN, NODATA, wildcard, wildcard NODATA, empty non-terminals, a signed delegation with
 * DS, insecure delegations that opt-out leaves out of the NSEC3 chain), big RRsets for truncation,
 * and `broken`, whose RRSIG a test may spoil. Child name servers have the address `childAddr`.
 */
export function parentZone(childAddr: string, dsRecords: readonly string[]): string {
  const big = Array.from({ length: 8 }, (_, i) => `big TXT "${String(i).repeat(200)}"`);
  return [
    '$ORIGIN example.',
    '$TTL 3600',
    '@ SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '@ NS ns1',
    '@ NS ns2',
    'ns1 A 192.0.2.1',
    'ns1 AAAA 2001:db8::1',
    'ns2 A 192.0.2.2',
    'www A 192.0.2.10',
    'www TXT "hello"',
    'mail MX 10 mx',
    'mx A 192.0.2.20',
    'mx AAAA 2001:db8::20',
    '*.wild A 192.0.2.30',
    '*.wild TXT "wild"',
    'a.b.ent A 192.0.2.40',
    'alias CNAME www',
    'nxalias CNAME nothere',
    'wcalias CNAME foo.wild',
    'dn DNAME wild.example.',
    'broken A 192.0.2.99',
    'secure NS ns.secure',
    'ns.secure A 192.0.2.50',
    'signed NS ns.signed',
    `ns.signed A ${childAddr}`,
    'insecure NS ns.insecure',
    `ns.insecure A ${childAddr}`,
    'deep.x.y NS ns.deep.x.y',
    `ns.deep.x.y A ${childAddr}`,
    ...big,
    ...dsRecords,
    '',
  ].join('\n');
}

/** A small child zone (secure.example., signed.example., ...) whose name server is at `addr`. */
export function childZone(origin: string, addr: string): string {
  return [`$ORIGIN ${origin}`, '$TTL 3600', '@ SOA ns hostmaster 1 7200 3600 1209600 600', '@ NS ns', `ns A ${addr}`, 'www A 192.0.2.51', ''].join('\n');
}

/** Spoils the signature of the RRSIG over `owner`'s `type` RRset (one record per line, as both signers write here). */
export function breakSignature(file: string, owner: string, type: string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const re = new RegExp(`^${owner.replace(/\./g, '\\.')}\\s+\\d+\\s+IN\\s+RRSIG\\s+${type}\\s`, 'i');
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no RRSIG ${type} at ${owner} in ${file}`);
  const parts = lines[i].trimEnd().split(/\s+/);
  const last = parts.length - 1;
  // Change one base64 character of the signature: still well-formed, no longer valid.
  parts[last] = (parts[last][0] === 'A' ? 'B' : 'A') + parts[last].slice(1);
  lines[i] = parts.join(' ');
  fs.writeFileSync(file, lines.join('\n'));
}
