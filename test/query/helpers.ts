// Test helpers for the answer engine: zones from text (parseZone + buildZone in memory) and plans as text.
import { classFromText, classToText, nameToText, parseName, rdataToText, RCODE, typeFromText, typeToText, type ZoneProblem } from '../../src/wire/index.js';
import { buildZone, ZoneDb, type ZoneContents } from '../../src/zone/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import type { AnswerPlan, PlannedRRset, QueryOptions, QueryQuestion } from '../../src/query/index.js';
import type { QueryCase } from './cases.js';

/** Builds one zone from its text; throws with the problems when it does not load. */
export function zoneFromText(origin: string, text: string): ZoneContents {
  const problems: ZoneProblem[] = [];
  const onProblem = (p: ZoneProblem): void => {
    problems.push(p);
  };
  const name = parseName(origin, null);
  const file = `${origin}zone`;
  const source = new MemoryZoneSource({ [file]: text });
  const zone = buildZone(name, parseZone({ file, origin: name, source, onProblem }), onProblem, { endFile: file });
  const errors = problems.filter((p) => p.severity === 'error');
  if (zone === undefined || errors.length > 0) {
    throw new Error(`zone ${origin} did not load: ${errors.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
  }
  return zone;
}

/** A ZoneDb serving every zone of `zones` (origin -> zone file text). */
export function dbFromText(zones: Readonly<Record<string, string>>): ZoneDb {
  const db = new ZoneDb();
  for (const [origin, text] of Object.entries(zones)) db.set(zoneFromText(origin, text));
  return db;
}

/** The options NSD runs with by default, with the identity and version of the test nsd.conf. */
export const DEFAULT_OPTIONS: QueryOptions = { minimalResponses: false, refuseAny: false, identity: 'myid', version: 'myver' };

/** One record per line, `owner ttl class type rdata`, as dig prints them. */
export function rrsetLines(rrset: PlannedRRset): string[] {
  const head = `${nameToText(rrset.owner)} `;
  const tail = ` ${classToText(rrset.class)} ${typeToText(rrset.type)} `;
  return rrset.rdatas.map((rd, i) => head + String(rrset.ttls?.[i] ?? rrset.ttl) + tail + rdataToText(rrset.type, rd));
}

/**
 * A section in a comparable form: lines lower-cased (names compare ignoring case; NSD prints names
 * in the case of the question because it compresses against it), whitespace collapsed, sorted.
 */
export function normalise(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim().replace(/\s+/g, ' ').toLowerCase()).sort();
}

export function sectionText(rrsets: readonly PlannedRRset[]): string[] {
  return normalise(rrsets.flatMap(rrsetLines));
}

export function rcodeName(rcode: number): string {
  const found = Object.entries(RCODE).find(([, v]) => v === rcode);
  return found === undefined ? String(rcode) : found[0];
}

/** The plan as text, for assertions and failure messages. */
export function planText(plan: AnswerPlan): { rcode: string; aa: boolean; answer: string[]; authority: string[]; additional: string[] } {
  return {
    rcode: rcodeName(plan.rcode),
    aa: plan.aa,
    answer: sectionText(plan.answer),
    authority: sectionText(plan.authority),
    additional: sectionText(plan.additional),
  };
}

/** The question of a table case. */
export function questionOf(c: QueryCase): QueryQuestion {
  const qtype = typeFromText(c.qtype);
  const qclass = classFromText(c.qclass ?? 'IN');
  if (qtype === undefined || qclass === undefined) throw new Error(`bad type or class in case ${c.name}`);
  return { qname: parseName(c.qname, null), qtype, qclass, dnssecOk: c.dnssecOk ?? false };
}
