// NSEC3 denial of existence (RFC 5155 7.2): the NSEC3 RRsets NSD 4.6 picks (nsec3.c), from the precomputed chain.
import { type Name, stripLabels } from '../wire/index.js';
import type { RRset, ZoneNode } from '../zone/index.js';
import type { Nsec3Chain } from './nsec3-chain.js';

/** The NSEC3 RRsets of a proof in NSD's order; `collision` when a name to prove absent hashes onto an NSEC3. */
export interface Nsec3Proof {
  readonly rrsets: RRset[];
  collision: boolean;
}

function add(p: Nsec3Proof, rrset: RRset | undefined): void {
  if (rrset !== undefined && !p.rrsets.includes(rrset)) p.rrsets.push(rrset);
}

/**
 * The NSEC3 covering the next closer name: `name` cut to one label below the encloser (RFC 5155
 * 7.2.1). A matching NSEC3 instead is a hash collision: NSD answers SERVFAIL (nsec3_add_nonexist_proof).
 */
function nextCloser(chain: Nsec3Chain, p: Nsec3Proof, encloser: ZoneNode, name: Name): void {
  const labels = encloser.name.labelCount + 1;
  const hit = chain.find(chain.hashOf(stripLabels(name, name.labelCount - labels)));
  if (hit.exact) p.collision = true;
  else add(p, hit.rrset);
}

/**
 * NXDOMAIN (RFC 5155 7.2.2): the next closer's cover, the closest encloser's own NSEC3 (when it has
 * one), and the cover of the wildcard at the closest encloser (nsec3_answer_authoritative).
 */
export function nsec3Nxdomain(chain: Nsec3Chain, ce: ZoneNode, name: Name): Nsec3Proof {
  const p: Nsec3Proof = { rrsets: [], collision: false };
  nextCloser(chain, p, ce, name);
  if (chain.isExact(ce)) add(p, chain.coverOf(ce));
  if (chain.has(ce)) add(p, chain.wildcardCoverOf(ce));
  return p;
}

/** A wildcard answer (RFC 5155 7.2.6): the cover of the next closer name (nsec3_answer_wildcard). */
export function nsec3Wildcard(chain: Nsec3Chain, ce: ZoneNode, name: Name): Nsec3Proof {
  const p: Nsec3Proof = { rrsets: [], collision: false };
  nextCloser(chain, p, ce, name);
  return p;
}

/**
 * NODATA (RFC 5155 7.2.3-7.2.5), as nsec3_answer_nodata: for DS, the DS proof (at the apex of a zone
 * whose parent we do not serve, the apex's NSEC3); for a wildcard NODATA, the closest encloser's and
 * the wildcard's NSEC3; otherwise the name's NSEC3, or for an empty non-terminal without one (opt-out)
 * the covering NSEC3 of the highest such ancestor and its parent's NSEC3.
 */
export function nsec3Nodata(chain: Nsec3Chain, node: ZoneNode, ds: boolean): RRset[] {
  const p: Nsec3Proof = { rrsets: [], collision: false };
  const parent = node.parent;
  if (ds) {
    if (node.isApex) {
      if (chain.isExact(node)) add(p, chain.coverOf(node));
      return p.rrsets;
    }
    dsProof(chain, p, node, false);
    // A DS NODATA from a wildcard also proves the closest encloser (checked with nsd 4.6.1).
    if (!isWildcardNode(node)) return p.rrsets;
  }
  if (isWildcardNode(node)) {
    if (parent !== undefined && chain.isExact(parent)) add(p, chain.coverOf(parent));
    add(p, chain.coverOf(node));
    return p.rrsets;
  }
  if (!chain.has(node)) return p.rrsets;
  let at = node;
  if (!chain.isExact(at)) {
    for (let up = at.parent; up !== undefined && chain.has(up) && !chain.isExact(up); up = up.parent) at = up;
  }
  add(p, chain.coverOf(at));
  if (!chain.isExact(at) && at.parent !== undefined && chain.isExact(at.parent)) add(p, chain.coverOf(at.parent));
  return p.rrsets;
}

/** A referral (RFC 5155 7.2.7): the DS proof of the delegation (nsec3_answer_delegation). */
export function nsec3Referral(chain: Nsec3Chain, cut: ZoneNode): RRset[] {
  const p: Nsec3Proof = { rrsets: [], collision: false };
  dsProof(chain, p, cut, true);
  return p.rrsets;
}

/**
 * NSD's nsec3_add_ds_proof: the delegation's own NSEC3 (RFC 5155 7.2.7), or else the closest
 * provable encloser's NSEC3 and the (opt-out) NSEC3 covering the next closer name (RFC 5155 7.2.7
 * with 6: an opt-out span covering an insecure delegation).
 */
function dsProof(chain: Nsec3Chain, p: Nsec3Proof, node: ZoneNode, delegation: boolean): void {
  if (chain.isDsExact(node)) return add(p, chain.dsCoverOf(node));
  if (!delegation && chain.isExact(node)) return add(p, chain.coverOf(node));
  let par = node.parent;
  let prev: ZoneNode | undefined;
  while (par !== undefined && !chain.isExact(par)) {
    prev = par;
    par = par.parent;
  }
  if (par === undefined) return;
  add(p, chain.coverOf(par));
  // The next closer name: the highest name below the encloser, or else the delegation itself, whose
  // (opt-out) cover NSD adds only then (checked with nsd 4.6.1).
  if (prev !== undefined && chain.has(prev)) add(p, chain.coverOf(prev));
  else add(p, chain.dsCoverOf(node));
}

/** The node is a wildcard, `*.<name>` (RFC 4592 2.1.1). */
function isWildcardNode(node: ZoneNode): boolean {
  return node.key.charCodeAt(0) === 1 && node.key.charCodeAt(1) === 0x2a;
}
