// DNAME substitution (RFC 6672 2.2, 3.1): the DNAME RRset, the CNAME it synthesises, and the name to follow.
import { CLASS, isSubdomain, MAX_NAME, Name, RCODE, TYPE } from '../wire/index.js';
import type { ZoneContents, ZoneNode } from '../zone/index.js';
import { addRRset } from './additional.js';
import type { QueryContext } from './context.js';
import { Part } from './plan-builder.js';
import type { PlannedRRset } from './types.js';

/**
 * Answers `name`, which is below the DNAME at `owner`: adds the DNAME RRset and a CNAME from the
 * name to its substitute with the DNAME's TTL (RFC 6672 3.1 step 3), and returns the substitute to
 * follow, as NSD's answer_authoritative does. Stops (undefined) on a loop, on YXDOMAIN, and for
 * qtype CNAME, whose answer the synthesised CNAME is.
 */
export function expandDname(ctx: QueryContext, zone: ZoneContents, owner: ZoneNode, name: Name): Name | undefined {
  const dname = owner.get(TYPE.DNAME);
  if (dname === undefined) return undefined;
  const target = new Name(dname.rdatas[0]);
  // The DNAME is in the answer already and maps into its own subtree: a loop (NSD).
  if (!addRRset(ctx, zone, Part.ANSWER, dname) && isSubdomain(target, owner.name)) return undefined;
  ctx.cnameCount++;
  const next = substitute(name, owner.name, target);
  if (next === undefined) {
    // RFC 6672 2.2: the substitute would be longer than 255 octets.
    ctx.b.rcode = RCODE.YXDOMAIN;
    return undefined;
  }
  // The same CNAME synthesised before: a loop through several DNAMEs (NSD query_synthesize_cname).
  if (ctx.b.hasCname(name.key, next.key)) return undefined;
  const cname: PlannedRRset = { owner: name, type: TYPE.CNAME, class: CLASS.IN, ttl: dname.ttlAt(0), rdatas: [next.wire] };
  if (!addRRset(ctx, zone, Part.ANSWER, cname)) return undefined;
  return ctx.q.qtype === TYPE.CNAME ? undefined : next;
}

/** `name` with its suffix `from` replaced by `to`; undefined when the result is too long. */
export function substitute(name: Name, from: Name, to: Name): Name | undefined {
  const keep = name.wire.length - from.wire.length;
  const length = keep + to.wire.length;
  if (length > MAX_NAME) return undefined;
  const wire = new Uint8Array(length);
  wire.set(name.wire.subarray(0, keep), 0);
  wire.set(to.wire, keep);
  return new Name(wire, name.labelCount - from.labelCount + to.labelCount);
}
