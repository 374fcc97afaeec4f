// Zones back as text: one record per line, absolute owner, `owner TTL CLASS TYPE rdata`, tab separated like nsd-checkzone -p.
import {
  WireError, classToText, genericRdataText, nameToText, rdataToText, typeToText, type Name, type ResourceRecord,
} from '../wire/index.js';

export interface WriteZoneOptions {
  /** When given, a `$ORIGIN` line comes first (names stay absolute, so it only documents the zone). */
  origin?: Name;
}

/** The rdata in presentation form; rdata its type cannot print (malformed) falls back to RFC 3597 `\# len hex`. */
function rdataText(rr: ResourceRecord): string {
  try {
    return rdataToText(rr.type, rr.rdata);
  } catch (err) {
    if (err instanceof WireError) return genericRdataText(rr.rdata);
    throw err;
  }
}

/** One record as a zone file line (without the line break). */
export function recordToText(rr: ResourceRecord): string {
  return `${nameToText(rr.owner)}\t${rr.ttl}\t${classToText(rr.class)}\t${typeToText(rr.type)}\t${rdataText(rr)}`;
}

/** The lines of a zone file for `records`, each ending in a line break; streams, for zones of any size. */
export function* zoneLines(records: Iterable<ResourceRecord>, opts: WriteZoneOptions = {}): Generator<string> {
  if (opts.origin) yield `$ORIGIN ${nameToText(opts.origin)}\n`;
  for (const rr of records) yield recordToText(rr) + '\n';
}

/** The whole zone file text for `records` (see zoneLines to stream a large zone instead). */
export function writeZone(records: Iterable<ResourceRecord>, opts: WriteZoneOptions = {}): string {
  let out = '';
  for (const line of zoneLines(records, opts)) out += line;
  return out;
}
