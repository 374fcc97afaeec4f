// The field-list interpreter: one walk over a type's declared fields drives text parsing, printing, checks and name positions.
import { RdataError } from './errors.js';
import type { Name } from './name.js';
import { readName } from './name-reader.js';
import { ByteSink } from './rdata-bytes.js';
import { COMPOUND_KINDS } from './rdata-compound.js';
import { BASIC_KINDS } from './rdata-fields.js';
import { BIN_KINDS } from './rdata-fields-bin.js';
import { bad, type KindCodec } from './rdata-kind.js';
import { loc } from './rdata-loc.js';
import { svcparams } from './rdata-svcb.js';
import { TextCursor, type RdataToken } from './rdata-text.js';
import { allTypeDefs, type FieldKind, type TypeDef } from './rr-types.js';

/** Where an uncompressed domain name sits inside rdata, and how the name is treated. */
export interface RdataNameField {
  readonly offset: number;
  readonly length: number;
  /** May be compressed when sending (RFC 3597 4: only the RFC 1035 types). */
  readonly compress: boolean;
  /** Lower-cased in the canonical form (RFC 4034 6.2 as updated by RFC 6840 5.1). */
  readonly canonicalLower: boolean;
}

const KINDS: Record<FieldKind, KindCodec> = {
  ...BASIC_KINDS, ...BIN_KINDS, ...COMPOUND_KINDS, loc, 'svcparams-rest': svcparams,
};

interface Field {
  readonly codec: KindCodec;
  /** "MX preference": names the field in messages. */
  readonly what: string;
}

interface Compiled {
  readonly mnemonic: string;
  readonly fields: readonly Field[];
  /** Some field may arrive compressed, so reading from a message must rebuild the rdata. */
  readonly decompress: boolean;
  /** Some field holds a domain name. */
  readonly names: boolean;
}

const COMPILED = new Map<number, Compiled>();
for (const def of allTypeDefs()) {
  if (def.fields) COMPILED.set(def.code, compile(def));
}

function compile(def: TypeDef): Compiled {
  const fields = def.fields!.map((f) => {
    const codec = KINDS[f.kind];
    if (!codec) throw new Error(`rr-types: unknown field kind ${f.kind} for ${def.mnemonic}`);
    return { codec, what: `${def.mnemonic} ${f.label}` };
  });
  return {
    mnemonic: def.mnemonic,
    fields,
    decompress: fields.some((f) => f.codec.name?.decompress),
    names: fields.some((f) => f.codec.name || f.codec.innerNames),
  };
}

/** The compiled field list of a type, or undefined for types with only the generic form. */
export function compiledType(type: number): Compiled | undefined {
  return COMPILED.get(type);
}

/** Parses a type's field tokens into wire rdata; throws RdataError. */
/** One sink reused by every parse (its result is copied out): a zone file parses one rdata per line. */
const SHARED_SINK = new ByteSink();

export function parseFields(t: Compiled, tokens: readonly RdataToken[], origin: Name): Uint8Array {
  const c = new TextCursor(tokens, origin, t.mnemonic);
  const out = SHARED_SINK;
  out.reset(); // also after a parse that threw half way
  for (const f of t.fields) {
    c.what = f.what;
    if (c.done && f.codec.optional) continue;
    f.codec.parse(c, out);
  }
  if (!c.done) {
    throw new RdataError(`too many fields for ${t.mnemonic}: unexpected '${tokens[c.i].text}'`, c.i);
  }
  if (out.length > 0xffff) throw new RdataError(`${t.mnemonic} rdata is longer than 65535 octets`, -1);
  return out.finish();
}

/** Walks the fields of b[start..end), checking each; calls `visit` with each field's extent. Throws WireError. */
export function walkFields(
  t: Compiled, b: Uint8Array, start: number, end: number,
  visit?: (f: Field, p: number, next: number) => void,
): void {
  let p = start;
  for (const f of t.fields) {
    if (p === end && f.codec.optional) break;
    const next = f.codec.scan(b, p, end);
    visit?.(f, p, next);
    p = next;
  }
  if (p !== end) bad(`${end - p} octets of trailing data after the ${t.mnemonic} rdata`);
}

export function printFields(t: Compiled, b: Uint8Array): string {
  const parts: string[] = [];
  walkFields(t, b, 0, b.length, (f, p, next) => {
    const s = f.codec.print(b, p, next);
    if (s !== '') parts.push(s);
  });
  return parts.join(' ');
}

export function nameFieldsOf(t: Compiled, b: Uint8Array): RdataNameField[] {
  const out: RdataNameField[] = [];
  walkFields(t, b, 0, b.length, (f, p, next) => {
    const n = f.codec.name;
    if (n) out.push({ offset: p, length: next - p, compress: n.compress, canonicalLower: n.canonicalLower });
    for (const [offset, length] of f.codec.innerNames?.(b, p, next) ?? []) {
      out.push({ offset, length, compress: false, canonicalLower: false });
    }
  });
  return out;
}

/** Rebuilds rdata from a message, decompressing the names that may arrive compressed (RFC 3597 4). */
export function readFields(t: Compiled, msg: Uint8Array, start: number, end: number): Uint8Array {
  if (!t.decompress) {
    walkFields(t, msg, start, end);
    return msg.slice(start, end);
  }
  const out = new ByteSink();
  let p = start;
  for (const f of t.fields) {
    if (p === end && f.codec.optional) break;
    if (f.codec.name?.decompress) {
      if (p >= end) bad(`${f.what} runs past the end of the rdata`);
      const r = readName(msg, p);
      if (r.end > end) bad(`${f.what} runs past the end of the rdata`);
      out.bytes(r.name.wire);
      p = r.end;
    } else {
      const next = f.codec.scan(msg, p, end);
      out.bytes(msg.subarray(p, next));
      p = next;
    }
  }
  if (p !== end) bad(`${end - p} octets of trailing data after the ${t.mnemonic} rdata`);
  return out.finish();
}
