// CHAOS class answers (NSD query.c answer_chaos): id.server / hostname.bind and version.bind / version.server.
import type { Name } from '../wire/index.js';
import type { Decision } from './decision.js';
import { Part } from './encode-answer.js';
import { EDE } from './response-opt.js';
import type { ProcessOptions } from './types.js';

const CLASS_CH = 3;
const TYPE_TXT = 16;
const TYPE_ANY = 255;
const RCODE_REFUSED = 5;
const UTF8 = new TextEncoder();

// Lower-cased wire keys (Name.key form) of the names NSD answers.
const IDENTITY_NAMES = new Set([wireKey('id', 'server'), wireKey('hostname', 'bind')]);
const VERSION_NAMES = new Set([wireKey('version', 'server'), wireKey('version', 'bind')]);

function wireKey(...labels: string[]): string {
  return labels.map((l) => String.fromCharCode(l.length) + l).join('') + '\0';
}

/**
 * The answer to a CH-class question. TXT or ANY for the identity names gives the identity, for the
 * version names the version, with TTL 0 and AA clear; hidden ones are REFUSED with EDE 18 (Prohibited),
 * anything else REFUSED with EDE 21 (Not Supported), the question kept.
 */
export function answerChaos(qname: Name, qtype: number, opts: ProcessOptions): Decision {
  const refused = (code: number): Decision => ({ rcode: RCODE_REFUSED, aa: false, items: [], ede: { code }, zones: [], cacheable: true });
  if (qtype !== TYPE_TXT && qtype !== TYPE_ANY) return refused(EDE.NOT_SUPPORTED);
  let text: string;
  if (IDENTITY_NAMES.has(qname.key)) {
    if (opts.hideIdentity) return refused(EDE.PROHIBITED);
    text = opts.identity;
  } else if (VERSION_NAMES.has(qname.key)) {
    if (opts.hideVersion) return refused(EDE.PROHIBITED);
    text = opts.version;
  } else {
    return refused(EDE.NOT_SUPPORTED);
  }
  const item = { part: Part.ANSWER, owner: qname, type: TYPE_TXT, class: CLASS_CH, ttl: 0, rdatas: [txtRdata(text)] };
  return { rcode: 0, aa: false, items: [item], zones: [], cacheable: true };
}

/** One character-string (RFC 1035 3.3.14); NSD keeps at most 255 octets. */
function txtRdata(text: string): Uint8Array {
  const bytes = UTF8.encode(text).subarray(0, 255);
  const out = new Uint8Array(1 + bytes.length);
  out[0] = bytes.length;
  out.set(bytes, 1);
  return out;
}
