// Fuzz target: rdata presentation text of any type parses or throws RdataError/WireError; what parses prints and reads back the same.
import {
  canonicalRdata, parseName, rdataFromText, rdataNameFields, rdataToText, TsdnsError, TYPE, typeToText, validateRdata,
  type RdataToken, type ZoneProblem,
} from '../../src/wire/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { latin1, PropertyFailure, type FuzzTarget } from '../engine/target.js';

const ORIGIN = parseName('example.', null);
const TYPES = Object.values(TYPE);

/** Splits text into rdata tokens as a zone file line holds them: blanks separate, "..." is one token (\" inside). */
export function tokens(text: string): RdataToken[] {
  const out: RdataToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const quoted = c === '"';
    let j = quoted ? i + 1 : i;
    while (j < text.length && (quoted ? text[j] !== '"' : !' \t\n\r'.includes(text[j]))) j += text[j] === '\\' ? 2 : 1;
    out.push({ text: text.slice(quoted ? i + 1 : i, Math.min(j, text.length)), quoted });
    i = j + (quoted ? 1 : 0);
  }
  return out;
}

/**
 * The rdata of `type` read back by the zone file parser from the printed text, or the problems it
 * reported; null for the types a zone file may not hold (OPT, TSIG, AXFR and the other meta types).
 */
function reread(type: number, printed: string): Uint8Array | string | null {
  const problems: string[] = [];
  let metaType = false;
  const source = new MemoryZoneSource({ 'r.zone': `@ 3600 IN ${typeToText(type)} ${printed}\n` });
  const onProblem = (p: ZoneProblem): void => {
    if (p.severity === 'error') problems.push(p.message);
    if (p.code === 'BAD_TYPE') metaType = true;
  };
  const records = [...parseZone({ file: 'r.zone', origin: ORIGIN, source, onProblem })];
  if (metaType) return null;
  if (problems.length > 0 || records.length !== 1) return problems.join('; ') || `${records.length} records`;
  return records[0].record.rdata;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const target: FuzzTarget = {
  name: 'rdata-text',
  covers: 'wire/rdataFromText for every type (and TYPEnnn, \\# generic), then validateRdata, rdataToText, rdataNameFields, canonicalRdata and a re-read of the printed text',
  maxLength: 2048,
  dictionary: [' ', '"', '\\', '\\# ', '\\# 4 c0000201', '\\0', '\\255', '.', '@', '*', 'example.', '192.0.2.1', '2001:db8::1',
    ' 10 ', ' 65535 ', ' 4294967296 ', '-1', 'alpn=h2,h3', 'port=53', 'mandatory=alpn', 'ipv4hint=192.0.2.1', 'key65000', 'ech=',
    ' A ', ' NS ', ' RRSIG ', ' TYPE1 ', '20300101000000', 'N', 'S', 'E', 'W', 'm', ' 8 ', ' 2 ', 'AAAA', '=', '-', '(', ')', ';'],
  run(input: Uint8Array): void {
    if (input.length < 2) return;
    // The first octet picks a known type; with the top bit of the second, any type code at all.
    const type = input[1] & 0x80 ? ((input[1] & 0x7f) << 8) | input[0] : TYPES[input[0] % TYPES.length];
    let rdata: Uint8Array;
    try {
      rdata = rdataFromText(type, tokens(latin1(input.subarray(2))), ORIGIN);
    } catch (e) {
      if (e instanceof TsdnsError) return;
      throw e;
    }
    validateRdata(type, rdata);
    rdataNameFields(type, rdata);
    canonicalRdata(type, rdata);
    const printed = rdataToText(type, rdata);
    const again = reread(type, printed);
    if (again === null) return;
    if (typeof again === 'string' || !same(again, rdata)) {
      throw new PropertyFailure(`${typeToText(type)} printed as "${printed}" reads back ${typeof again === 'string' ? `with errors: ${again}` : 'differently'}`);
    }
  },
};
