// Test helpers for the rdata tests: a small presentation-format tokenizer (quotes, escapes) and shorthands.
import { parseName, rdataFromText, rdataToText, typeFromText, type RdataToken } from '../../../src/wire/index.js';

export const ORIGIN = parseName('example.com.', null);

/** Splits rdata text into tokens the way a zone file lexer does: whitespace-separated, "quoted" strings kept whole. */
export function tokenize(text: string): RdataToken[] {
  const out: RdataToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new Error(`unclosed quote in ${text}`);
      out.push({ text: text.slice(i + 1, j), quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t"'.includes(text[j])) j += text[j] === '\\' ? 2 : 1;
      out.push({ text: text.slice(i, Math.min(j, text.length)), quoted: false });
      i = j;
    }
  }
  return out;
}

export function typeOf(mnemonic: string): number {
  const t = typeFromText(mnemonic);
  if (t === undefined) throw new Error(`unknown type ${mnemonic}`);
  return t;
}

/** Presentation text -> wire. */
export function wire(mnemonic: string, text: string): Uint8Array {
  return rdataFromText(typeOf(mnemonic), tokenize(text), ORIGIN);
}

/** Presentation text -> wire -> text. */
export function norm(mnemonic: string, text: string): string {
  return rdataToText(typeOf(mnemonic), wire(mnemonic, text));
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
