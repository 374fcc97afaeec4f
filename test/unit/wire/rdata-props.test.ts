// Property tests: text round-trips over generated rdata of every field-list type, and malformed input only ever gives WireError.
import fc from 'fast-check';
import t from 'tap';
import {
  canonicalRdata, rdataFromText, rdataNameFields, rdataToText, readRdata, validateRdata, WireError,
} from '../../../src/wire/index.js';
import { allTypeDefs } from '../../../src/wire/rr-types.js';
import { rdataArb } from './rdata-arbitrary.js';
import { hex, ORIGIN, tokenize } from './rdata-support.js';

const DEFS = allTypeDefs().filter((d) => d.fields);

t.test('rdataFromText(t, tokenize(rdataToText(t, x))) == x for generated rdata of every type', async (t) => {
  for (const def of DEFS) {
    fc.assert(fc.property(rdataArb(def), (x) => {
      validateRdata(def.code, x);
      const text = rdataToText(def.code, x);
      const back = rdataFromText(def.code, tokenize(text), ORIGIN);
      if (hex(back) !== hex(x)) throw new Error(`${def.mnemonic}: '${text}' gives ${hex(back)}, not ${hex(x)}`);
    }), { numRuns: 150 });
    t.pass(`${def.mnemonic} round-trips`);
  }
});

/** Runs f and fails unless it returns or throws a WireError. */
function onlyWireError(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof WireError) return true;
    throw e;
  }
}

t.test('random bytes: validateRdata, rdataToText and friends throw nothing but WireError', async (t) => {
  const codes = [...DEFS.map((d) => d.code), 10, 41, 65000];
  fc.assert(fc.property(fc.constantFrom(...codes), fc.uint8Array({ maxLength: 80 }), (type, b) => {
    onlyWireError(() => validateRdata(type, b));
    onlyWireError(() => rdataNameFields(type, b));
    onlyWireError(() => canonicalRdata(type, b));
    return onlyWireError(() => rdataToText(type, b));
  }), { numRuns: 20000 });
  t.pass('no other exception');
});

t.test('random bytes that validate print text that gives the same bytes back', async (t) => {
  const codes = DEFS.map((d) => d.code).filter((c) => c !== 11); // WKS: trailing zero octets of the bitmap are not kept
  fc.assert(fc.property(fc.constantFrom(...codes), fc.uint8Array({ maxLength: 40 }), (type, b) => {
    try {
      validateRdata(type, b);
    } catch {
      return true;
    }
    return hex(rdataFromText(type, tokenize(rdataToText(type, b)), ORIGIN)) === hex(b);
  }), { numRuns: 20000 });
  t.pass('valid random rdata round-trips');
});

t.test('readRdata never reads beyond its bounds and only throws WireError', async (t) => {
  const codes = [...DEFS.map((d) => d.code), 65000];
  const arb = fc.tuple(fc.constantFrom(...codes), fc.uint8Array({ minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(),
    fc.uint8Array({ maxLength: 20 }));
  fc.assert(fc.property(arb, ([type, msg, a, b, tail]) => {
    const offset = a % msg.length;
    const len = b % (msg.length - offset + 1);
    const run = (m: Uint8Array) => {
      try {
        return hex(readRdata(type, m, offset, len));
      } catch (e) {
        if (e instanceof WireError) return 'WireError';
        throw e;
      }
    };
    // The bytes after offset + len cannot matter: cut them off, or replace them.
    const cut = msg.slice(0, offset + len);
    const other = Uint8Array.from([...cut, ...tail]);
    const r = run(msg);
    return r === run(cut) && r === run(other);
  }), { numRuns: 20000 });
  t.pass('bounded');
});

t.test('readRdata of generated rdata placed in a message returns it unchanged', async (t) => {
  for (const def of DEFS) {
    fc.assert(fc.property(rdataArb(def), fc.uint8Array({ maxLength: 12 }), (x, prefix) => {
      const msg = Uint8Array.from([...prefix, ...x, 0xff, 0xff]);
      return hex(readRdata(def.code, msg, prefix.length, x.length)) === hex(x);
    }), { numRuns: 50 });
  }
  t.pass('copied');
});
