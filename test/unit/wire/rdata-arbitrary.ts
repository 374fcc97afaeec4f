// fast-check generators of well-formed wire rdata, one per field kind, built independently of the codecs under test.
import fc from 'fast-check';
import type { FieldKind, TypeDef } from '../../../src/wire/rr-types.js';

type Bytes = fc.Arbitrary<number[]>;

const byte = fc.integer({ min: 0, max: 255 });
const raw = (min: number, max: number): Bytes => fc.array(byte, { minLength: min, maxLength: max });
const nonZeroLast = (min: number, max: number): Bytes =>
  raw(min, max).filter((b) => b.length === 0 || b[b.length - 1] !== 0);
const u16 = (v: number) => [v >> 8, v & 0xff];

/** Any octets in labels, so escaping of dots, backslashes, spaces and non-ASCII gets exercised. */
const labelBytes = fc.oneof(
  raw(1, 12),
  fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/).map((s) => [...s].map((c) => c.charCodeAt(0))),
);
export const nameWire: Bytes = fc.array(labelBytes, { minLength: 0, maxLength: 4 })
  .map((labels) => [...labels.flatMap((l) => [l.length, ...l]), 0]);

const charString: Bytes = raw(0, 40).map((b) => [b.length, ...b]);

function typeBitmap(types: number[]): number[] {
  const out: number[] = [];
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    const win = sorted[i] >> 8;
    const bits = new Array(32).fill(0);
    let len = 0;
    for (; i < sorted.length && sorted[i] >> 8 === win; i++) {
      const lo = sorted[i] & 0xff;
      bits[lo >> 3] |= 0x80 >> (lo & 7);
      len = (lo >> 3) + 1;
    }
    out.push(win, len, ...bits.slice(0, len));
  }
  return out;
}

const aplItem: Bytes = fc.tuple(fc.constantFrom(1, 2), fc.boolean(), fc.nat(), nonZeroLast(0, 16))
  .map(([family, neg, p, addr]) => {
    const max = family === 1 ? 4 : 16;
    const a = addr.slice(0, max);
    while (a.length && a[a.length - 1] === 0) a.pop();
    return [...u16(family), p % (max * 8 + 1), (neg ? 0x80 : 0) | a.length, ...a];
  });

const sizeOctet = fc.oneof(fc.constant(0), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }))
  .map(([m, e]) => (m << 4) | e));
const EQ = 2 ** 31;
const angle = (deg: number) => fc.integer({ min: EQ - deg * 3600000, max: EQ + deg * 3600000 });
const u32b = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const loc: Bytes = fc.tuple(sizeOctet, sizeOctet, sizeOctet, angle(90), angle(180), fc.nat({ max: 0xffffffff }))
  .map(([s, h, v, lat, lon, alt]) => [0, s, h, v, ...u32b(lat), ...u32b(lon), ...u32b(alt)]);

const ipseckey: Bytes = fc.tuple(fc.integer({ min: 0, max: 3 }), byte, raw(4, 4), raw(16, 16), nameWire, raw(0, 30))
  .map(([gw, alg, v4, v6, name, key]) => [gw, alg, ...[[], v4, v6, name][gw], ...key]);

const hip: Bytes = fc.tuple(raw(1, 20), byte, raw(1, 40), fc.array(nameWire, { maxLength: 2 }))
  .map(([hit, alg, pk, names]) => [hit.length, alg, ...u16(pk.length), ...hit, ...pk, ...names.flat()]);

const alpnIds: Bytes = fc.array(raw(1, 10), { minLength: 1, maxLength: 3 }).map((ids) => ids.flatMap((i) => [i.length, ...i]));
const SVC_VALUES: Record<number, Bytes> = {
  1: alpnIds, 2: fc.constant([]), 3: raw(2, 2), 4: fc.array(raw(4, 4), { minLength: 1, maxLength: 3 }).map((x) => x.flat()),
  5: raw(0, 30), 6: fc.array(raw(16, 16), { minLength: 1, maxLength: 2 }).map((x) => x.flat()), 7: raw(0, 20),
  8: fc.constant([]), 9: raw(0, 10), 65000: raw(0, 10),
};
const svcparams: Bytes = fc.tuple(
  fc.subarray(Object.keys(SVC_VALUES).map(Number)), fc.boolean(),
  fc.record(Object.fromEntries(Object.entries(SVC_VALUES))),
).map(([keys, withMandatory, values]) => {
  const set = new Set(keys);
  if (set.has(2)) set.add(1); // no-default-alpn needs alpn (RFC 9460 7.1.1)
  const present = [...set].sort((a, b) => a - b);
  const out: number[] = [];
  if (withMandatory && present.length) {
    out.push(0, 0, ...u16(present.length * 2), ...present.flatMap(u16));
  }
  for (const k of present) {
    const v = (values as Record<string, number[]>)[String(k)];
    out.push(...u16(k), ...u16(v.length), ...v);
  }
  return out;
});

const FLOATS = fc.stringMatching(/^[+-]?([0-9]{1,4}\.?[0-9]{0,4}|\.[0-9]{1,4})$/).map((s) => [s.length, ...[...s].map((c) => c.charCodeAt(0))]);

export const KIND_ARBS: Record<FieldKind, Bytes> = {
  u8: raw(1, 1), u16: raw(2, 2), u32: raw(4, 4), period: raw(4, 4), time: raw(4, 4), type: raw(2, 2), alg: raw(1, 1),
  certtype: raw(2, 2), a: raw(4, 4), aaaa: raw(16, 16), ilnp64: raw(8, 8), eui48: raw(6, 6), eui64: raw(8, 8),
  cname: nameWire, rxname: nameWire, lname: nameWire, name: nameWire,
  str: charString, 'str-opt': fc.option(charString, { nil: undefined }).map((x) => x ?? []),
  'str-rest': fc.array(charString, { minLength: 1, maxLength: 4 }).map((x) => x.flat()),
  float: FLOATS, 'text-rest': raw(0, 40),
  caatag: fc.stringMatching(/^[a-zA-Z0-9]{1,15}$/).map((s) => [s.length, ...[...s].map((c) => c.charCodeAt(0))]),
  'b64-rest': raw(1, 60), 'b64-opt': raw(0, 60), 'hex-rest': raw(1, 60), 'nsap-rest': raw(1, 20),
  hex8: raw(0, 20).map((b) => [b.length, ...b]), b32: raw(1, 20).map((b) => [b.length, ...b]),
  'bitmap-rest': fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }).map(typeBitmap),
  'apl-rest': fc.array(aplItem, { maxLength: 3 }).map((x) => x.flat()),
  loc, wksproto: raw(1, 1), 'wks-rest': nonZeroLast(1, 12).filter((b) => b.length > 0),
  'ipseckey-rest': ipseckey, 'hip-rest': hip, 'svcparams-rest': svcparams,
};

/** Well-formed rdata for a type with a field list. */
export function rdataArb(def: TypeDef): fc.Arbitrary<Uint8Array> {
  return fc.tuple(...def.fields!.map((f) => KIND_ARBS[f.kind])).map((parts) => Uint8Array.from(parts.flat()));
}
