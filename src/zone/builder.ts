// buildZone: one builder from any record iterable to a ZoneContents, with NSD 4.6's zone checks.
import { CLASS, nameToText, typeToText } from '../wire/index.js';
import type { Name, PositionedRecord, ZoneProblem } from '../wire/index.js';
import { adjustNodes } from './adjust.js';
import { ZoneContents } from './contents.js';
import { bytesToLatin1 } from './latin1.js';
import { ZoneNode } from './node.js';
import { NodeTable } from './node-table.js';
import { foldedRdata } from './rdata-key.js';
import { RRset, type GrowingRRset } from './rrset.js';
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
  private errors = 0;

  constructor(
    private readonly origin: Name,
    private readonly onProblem: (p: ZoneProblem) => void,
  ) {}

  add(pr: PositionedRecord): void {
    const r = pr.record;
    // Name.key is a flat string of its own (keeping it does not keep the parser's Name alive); the
    // spelling as written is another string only when the owner has upper-case letters.
    const key = r.owner.key;
    const spelling = hasUpper(r.owner.wire) ? bytesToLatin1(r.owner.wire) : key;
    if (!this.acceptable(pr, key)) return;
    const node = this.nodeFor(key, spelling);
    const rrset = node.get(r.type);
    if (rrset === undefined) {
      const owner = spelling === node.spelling ? node : r.owner;
      node.addRRset(new RRset(owner, r.type, r.class, r.ttl, bytesToLatin1(r.rdata)));
      if (r.type === T.SOA) this.hasSoa = true;
    } else if (!this.addTo(pr, rrset)) {
      return;
    }
    for (const v of checkAddedRecord(node, r.type)) this.report(pr, 'error', v.code, v.message);
  }

  /** The checks that reject a record before it is stored (class, SOA placement, zone membership). */
  private acceptable(pr: PositionedRecord, key: string): boolean {
    const r = pr.record;
    // NSD serves class IN only (zonec.c process_rr).
    if (r.class !== CLASS.IN) return this.report(pr, 'error', 'CLASS_NOT_IN', 'only class IN is supported');
    if (r.type === T.SOA) {
      if (key !== this.origin.key) {
        const msg = `SOA record with invalid domain name, '${nameToText(r.owner)}' is not '${nameToText(this.origin)}'`;
        return this.report(pr, 'error', 'SOA_NOT_AT_APEX', msg);
      }
      // RFC 1035 5.2: exactly one SOA, at the top of the zone.
      if (this.hasSoa) return this.report(pr, 'error', 'DUPLICATE_SOA', 'this SOA record was already encountered');
    }
    if (!inZone(key, this.origin.key)) {
      const msg = `out of zone data: ${nameToText(r.owner)} is outside the zone for fqdn ${nameToText(this.origin)}`;
      return this.report(pr, 'error', 'OUT_OF_ZONE', msg);
    }
    return true;
  }

  /** Adds a record to an existing RRset; false when it was a duplicate or did not fit. */
  private addTo(pr: PositionedRecord, rrset: RRset): boolean {
    const r = pr.record;
    const g = rrset as unknown as GrowingRRset;
    // RFC 2181 5.2: one TTL per RRset. NSD warns (not for RRSIG, whose TTLs follow the covered
    // sets) and keeps each record's own TTL, which it also serves.
    if (r.type !== T.RRSIG && r.ttl !== rrset.ttl) {
      const msg = `${nameToText(r.owner)} TTL ${r.ttl} does not match the TTL ${rrset.ttl} of the ${typeToText(r.type)} RRset`;
      this.report(pr, 'warning', 'TTL_MISMATCH', msg);
    }
    const data = bytesToLatin1(r.rdata);
    // Duplicates are dropped silently, names in rdata compared ignoring case (RFC 2181 5, NSD zrdatacmp).
    if (this.isDuplicate(rrset, g, data)) return false;
    if (rrset.size >= MAX_RRSET) return this.report(pr, 'error', 'RRSET_TOO_LARGE', 'too many RRs for domain RRset');
    if (typeof g.data === 'string') g.data = [g.data];
    if (g.ttls === undefined && r.ttl !== g.ttl) g.ttls = g.data.map(() => g.ttl);
    g.data.push(data);
    g.ttls?.push(r.ttl);
    return true;
  }

  private isDuplicate(rrset: RRset, g: GrowingRRset, data: string): boolean {
    const type = rrset.type;
    const folded = foldedRdata(type, data);
    const all = typeof g.data === 'string' ? [g.data] : g.data;
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
    const { sorted, records } = adjustNodes(this.origin.key, this.byKey);
    const below = findDataBelowDname(sorted);
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
