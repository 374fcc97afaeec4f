// The answer engine's contract: the question, the server options it honours, and the answer plan it returns.
import type { Name } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';

/** One question of an opcode QUERY message, as the process layer decoded it (qname keeps its case). */
export interface QueryQuestion {
  readonly qname: Name;
  readonly qtype: number;
  readonly qclass: number;
  /** The EDNS DO bit (RFC 3225): RRSIGs and NSEC/NSEC3 denial are added only when set (RFC 4035 3.1). */
  readonly dnssecOk: boolean;
}

/** The nsd.conf server options that change answers. */
export interface QueryOptions {
  readonly minimalResponses: boolean;
  /** Pass true only for queries over UDP: NSD answers ANY over TCP normally (nsd.conf refuse-any). */
  readonly refuseAny: boolean;
  /** The CH TXT id.server / hostname.bind answer; undefined = hide-identity. */
  readonly identity: string | undefined;
  /** The CH TXT version.server / version.bind answer; undefined = hide-version. */
  readonly version: string | undefined;
}

/** An RRset to write. Zone RRsets (zone/rrset.ts) fit this shape as they are. */
export interface PlannedRRset {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly rdatas: readonly Uint8Array[];
  /** One TTL per rdata when the records were loaded with different TTLs (NSD serves each one's own). */
  readonly ttls?: readonly number[];
  /**
   * With DO=1 in a secure zone: the RRSIGs covering this RRset (RFC 4035 3.1.1), same owner. They go
   * right after it in its section, and the two fit or are dropped together (NSD packet_encode_rrset).
   */
  readonly rrsigs?: PlannedRRset;
}

/** What to answer: the rcode, the AA bit and the three sections, chosen before any encoding. */
export interface AnswerPlan {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answer: readonly PlannedRRset[];
  readonly authority: readonly PlannedRRset[];
  readonly additional: readonly PlannedRRset[];
  /** how many leading `additional` entries are required glue of a referral (RFC 9471: if they do not fit, TC=1) */
  readonly requiredAdditional: number;
  /** the zone snapshots the answer was built from (for the server's answer cache: same snapshots + question => same plan) */
  readonly zones: readonly ZoneContents[];
  /**
   * The wildcard (`*.<closest encloser>`) the answer was synthesised from, the last one when a CNAME
   * chain met several (NSD query.c q->wildcard_domain, which RRL counts a wildcard answer under).
   * Present only on such answers.
   */
  readonly wildcard?: Name;
}
