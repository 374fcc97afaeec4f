// PlanBuilder: collects RRsets into NSD's answer sections, each RRset once, then orders them into an AnswerPlan.
import { lowerKeyOf, TYPE, type Name } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import type { AnswerPlan, PlannedRRset } from './types.js';

/**
 * NSD's rr_section_type (answer.h): the sections in encoding order. The apex NS of a positive
 * answer is OPTIONAL_AUTHORITY (dropped without TC when it does not fit); additional data is kept
 * in three groups, A first, then AAAA, then the rest (RT's X25 and ISDN), as NSD encodes them.
 */
export const Part = {
  ANSWER: 0,
  AUTHORITY: 1,
  OPTIONAL_AUTHORITY: 2,
  ADDITIONAL_A: 3,
  ADDITIONAL_AAAA: 4,
  ADDITIONAL_OTHER: 5,
} as const;
export type Part = (typeof Part)[keyof typeof Part];

/** NSD's MAXRRSPP (answer.h): an answer holds at most this many RRsets; adding more fails. */
export const MAX_RRSETS = 10240;

interface Entry {
  readonly rrset: PlannedRRset;
  readonly source: object;
  part: Part;
  readonly required: boolean;
}

/** The RRSIGs to send with a planned RRset, given the zone RRset it comes from (see dnssec-seam.ts). */
export type Signer = (rrset: PlannedRRset, source: object) => PlannedRRset | undefined;

const EMPTY: readonly PlannedRRset[] = [];

/**
 * Two plannings of one source at the same owner. A zone RRset has one owner, so the same object is
 * the same; only a wildcard copy (owned by the name asked for) needs the owners compared (zone
 * RRsets build their owner Name on each access, so that is avoided when it can be).
 */
function sameOwner(a: PlannedRRset, b: PlannedRRset): boolean {
  return a === b || a.owner.key === b.owner.key;
}

/** The answer being built for one question: rcode, AA, the RRsets by section and the zones consulted. */
export class PlanBuilder {
  rcode = 0;
  aa = false;
  /** The wildcard the answer came from (NSD q->wildcard_domain), for RRL; undefined for other answers. */
  wildcard: Name | undefined = undefined;
  private readonly entries: Entry[] = [];
  /** Entries by their source RRset, to find a duplicate without scanning every entry. */
  private readonly bySource = new Map<object, Entry[]>();
  private readonly zones: ZoneContents[] = [];

  /** Records that the answer depends on this zone snapshot (for the answer cache). */
  useZone(zone: ZoneContents): void {
    if (!this.zones.includes(zone)) this.zones.push(zone);
  }

  /** The zone snapshots consulted so far. */
  get usedZones(): readonly ZoneContents[] {
    return this.zones;
  }

  /**
   * Adds an RRset (NSD answer_add_rrset). `source` is the zone RRset it comes from (itself, or the
   * wildcard RRset a synthesised one copies). The same source at the same owner goes in once: added
   * again to a lower section it moves there, otherwise false is returned, which is how a CNAME or
   * DNAME loop is detected. Also false when the answer is full (MAX_RRSETS).
   */
  add(part: Part, rrset: PlannedRRset, source: object = rrset, required = false): boolean {
    let list = this.bySource.get(source);
    const dup = list?.find((e) => sameOwner(e.rrset, rrset));
    if (dup !== undefined) {
      if (part >= dup.part) return false;
      dup.part = part;
      return true;
    }
    if (this.entries.length >= MAX_RRSETS) return false;
    const entry: Entry = { rrset, source, part, required };
    this.entries.push(entry);
    if (list === undefined) {
      list = [];
      this.bySource.set(source, list);
    }
    list.push(entry);
    return true;
  }

  /**
   * True when the answer section already holds a one-record CNAME from `ownerKey` to `targetKey`:
   * NSD's loop check before it synthesises a CNAME for a DNAME (query.c query_synthesize_cname).
   */
  hasCname(ownerKey: string, targetKey: string): boolean {
    for (const e of this.entries) {
      const r = e.rrset;
      if (e.part !== Part.ANSWER || r.type !== TYPE.CNAME || r.owner.key !== ownerKey) continue;
      const rdatas = r.rdatas;
      if (rdatas.length === 1 && lowerKeyOf(rdatas[0], 0, rdatas[0].length) === targetKey) return true;
    }
    return false;
  }

  /**
   * The plan: sections in NSD's encoding order, required glue first in the additional section. With a
   * signer (DO=1), each RRset carries its RRSIGs: one pass over the finished answer, as NSD attaches
   * them when it encodes each RRset.
   */
  finish(sign?: Signer): AnswerPlan {
    const answer: PlannedRRset[] = [];
    const authority: PlannedRRset[] = [];
    let optionalAuthority: PlannedRRset[] | undefined;
    let extra: Entry[] | undefined;
    const out = sign === undefined ? (e: Entry) => e.rrset : (e: Entry) => signed(e.rrset, sign(e.rrset, e.source));
    for (const e of this.entries) {
      if (e.part === Part.ANSWER) answer.push(out(e));
      else if (e.part === Part.AUTHORITY) authority.push(out(e));
      else if (e.part === Part.OPTIONAL_AUTHORITY) (optionalAuthority ??= []).push(out(e));
      else (extra ??= []).push(sign === undefined ? e : { ...e, rrset: out(e) });
    }
    if (optionalAuthority !== undefined) authority.push(...optionalAuthority);
    let required = 0;
    let additional = EMPTY;
    if (extra !== undefined) {
      // Stable: required glue first, then NSD's A, AAAA and other groups, each in the order added.
      extra.sort((a, b) => Number(b.required) - Number(a.required) || a.part - b.part);
      additional = extra.map((e) => e.rrset);
      for (const e of extra) if (e.required) required++;
    }
    const plan: AnswerPlan = { rcode: this.rcode, aa: this.aa, answer, authority, additional, requiredAdditional: required, zones: this.zones };
    // Only a wildcard answer carries the field, so every other plan keeps one shape.
    return this.wildcard === undefined ? plan : { ...plan, wildcard: this.wildcard };
  }
}

/** A copy of the RRset with its RRSIGs (zone RRsets are class instances: their getters are read here). */
function signed(r: PlannedRRset, rrsigs: PlannedRRset | undefined): PlannedRRset {
  if (rrsigs === undefined) return r;
  return { owner: r.owner, type: r.type, class: r.class, ttl: r.ttl, rdatas: r.rdatas, ttls: r.ttls, rrsigs };
}
