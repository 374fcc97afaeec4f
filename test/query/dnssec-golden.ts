// The DNSSEC query table: signed fixture zones, the questions, and answers in presentation format as nsd 4.6.1 gave them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classToText, nameToText, parseName, RCODE, rdataToText, typeFromText, typeToText, type Name } from '../../src/wire/index.js';
import type { AnswerPlan, PlannedRRset, QueryQuestion } from '../../src/query/index.js';

/** test/zones/dnssec in the source tree (this file runs from dist/test/query). */
export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/zones/dnssec');

/** The parent zone signed three ways (see make in dnssec-verify.ts); the child secure.example. is served with each. */
export const VARIANTS = [
  { name: 'nsec', file: 'example.nsec', what: 'NSEC, ldns-signzone' },
  { name: 'nsec3', file: 'example.nsec3', what: 'NSEC3 salt beef, 5 iterations, ldns-signzone' },
  { name: 'optout', file: 'example.optout', what: 'NSEC3 opt-out, salt cafe, 3 iterations, dnssec-signzone' },
] as const;
export const CHILD_FILE = 'secure.example.signed';

export interface GoldenQuestion {
  readonly q: QueryQuestion;
  /** The case the question shows (the comment after `#` in questions.txt). */
  readonly what: string;
  /** `;; qname qtype` (and ` do=0` without DO), the header of its block in the answers files. */
  readonly key: string;
}

/** questions.txt: `qname qtype [nodo] # what it shows`, one a line. */
export function readQuestions(): GoldenQuestion[] {
  const out: GoldenQuestion[] = [];
  for (const raw of fs.readFileSync(path.join(FIXTURE_DIR, 'questions.txt'), 'utf8').split('\n')) {
    const [spec, what = ''] = raw.split('#');
    const f = spec.trim().split(/\s+/);
    if (f[0] === '') continue;
    const qtype = typeFromText(f[1]);
    if (qtype === undefined) throw new Error(`questions.txt: bad type in "${raw}"`);
    const dnssecOk = f[2] !== 'nodo';
    const q: QueryQuestion = { qname: parseName(f[0], null), qtype, qclass: 1, dnssecOk };
    out.push({ q, what: what.trim(), key: `;; ${f[0]} ${f[1]}${dnssecOk ? '' : ' do=0'}`.toLowerCase() });
  }
  return out;
}

/**
 * One record in presentation format, lower-cased (names compare ignoring case, RFC 4343). RRSIG lines
 * stop before the signature and DNSKEY lines before the key: the table checks which records are
 * sent, not the cryptography (the validating-resolver test does that).
 */
export function recordLine(owner: Name, ttl: number, klass: number, type: number, rdata: Uint8Array): string {
  let text = rdataToText(type, rdata);
  if (type === 46) text = text.split(/\s+/).slice(0, 8).join(' ');
  if (type === 48) text = text.split(/\s+/).slice(0, 3).join(' ');
  return `${nameToText(owner)} ${ttl} ${classToText(klass)} ${typeToText(type)} ${text}`.toLowerCase();
}

function rrsetLines(r: PlannedRRset): string[] {
  const lines = r.rdatas.map((rd, i) => recordLine(r.owner, r.ttls?.[i] ?? r.ttl, r.class, r.type, rd));
  return r.rrsigs === undefined ? lines : [...lines, ...rrsetLines(r.rrsigs)];
}

export function rcodeName(rcode: number): string {
  return Object.entries(RCODE).find(([, v]) => v === rcode)?.[0] ?? String(rcode);
}

/** A block of an answers file: header, rcode and AA, then the three sections in the order sent. */
export function block(key: string, rcode: number, aa: boolean, sections: readonly (readonly string[])[]): string {
  const names = ['answer', 'authority', 'additional'];
  const body = sections.flatMap((lines, i) => [`${names[i]}:`, ...lines.map((l) => `  ${l}`)]);
  return [key, `rcode ${rcodeName(rcode)}${aa ? ' aa' : ''}`, ...body].join('\n');
}

/** The engine's plan as a block (RRSIGs right after the RRset they cover, as they are sent). */
export function planBlock(key: string, plan: AnswerPlan): string {
  const sec = (rs: readonly PlannedRRset[]) => rs.flatMap(rrsetLines);
  return block(key, plan.rcode, plan.aa, [sec(plan.answer), sec(plan.authority), sec(plan.additional)]);
}

export function answersFile(variant: string): string {
  return path.join(FIXTURE_DIR, `${variant}.answers`);
}

/** The blocks of an answers file by their header line. */
export function readAnswers(variant: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const b of fs.readFileSync(answersFile(variant), 'utf8').split('\n\n')) {
    const text = b.trim();
    if (text !== '') map.set(text.split('\n')[0], text);
  }
  return map;
}
