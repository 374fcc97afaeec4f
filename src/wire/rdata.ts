// Rdata facade: presentation text <-> uncompressed wire for every type, plus the RFC 3597 generic form.
import { RdataError, WireError } from './errors.js';
import type { Name } from './name.js';
import { fromHex, toHex } from './rdata-bytes.js';
import {
  compiledType, nameFieldsOf, parseFields, printFields, readFields, walkFields, type RdataNameField,
} from './rdata-codec.js';
import { parseUint, type RdataToken } from './rdata-text.js';
import { typeToText } from './rr-types.js';

export type { RdataNameField } from './rdata-codec.js';
export type { RdataToken } from './rdata-text.js';
export { TYPE, typeFromText, typeToText, classFromText, classToText } from './rr-types.js';

/** True when the tokens use the RFC 3597 5 generic form `\# length hex...`. */
export function isGenericRdata(tokens: readonly RdataToken[]): boolean {
  return tokens.length > 0 && !tokens[0].quoted && tokens[0].text === '\\#';
}

function parseGeneric(type: number, tokens: readonly RdataToken[]): Uint8Array {
  const len = tokens.length > 1 ? parseUint(tokens[1].text, 16) : undefined;
  if (tokens.length < 2) throw new RdataError('missing rdata length after \\#', -1);
  if (len === undefined) throw new RdataError(`expected the rdata length (0-65535) after \\#, got '${tokens[1].text}'`, 1);
  const hex = tokens.slice(2).map((t) => t.text).join('');
  const bytes = fromHex(hex);
  if (!bytes) {
    const bad = tokens.findIndex((t, i) => i >= 2 && !/^[0-9a-fA-F]*$/.test(t.text));
    throw new RdataError('expected hex digits (an even number of them) after \\# length', bad >= 0 ? bad : 2);
  }
  if (bytes.length !== len) {
    throw new RdataError(`\\# says ${len} octets but the hex gives ${bytes.length}`, len === 0 ? 2 : 1);
  }
  try {
    validateRdata(type, bytes);
  } catch (e) {
    if (e instanceof WireError) throw new RdataError(`\\# rdata is not valid ${typeToText(type)}: ${e.message}`, 0);
    throw e;
  }
  return bytes;
}

/**
 * Parses the rdata tokens of a record of `type` into uncompressed wire form. Relative names are
 * completed with `origin`. The RFC 3597 `\# len hex` form is accepted for every type and checked
 * against the type. Throws RdataError(message, tokenIndex), tokenIndex -1 for a missing field.
 */
export function rdataFromText(type: number, tokens: readonly RdataToken[], origin: Name): Uint8Array {
  if (isGenericRdata(tokens)) return parseGeneric(type, tokens);
  const t = compiledType(type);
  if (!t) {
    throw new RdataError(`${typeToText(type)} has no presentation format here: use the RFC 3597 form \\# length hex`, tokens.length ? 0 : -1);
  }
  return parseFields(t, tokens, origin);
}

/** The RFC 3597 5 generic presentation form. */
export function genericRdataText(rdata: Uint8Array): string {
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${toHex(rdata)}`;
}

/** The presentation form of rdata, as NSD prints it; `\# len hex` for types without a known format. Throws WireError. */
export function rdataToText(type: number, rdata: Uint8Array): string {
  const t = compiledType(type);
  if (!t) {
    if (rdata.length > 0xffff) throw new WireError('BAD_RDATA', 'rdata longer than 65535 octets');
    return genericRdataText(rdata);
  }
  return printFields(t, rdata);
}

/** Throws WireError when rdata is not well-formed for its type; any octets are fine for unknown types. */
export function validateRdata(type: number, rdata: Uint8Array): void {
  if (rdata.length > 0xffff) throw new WireError('BAD_RDATA', 'rdata longer than 65535 octets');
  const t = compiledType(type);
  if (t) walkFields(t, rdata, 0, rdata.length);
}

const NO_NAMES: readonly RdataNameField[] = Object.freeze([]);

/** Positions of the embedded domain names of uncompressed rdata (checked; throws WireError if malformed). */
export function rdataNameFields(type: number, rdata: Uint8Array): readonly RdataNameField[] {
  const t = compiledType(type);
  if (!t || !t.names) return NO_NAMES;
  return nameFieldsOf(t, rdata);
}

/**
 * The rdata of `rdlength` octets at `offset` in a received message, checked for its type, with
 * names decompressed where RFC 3597 4 allows compression on receipt. Never reads outside the
 * message; the result consumes exactly rdlength octets. Throws WireError.
 */
export function readRdata(type: number, msg: Uint8Array, offset: number, rdlength: number): Uint8Array {
  const end = offset + rdlength;
  if (offset < 0 || rdlength < 0 || end > msg.length) {
    throw new WireError('BAD_RDATA', 'rdata runs past the end of the message');
  }
  const t = compiledType(type);
  return t ? readFields(t, msg, offset, end) : msg.slice(offset, end);
}

/** The canonical form (RFC 4034 6.2): names lower-cased where the type calls for it; a copy. */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const out = rdata.slice();
  for (const f of rdataNameFields(type, rdata)) {
    if (!f.canonicalLower) continue;
    for (let i = f.offset; i < f.offset + f.length; i++) {
      const x = out[i];
      if (x >= 0x41 && x <= 0x5a) out[i] = x + 32;
    }
  }
  return out;
}
