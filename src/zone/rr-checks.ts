// NSD's per-record content rules: CNAME and DNAME exclusivity (RFC 1034 3.6.2, RFC 2181 10.1, RFC 6672 2.4).
import type { ZoneNode } from './node.js';
import { T } from './types.js';

export interface RuleViolation {
  readonly code: string;
  readonly message: string;
}

// Types NSD 4.6 allows beside a CNAME (namedb.c domain_find_non_cname_rrset): the DNSSEC records
// of RFC 4035 2.5 and their RFC 2535 predecessors. KEY is not among them, so NSD rejects CNAME+KEY.
const CNAME_COMPANIONS: ReadonlySet<number> = new Set([T.CNAME, T.RRSIG, T.NXT, T.SIG, T.NSEC, T.NSEC3]);

const NONE: readonly RuleViolation[] = [];

/**
 * The rules NSD checks after adding a record of `type` to `node` (zonec.c process_rr), in its
 * order. Like NSD they are checked after every added record, so a CNAME followed by two other
 * RRsets gives two errors.
 */
export function checkAddedRecord(node: ZoneNode, type: number): readonly RuleViolation[] {
  // Checked for every record of a zone: the common clean case allocates nothing.
  if (type !== T.DNAME && type !== T.CNAME && !node.has(T.CNAME)) return NONE;
  const out: RuleViolation[] = [];
  const size = node.get(type)?.size ?? 0;
  if (type === T.DNAME && size > 1) {
    out.push({ code: 'MULTIPLE_DNAME', message: 'multiple DNAMEs at the same name' });
  }
  if (type === T.CNAME && size > 1) {
    out.push({ code: 'MULTIPLE_CNAME', message: 'multiple CNAMEs at the same name' });
  }
  const hasCname = node.has(T.CNAME);
  if ((type === T.DNAME && hasCname) || (type === T.CNAME && node.has(T.DNAME))) {
    out.push({ code: 'CNAME_AND_DNAME', message: 'DNAME and CNAME at the same name' });
  }
  if (hasCname && hasNonCnameData(node)) {
    out.push({ code: 'CNAME_AND_OTHER_DATA', message: 'CNAME and other data at the same name' });
  }
  return out;
}

function hasNonCnameData(node: ZoneNode): boolean {
  for (const type of node.keys()) if (!CNAME_COMPANIONS.has(type)) return true;
  return false;
}

/** True for a node holding only NSEC3 (and their RRSIGs): NSD skips those in the DNAME check. */
export function hasOnlyNsec3(node: ZoneNode): boolean {
  let nsec3 = false;
  for (const type of node.keys()) {
    if (type === T.NSEC3) nsec3 = true;
    else if (type !== T.RRSIG) return false;
  }
  return nsec3;
}

/**
 * NSD's check_dname: the first node in canonical order that has data below a DNAME (RFC 6672 2.4
 * forbids it). NSD reports only that first one, as two errors.
 */
export function findDataBelowDname(sorted: readonly ZoneNode[]): { node: ZoneNode; dname: ZoneNode } | undefined {
  for (const node of sorted) {
    if (!node.isOccluded || node.size === 0 || hasOnlyNsec3(node)) continue;
    for (let p = node.parent; p !== undefined; p = p.parent) {
      if (p.has(T.DNAME)) return { node, dname: p };
    }
  }
  return undefined;
}
