// Fuzz target: the whole request pipeline over the query test zones: any bytes in -> no answer, or a well-formed one that matches.
import { DEFAULT_PROCESS_OPTIONS, QueryProcessor, type RequestContext, type ServedZones } from '../../src/process/index.js';
import { answerQuestion } from '../../src/query/index.js';
import { decodeMessage, parseName, readQuestion, type Message, type QuestionAt } from '../../src/wire/index.js';
import type { ZoneDb } from '../../src/zone/index.js';
import { MAIN } from '../../test/query/fixtures.js';
import { dbFromText } from '../../test/query/helpers.js';
import { PropertyFailure, type FuzzTarget } from '../engine/target.js';

let processors: QueryProcessor<ZoneDb>[] | null = null;

const key = (origin: string): string => parseName(origin, null).key;

/** Two processors over the same zones: NSD's defaults, and the options that change answers switched on. */
function setup(): QueryProcessor<ZoneDb>[] {
  const db = dbFromText(MAIN);
  // A configured zone that failed to load answers SERVFAIL.
  const configured = new Set([...Object.keys(MAIN), 'unloaded.example.'].map(key));
  const served: ServedZones<ZoneDb> = { db, configured, unloaded: new Set([key('unloaded.example.')]) };
  const other = { ...DEFAULT_PROCESS_OPTIONS, refuseAny: true, minimalResponses: true, roundRobin: true, nsid: new Uint8Array([1, 2, 3]), hideVersion: true };
  return [
    new QueryProcessor({ options: DEFAULT_PROCESS_OPTIONS, zones: () => served, engine: answerQuestion, cacheEntries: 64 }),
    new QueryProcessor({ options: other, zones: () => served, engine: answerQuestion }),
  ];
}

function fail(why: string): never {
  throw new PropertyFailure(why);
}

function question(msg: Uint8Array): QuestionAt | null {
  try {
    return readQuestion(msg);
  } catch {
    return null;
  }
}

/** The checks on one answer: header, decodability, question echo and size. */
function check(input: Uint8Array, out: Uint8Array, ctx: RequestContext): void {
  if (out.length < 12) fail(`answer of ${out.length} octets`);
  if (out[0] !== input[0] || out[1] !== input[1]) fail('answer ID differs from the query ID');
  if ((out[2] & 0x80) === 0) fail('answer without QR');
  let m: Message;
  try {
    m = decodeMessage(out);
  } catch (e) {
    fail(`answer does not decode: ${(e as Error).message}`);
  }
  if (m.questions.length > 1) fail(`answer with ${m.questions.length} questions`);
  if (m.questions.length === 1) {
    const asked = question(input);
    const q = m.questions[0];
    if (asked === null) fail('answer has a question the query did not have');
    const same = asked.qname.wire.length === q.qname.wire.length && asked.qname.wire.every((b, i) => b === q.qname.wire[i]);
    if (!same || asked.qtype !== q.qtype || asked.qclass !== q.qclass) fail('answer question differs from the query question');
  }
  if (ctx.transport === 'udp' && out.length > 1232) fail(`UDP answer of ${out.length} octets`);
  if (ctx.transport === 'udp' && out.length > 512 && m.edns === null) {
    let asked: Message | null = null;
    try {
      asked = decodeMessage(input);
    } catch {
      // FORMERR and friends are small; an undecodable query with a big answer is caught below.
    }
    if (asked === null || asked.edns === null) fail(`UDP answer of ${out.length} octets to a query without EDNS`);
  }
}

export const target: FuzzTarget = {
  name: 'query-path',
  covers: 'process/QueryProcessor over the query test zones (UDP and TCP, two option sets): parse, FORMERR/NOTIMP, EDNS, NOTIFY, TSIG BADKEY, answer engine, encoding, truncation, answer cache',
  maxLength: 1500,
  run(input: Uint8Array): void {
    processors ??= setup();
    // The input length picks the transport and option set, so a mutation explores each.
    const ctx: RequestContext = { transport: input.length & 1 ? 'tcp' : 'udp', family: input.length & 4 ? 6 : 4 };
    const out = processors[(input.length >> 1) & 1].handle(input, ctx);
    if (out !== null) check(input, out, ctx);
  },
};
