// Class CH (RFC 1035 3.2.4): the server's identity and version as TXT, the way NSD 4.6 answers them.
import { CLASS, RCODE, TYPE } from '../wire/index.js';
import type { AnswerPlan, QueryOptions, QueryQuestion } from './types.js';

// Lower-cased wire keys (Name.key) of the names NSD answers (query.c answer_chaos).
const IDENTITY_NAMES: ReadonlySet<string> = new Set(['\x02id\x06server\x00', '\x08hostname\x04bind\x00']);
const VERSION_NAMES: ReadonlySet<string> = new Set(['\x07version\x06server\x00', '\x07version\x04bind\x00']);

const REFUSED: AnswerPlan = plan(RCODE.REFUSED, []);

/**
 * TXT (or ANY) for id.server / hostname.bind and version.server / version.bind, compared ignoring
 * case, with TTL 0 and AA clear; REFUSED for any other CH question and for a hidden identity or
 * version (checked with nsd 4.6.1, hide-identity and hide-version).
 */
export function answerChaos(q: QueryQuestion, opts: QueryOptions): AnswerPlan {
  const kind = chaosKind(q);
  const text = kind === 'identity' ? opts.identity : kind === 'version' ? opts.version : undefined;
  if (text === undefined) return REFUSED;
  return plan(RCODE.NOERROR, [{ owner: q.qname, type: TYPE.TXT, class: CLASS.CH, ttl: 0, rdatas: [txtRdata(text)] }]);
}

/** Which server fact a CH question asks for: TXT or ANY at one of NSD's names, else undefined. */
export function chaosKind(q: QueryQuestion): 'identity' | 'version' | undefined {
  if (q.qtype !== TYPE.TXT && q.qtype !== TYPE.ANY) return undefined;
  const key = q.qname.key;
  return IDENTITY_NAMES.has(key) ? 'identity' : VERSION_NAMES.has(key) ? 'version' : undefined;
}

function plan(rcode: number, answer: AnswerPlan['answer']): AnswerPlan {
  return { rcode, aa: false, answer, authority: [], additional: [], requiredAdditional: 0, zones: [] };
}

/** One character-string (RFC 1035 3.3.14) of the UTF-8 text, cut at 255 octets. */
function txtRdata(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text).subarray(0, 255);
  const rdata = new Uint8Array(bytes.length + 1);
  rdata[0] = bytes.length;
  rdata.set(bytes, 1);
  return rdata;
}

