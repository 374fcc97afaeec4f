// tsdns-checkzone's DNSSEC warnings: RRSIGs expired or expiring soon, and a broken NSEC or NSEC3 chain.
import { lowerKeyOf, nameToText, toBase32Hex, TYPE, typeToText } from '../wire/index.js';
import type { RRset, ZoneContents, ZoneNode } from '../zone/index.js';
import { Nsec3Chain, onlyNsec3 } from './nsec3-chain.js';
import { nsec3NextHash, nsec3OptOut, rrsigCovered, rrsigTimes } from './records.js';

/** A warning about a signed zone (serving goes on: NSD does not check signatures either). */
export interface SignedZoneWarning {
  readonly code: string;
  readonly message: string;
}

/** Signatures expiring within this many seconds are reported (a week: time for a re-sign to land). */
export const EXPIRY_MARGIN = 7 * 86400;

/** Counts the problems of one kind and remembers the first, so one warning can stand for many. */
class Tally {
  count = 0;
  first = '';
  note(what: () => string): void {
    if (this.count++ === 0) this.first = what();
  }
  warn(out: SignedZoneWarning[], code: string, summary: (n: number) => string): void {
    if (this.count > 0) out.push({ code, message: `${summary(this.count)}, the first: ${this.first}` });
  }
}

/**
 * The DNSSEC problems of a loaded zone at time `now` (seconds since 1970): RRSIGs past their expiration
 * or within EXPIRY_MARGIN of it, or not yet valid (RFC 4034 3.1.5, serial number arithmetic), and NSEC
 * (RFC 4034 4.1.1) or NSEC3 (RFC 5155 3.1.7) chains that do not link up or leave names out.
 */
export function checkSignedZone(zone: ZoneContents, now: number): SignedZoneWarning[] {
  const out: SignedZoneWarning[] = [];
  checkSignatures(zone, now, out);
  if (zone.apex.has(TYPE.NSEC)) checkNsecChain(zone, out);
  if (zone.apex.has(TYPE.NSEC3PARAM)) checkNsec3Chain(zone, out);
  return out;
}

function checkSignatures(zone: ZoneContents, now: number, out: SignedZoneWarning[]): void {
  const expired = new Tally();
  const expiring = new Tally();
  const early = new Tally();
  for (const node of zone.nodes()) {
    const sigs = node.get(TYPE.RRSIG);
    if (sigs === undefined) continue;
    for (const rd of sigs.rdatas) {
      const times = rrsigTimes(rd);
      if (times === undefined) continue;
      const what = () => `${nameToText(node.name)} RRSIG ${typeToText(rrsigCovered(rd))} (valid ${stamp(times.inception)} to ${stamp(times.expiration)})`;
      const left = serialDiff(times.expiration, now);
      if (left < 0) expired.note(what);
      else if (left < EXPIRY_MARGIN) expiring.note(what);
      if (serialDiff(times.inception, now) > 0) early.note(what);
    }
  }
  expired.warn(out, 'RRSIG_EXPIRED', (n) => `${n} RRSIG${n === 1 ? ' has' : 's have'} expired`);
  expiring.warn(out, 'RRSIG_EXPIRING', (n) => `${n} RRSIG${n === 1 ? ' expires' : 's expire'} within 7 days`);
  early.warn(out, 'RRSIG_NOT_YET_VALID', (n) => `${n} RRSIG${n === 1 ? ' is' : 's are'} not valid yet`);
}

/** RFC 1982 serial difference a - b of 32-bit times (RFC 4034 3.1.5), as a signed number of seconds. */
function serialDiff(a: number, b: number): number {
  return (a - Math.floor(b)) | 0; // ToInt32 takes the difference modulo 2^32 as a signed number
}

function stamp(t: number): string {
  return new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** The names an NSEC chain links: every name with data, delegations included, nothing below a cut (RFC 4035 2.3). */
function nsecNames(zone: ZoneContents): ZoneNode[] {
  return Array.from(zone.nodes()).filter((n) => n.size > 0 && !n.isOccluded && !onlyNsec3(n));
}

function checkNsecChain(zone: ZoneContents, out: SignedZoneWarning[]): void {
  const names = nsecNames(zone);
  const missing = new Tally();
  const broken = new Tally();
  for (let i = 0; i < names.length; i++) {
    const node = names[i];
    const nsec = node.get(TYPE.NSEC);
    if (nsec === undefined) {
      missing.note(() => nameToText(node.name));
      continue;
    }
    const rd = nsec.rdataAt(0);
    const nextKey = lowerKeyOf(rd, 0, nameLength(rd));
    // The last NSEC points back to the apex (RFC 4034 4.1.1).
    const expect = names[(i + 1) % names.length];
    if (nextKey !== expect.key) broken.note(() => `the NSEC at ${nameToText(node.name)} points to ${keyText(nextKey)}, the next name is ${nameToText(expect.name)}`);
  }
  missing.warn(out, 'NSEC_MISSING', (n) => `${n} name${n === 1 ? ' has' : 's have'} no NSEC`);
  broken.warn(out, 'NSEC_CHAIN_BROKEN', (n) => `the NSEC chain is broken at ${n} name${n === 1 ? '' : 's'}`);
}

function nameLength(rd: Uint8Array): number {
  let p = 0;
  while (p < rd.length && rd[p] !== 0) p += rd[p] + 1;
  return Math.min(p + 1, rd.length);
}

function keyText(key: string): string {
  const labels: string[] = [];
  for (let p = 0; p < key.length && key.charCodeAt(p) !== 0; p += key.charCodeAt(p) + 1) labels.push(key.substring(p + 1, p + 1 + key.charCodeAt(p)));
  return `${labels.join('.')}.`;
}

function checkNsec3Chain(zone: ZoneContents, out: SignedZoneWarning[]): void {
  const chain = Nsec3Chain.of(zone);
  if (chain === undefined) {
    const message = 'NSEC3PARAM without a usable NSEC3 chain (SHA-1, flags 0, an NSEC3 with the SOA bit at the hash of the apex): no NSEC3 denial is served';
    out.push({ code: 'NSEC3_UNUSABLE', message });
    return;
  }
  const broken = new Tally();
  const entries = chain.entries();
  for (let i = 0; i < entries.length; i++) {
    const { hash, rrset } = entries[i];
    const next = entries[(i + 1) % entries.length].hash;
    const got = nextHashOf(rrset, chain);
    if (got !== next) broken.note(() => `the NSEC3 ${hash} points to ${got ?? '(nothing)'}, the next hash is ${next}`);
  }
  const missing = new Tally();
  for (const node of namesWithoutNsec3(zone, chain)) missing.note(() => nameToText(node.name));
  broken.warn(out, 'NSEC3_CHAIN_BROKEN', (n) => `the NSEC3 chain is broken at ${n} NSEC3 record${n === 1 ? '' : 's'}`);
  missing.warn(out, 'NSEC3_MISSING', (n) => `${n} name${n === 1 ? '' : 's'} without the NSEC3 ${n === 1 ? 'it needs' : 'they need'} (opt-out leaves out only unsigned delegations)`);
}

/**
 * Names of the chain's zone without an NSEC3 of their own that needs one: every name, except that an
 * opt-out NSEC3 may cover an unsigned delegation and an empty non-terminal with only such names below
 * it (RFC 5155 6 and 7.1). Children sort after their parents, so a reverse walk sees them first.
 */
function namesWithoutNsec3(zone: ZoneContents, chain: Nsec3Chain): ZoneNode[] {
  const needed = new Set<ZoneNode>(); // empty non-terminals with a name below that must be in the chain
  const out: ZoneNode[] = [];
  const nodes = Array.from(zone.nodes());
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!chain.has(node)) continue;
    const unsignedCut = node.isDelegation && !node.has(TYPE.DS);
    const must = node.isApex || needed.has(node) || (node.size > 0 && !unsignedCut);
    if (must && node.parent !== undefined) needed.add(node.parent);
    if (chain.isExact(node) || chain.isDsExact(node)) continue;
    const cover = chain.coverOf(node) ?? chain.dsCoverOf(node);
    const optedOut = cover !== undefined && cover.rdatas.some((rd) => chain.usesParams(rd) && nsec3OptOut(rd));
    if (must || !optedOut) out.push(node);
  }
  return out.reverse();
}

/** The next hashed owner of the chain's NSEC3 record in an RRset (the one using the zone's parameters). */
function nextHashOf(rrset: RRset, chain: Nsec3Chain): string | undefined {
  for (const rd of rrset.rdatas) {
    if (!chain.usesParams(rd)) continue;
    const next = nsec3NextHash(rd);
    return next === undefined ? undefined : toBase32Hex(next);
  }
  return undefined;
}
