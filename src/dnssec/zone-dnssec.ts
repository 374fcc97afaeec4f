// What a zone snapshot holds for DNSSEC, worked out once per snapshot: secure or not, the RRSIGs of each RRset, NSEC3.
import { TYPE } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import { Nsec3Chain } from './nsec3-chain.js';
import { rrsigCovered } from './records.js';
import { linkRrsigs } from './rrsigs.js';

/** The DNSSEC view of one zone snapshot; get it with zoneDnssec(). */
export interface ZoneDnssec {
  /**
   * NSD's zone_is_secure: an RRSIG over the apex DNSKEY RRset (namedb.c apex_rrset_checks; checked with
   * nsd 4.6.1: an RRSIG over the SOA alone does not make a zone secure). Only then are RRSIGs added to
   * answers, the NSEC records used, and DS records or their denial added to referrals.
   */
  readonly secure: boolean;
  /** The NSEC3 chain NSD would use (nsec3_param set), even in a zone that is not secure. */
  readonly nsec3: Nsec3Chain | undefined;
}

// Snapshots are immutable, so the view is built once; a reload brings new snapshots and new views.
const views = new WeakMap<ZoneContents, ZoneDnssec>();

/**
 * The DNSSEC view of a snapshot, built on first use. Building hashes every name of an NSEC3 zone
 * (RFC 5155 5), so a server calls this when it loads a zone to keep that cost off the first query.
 */
export function zoneDnssec(zone: ZoneContents): ZoneDnssec {
  let view = views.get(zone);
  if (view === undefined) {
    view = build(zone);
    views.set(zone, view);
  }
  return view;
}

function build(zone: ZoneContents): ZoneDnssec {
  const apexSigs = zone.apex.get(TYPE.RRSIG);
  const secure = apexSigs !== undefined && apexSigs.rdatas.some((rd) => rrsigCovered(rd) === TYPE.DNSKEY);
  if (secure) linkRrsigs(zone);
  return { secure, nsec3: Nsec3Chain.of(zone) };
}
