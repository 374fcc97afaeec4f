// buildZone: one builder from any record iterable to a ZoneContents, with NSD 4.6's zone checks.
import { CLASS, Name, nameToText, typeToText } from '../wire/index.js';
import type { PositionedRecord, ZoneProblem } from '../wire/index.js';
import { adjustNodes } from './adjust.js';
import { ZoneContents } from './contents.js';
import { bytesToLatin1, latin1ToBytes } from './latin1.js';
import { ZoneNode } from './node.js';
import { NodeTable } from './node-table.js';
import { foldedRdata } from './rdata-key.js';
import { packRdata4, rdataText, RRset, type GrowingRRset } from './rrset.js';
import { checkAddedRecord, findDataBelowDname } from './rr-checks.js';
import { T } from './types.js';

/** Options of buildZone. */
export interface BuildOptions {
  /** Where problems found after the last record are reported (NSD: the line after the file's last). */
  readonly endFile?: string;
  readonly endLine?: number;
  /** The zone name as the user wrote it, for NSD's "zone configured as '...'" message. */
  readonly zoneText?: string;
}

type Severity = 'error' | 'warning';
interface At {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

const MAX_RRSET = 65535; // the RR count fields of a message are 16 bits (RFC 1035 4.1.1)
const SET_FROM = 16; // RRsets this large get a Set of folded rdatas instead of a linear scan

/**
 * Builds a zone snapshot, reporting problems as NSD's zone compiler does (zonec.c process_rr and
 * zonec_read, 4.6.1 wording). Returns undefined when any error was reported.
 */
export function buildZone(
  origin: Name,
  records: Iterable<PositionedRecord>,
  onProblem: (p: ZoneProblem) => void,
  opts: BuildOptions = {},
): ZoneContents | undefined {
  const b = new ZoneBuilder(origin, onProblem);
  for (const pr of records) b.add(pr);
  return b.finish(opts);
}

/**
 * The builder behind buildZone, for records that arrive over time (a zone transfer adds each message's
 * records as it is read, so the transfer never holds the records and the zone at once). `finish` once.
 */
export class ZoneBuilder {
  private readonly byKey = new NodeTable();
  /** Folded rdatas of the large RRsets, so duplicate checks stay O(1) there. */
  private readonly seen = new Map<RRset, Set<string>>();
  private last: ZoneNode | undefined;
  private hasSoa = false;
  /** Without a DNAME no data can sit below one: the check's walk over every node is skipped. */
  private hasDname = false;
  private errors = 0;

  constructor(
    private readonly origin: Name,
    private readonly onProblem: (p: ZoneProblem) => void,
  ) {}

  // The record being added, kept in fields rather than an object per record (a million records were a
  // million short-lived objects for the scavenger); `owner` is made from the spelling only when needed.
  private at: At = { file: '', line: 0, col: 0 };
  private file = '';
  private line = 0;
  private col = 0;
  private owner: Name | undefined;
  private spelling = '';

  add(pr: PositionedRecord): void {
    const r = pr.record;
    // Name.key is a flat string of its own (keeping it does not keep the parser's Name alive); the
    // spelling as written is another string only when the owner has upper-case letters.
    const key = r.owner.key;
    this.begin(pr.file, pr.line, pr.col, r.owner, hasUpper(r.owner.wire) ? bytesToLatin1(r.owner.wire) : key);
    this.addRecord(key, r.type, r.class, r.ttl, bytesToLatin1(r.rdata));
  }

  /**
   * A class IN record the zone file fast path read (zonefile RecordSink): the owner as its Name.key and
   * its wire form as written, the rdata as latin1 wire; no Name or Uint8Array is made unless needed.
   */
  addPlain(file: string, line: number, col: number, key: string, spelling: string, type: number, ttl: number, rdata: string | number): void {
    this.begin(file, line, col, undefined, spelling);
    this.addRecord(key, type, CLASS.IN, ttl, rdata);
  }

  private begin(file: string, line: number, col: number, owner: Name | undefined, spelling: string): void {
    this.file = file;
    this.line = line;
    this.col = col;
    this.owner = owner;
    this.spelling = spelling;
  }

  /** The current record's position, as an object only when a problem is reported. */
  private here(): At {
    if (this.at.file !== this.file || this.at.line !== this.line || this.at.col !== this.col) {
      this.at = { file: this.file, line: this.line, col: this.col };
    }
    return this.at;
  }

  /** The current record's owner as a Name, for messages and for an RRset spelled unlike its node. */
  private ownerName(): Name {
    if (this.owner === undefined) this.owner = new Name(latin1ToBytes(this.spelling));
    return this.owner;
  }

  /** `data` is the rdata as latin1, or 4 octets packed in an int32 (packRdata4). */
  private addRecord(key: string, type: number, klass: number, ttl: number, data: string | number): void {
    if (!this.acceptable(key, type, klass)) return;
    const spelling = this.spelling;
    const node = this.nodeFor(key, spelling);
    const rrset = node.get(type);
    if (rrset === undefined) {
      const source = spelling === node.spelling ? node : this.ownerName();
      const packed = typeof data === 'string' && type === T.A && data.length === 4 ? packRdata4(data) : data;
      node.addRRset(new RRset(source, type, klass, ttl, packed));
      if (type === T.SOA) this.hasSoa = true;
      else if (type === T.DNAME) this.hasDname = true;
    } else if (!this.addTo(rrset, type, ttl, rdataText(data))) {
      return;
    }
    if (type === T.DNAME || type === T.CNAME || node.size > 1) {
      for (const v of checkAddedRecord(node, type)) this.report(this.here(), 'error', v.code, v.message);
    }
  }

  /** The checks that reject a record before it is stored (class, SOA placement, zone membership). */
  private acceptable(key: string, type: number, klass: number): boolean {
    // NSD serves class IN only (zonec.c process_rr).
    if (klass !== CLASS.IN) return this.report(this.here(), 'error', 'CLASS_NOT_IN', 'only class IN is supported');
    if (type === T.SOA) {
      if (key !== this.origin.key) {
        const msg = `SOA record with invalid domain name, '${nameToText(this.ownerName())}' is not '${nameToText(this.origin)}'`;
        return this.report(this.here(), 'error', 'SOA_NOT_AT_APEX', msg);
      }
      // RFC 1035 5.2: exactly one SOA, at the top of the zone.
      if (this.hasSoa) return this.report(this.here(), 'error', 'DUPLICATE_SOA', 'this SOA record was already encountered');
    }
    if (!inZone(key, this.origin.key)) {
      const msg = `out of zone data: ${nameToText(this.ownerName())} is outside the zone for fqdn ${nameToText(this.origin)}`;
      return this.report(this.here(), 'error', 'OUT_OF_ZONE', msg);
    }
    return true;
  }

  /** Adds a record to an existing RRset; false when it was a duplicate or did not fit. */
  private addTo(rrset: RRset, type: number, ttl: number, data: string): boolean {
    const g = rrset as unknown as GrowingRRset;
    // RFC 2181 5.2: one TTL per RRset. NSD warns (not for RRSIG, whose TTLs follow the covered
    // sets) and keeps each record's own TTL, which it also serves.
    if (type !== T.RRSIG && ttl !== rrset.ttl) {
      const msg = `${nameToText(this.ownerName())} TTL ${ttl} does not match the TTL ${rrset.ttl} of the ${typeToText(type)} RRset`;
      this.report(this.here(), 'warning', 'TTL_MISMATCH', msg);
    }
    // Duplicates are dropped silently, names in rdata compared ignoring case (RFC 2181 5, NSD zrdatacmp).
    if (this.isDuplicate(rrset, g, data)) return false;
    if (rrset.size >= MAX_RRSET) return this.report(this.here(), 'error', 'RRSET_TOO_LARGE', 'too many RRs for domain RRset');
    if (typeof g.data !== 'object') g.data = [rdataText(g.data)];
    if (g.ttls === undefined && ttl !== g.ttl) g.ttls = g.data.map(() => g.ttl);
    g.data.push(data);
    g.ttls?.push(ttl);
    return true;
  }

  private isDuplicate(rrset: RRset, g: GrowingRRset, data: string): boolean {
    const type = rrset.type;
    const folded = foldedRdata(type, data);
    const all = typeof g.data === 'object' ? g.data : [rdataText(g.data)];
    let seen = this.seen.get(rrset);
    if (seen === undefined && all.length < SET_FROM) return all.some((x) => foldedRdata(type, x) === folded);
    if (seen === undefined) {
      seen = new Set(all.map((x) => foldedRdata(type, x)));
      this.seen.set(rrset, seen);
    }
    if (seen.has(folded)) return true;
    seen.add(folded); // added to the RRset next, unless it is full, which fails the load anyway
    return false;
  }

  private nodeFor(key: string, spelling: string): ZoneNode {
    // Zone files group records by owner, so the last node is the likely one.
    if (this.last !== undefined && this.last.key === key) return this.last;
    let node = this.byKey.get(key);
    if (node === undefined) {
      node = new ZoneNode(key, spelling);
      this.byKey.add(node);
    }
    this.last = node;
    return node;
  }

  finish(opts: BuildOptions): ZoneContents | undefined {
    const at = { file: opts.endFile ?? '', line: opts.endLine ?? 0, col: 1 };
    if (!this.hasSoa) {
      const zone = opts.zoneText ?? zoneArg(this.origin);
      this.report(at, 'error', 'NO_SOA', `zone configured as '${zone}' has no SOA record.`);
    }
    const { sorted, records } = adjustNodes(this.origin.key, this.byKey, this.hasDname);
    const below = this.hasDname ? findDataBelowDname(sorted) : undefined;
    if (below) {
      // NSD reports only the first such node, as two errors (zonec.c check_dname).
      this.report(at, 'error', 'DATA_BELOW_DNAME', `While checking node ${nameToText(below.node.name)},`);
      const msg = `DNAME at ${nameToText(below.dname.name)} has data below it. This is not allowed (rfc 2672).`;
      this.report(at, 'error', 'DATA_BELOW_DNAME', msg);
    }
    this.seen.clear();
    if (this.errors > 0) return undefined;
    return new ZoneContents(this.origin, this.byKey, sorted, records);
  }

  /** Reports a problem; returns false so rejecting checks can `return this.report(...)`. */
  private report(at: At, severity: Severity, code: string, message: string): false {
    if (severity === 'error') this.errors++;
    this.onProblem({ severity, code, message, file: at.file, line: at.line, col: at.col });
    return false;
  }
}

/** isSubdomain on keys: `key` ends with `originKey` at a label boundary. */
function inZone(key: string, originKey: string): boolean {
  const skip = key.length - originKey.length;
  let p = 0;
  while (p < skip) p += key.charCodeAt(p) + 1;
  return p === skip && key.endsWith(originKey);
}

function hasUpper(wire: Uint8Array): boolean {
  for (let i = 0; i < wire.length; i++) if (wire[i] >= 0x41 && wire[i] <= 0x5a) return true;
  return false;
}

/** The zone name as NSD prints it in "zone configured as" (without the trailing dot it was given). */
function zoneArg(origin: Name): string {
  const t = nameToText(origin);
  return t === '.' ? t : t.slice(0, -1);
}
