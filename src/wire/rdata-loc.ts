// The LOC field kind (RFC 1876): degrees/minutes/seconds, altitude and sizes; printed the way BIND prints LOC.
import { get32, type ByteSink } from './rdata-bytes.js';
import { bad, fixed, type KindCodec } from './rdata-kind.js';
import type { TextCursor } from './rdata-text.js';

const EQUATOR = 2 ** 31; // RFC 1876 2: latitude and longitude are offsets from 2^31 thousandths of a second
const ALT_BASE = 10000000; // altitude in cm above a base 100,000 m below the WGS 84 spheroid
const MAX_SIZE_CM = 9e9; // 9 * 10^9 cm, the largest value the mantissa/exponent octet holds

/** A non-negative decimal with at most `decimals` fraction digits, scaled to an integer; optional sign. */
function parseFixed(text: string, decimals: number, signed: boolean): number | undefined {
  const frac = decimals > 0 ? `(?:\\.([0-9]{1,${decimals}}))?` : '()';
  const re = new RegExp(`^(${signed ? '-?' : ''})([0-9]+)${frac}$`);
  const m = re.exec(text);
  if (!m || m[2].length > 12) return undefined;
  const digits = (m[3] ?? '').padEnd(decimals, '0');
  const v = Number(m[2]) * 10 ** decimals + (decimals > 0 ? Number(digits) : 0);
  return m[1] ? -v : v;
}

/** Reads "d [m [s.sss]] H" and returns signed thousandths of a second of arc. */
function takeAngle(c: TextCursor, maxDeg: number, hemis: string): number {
  const what = `degrees (0-${maxDeg})`;
  const deg = parseFixed(c.take(what).text, 0, false);
  if (deg === undefined || deg > maxDeg) c.fail(what);
  let ms = deg * 3600000;
  const parts = [
    { what: 'minutes (0-59)', scale: 60000, decimals: 0 },
    { what: 'seconds (0-59.999)', scale: 1, decimals: 3 },
  ];
  for (const part of parts) {
    const t = c.peek();
    if (!t || !/^[0-9]/.test(t.text)) break; // the hemisphere letter comes next
    const v = parseFixed(c.take(part.what).text, part.decimals, false);
    if (v === undefined || v >= 60 * 10 ** part.decimals) c.fail(part.what);
    ms += v * part.scale;
  }
  const h = c.take(`${hemis[0]} or ${hemis[1]}`).text.toUpperCase();
  if (h.length !== 1 || !hemis.includes(h)) c.fail(`${hemis[0]} or ${hemis[1]}`);
  if (ms > maxDeg * 3600000) c.fail(`at most ${maxDeg} degrees`, undefined, c.last - 1);
  return h === hemis[1] ? -ms : ms;
}

function stripM(t: string): string {
  return t.endsWith('m') || t.endsWith('M') ? t.slice(0, -1) : t;
}

/** The size/precision octet: mantissa in the high nibble, power of ten in the low (RFC 1876 2), rounded down like BIND. */
export function sizeToOctet(cm: number): number {
  let e = 0;
  while (e < 9 && cm >= 10 ** (e + 1)) e++;
  return (Math.min(9, Math.floor(cm / 10 ** e)) << 4) | e;
}

function sizeToText(octet: number): string {
  const m = octet >> 4;
  const e = octet & 15;
  if (e >= 2) return `${m}${'0'.repeat(e - 2)}m`;
  return `0.${String(m * 10 ** e).padStart(2, '0')}m`;
}

function angleToText(raw: number, hemis: string): string {
  const v = raw - EQUATOR;
  const a = Math.abs(v);
  const sec = Math.floor(a / 1000) % 60;
  const frac = String(a % 1000).padStart(3, '0');
  return `${Math.floor(a / 3600000)} ${Math.floor(a / 60000) % 60} ${sec}.${frac} ${v < 0 ? hemis[1] : hemis[0]}`;
}

function checkSize(octet: number, what: string): void {
  if (octet === 0) return;
  if ((octet & 15) > 9 || octet >> 4 > 9 || octet >> 4 === 0) bad(`LOC ${what} 0x${octet.toString(16)} is not a valid size`);
}

export const loc: KindCodec = {
  parse(c: TextCursor, out: ByteSink) {
    const lat = takeAngle(c, 90, 'NS');
    const lon = takeAngle(c, 180, 'EW');
    const altWhat = 'an altitude in metres (-100000.00 to 42849672.95)';
    const alt = parseFixed(stripM(c.take(altWhat).text), 2, true);
    if (alt === undefined || alt < -ALT_BASE || alt + ALT_BASE > 0xffffffff) c.fail(altWhat);
    const sizes = [100, 1000000, 1000]; // RFC 1876 defaults: size 1m, horizontal 10000m, vertical 10m
    for (let i = 0; i < 3 && !c.done; i++) {
      const what = 'a size in metres (0 to 90000000.00)';
      const v = parseFixed(stripM(c.take(what).text), 2, false);
      if (v === undefined || v > MAX_SIZE_CM) c.fail(what);
      sizes[i] = v;
    }
    out.u8(0);
    for (const s of sizes) out.u8(sizeToOctet(s));
    out.u32(EQUATOR + lat);
    out.u32(EQUATOR + lon);
    out.u32(alt + ALT_BASE);
  },
  scan(b, p, end) {
    const next = fixed(p, 16, end, 'LOC');
    if (b[p] !== 0) bad(`LOC version ${b[p]} is not 0`);
    checkSize(b[p + 1], 'size');
    checkSize(b[p + 2], 'horizontal precision');
    checkSize(b[p + 3], 'vertical precision');
    if (Math.abs(get32(b, p + 4) - EQUATOR) > 90 * 3600000) bad('LOC latitude beyond 90 degrees');
    if (Math.abs(get32(b, p + 8) - EQUATOR) > 180 * 3600000) bad('LOC longitude beyond 180 degrees');
    return next;
  },
  print(b, p) {
    const alt = get32(b, p + 12) - ALT_BASE;
    const a = Math.abs(alt);
    const altText = `${alt < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}m`;
    return [
      angleToText(get32(b, p + 4), 'NS'), angleToText(get32(b, p + 8), 'EW'), altText,
      sizeToText(b[p + 1]), sizeToText(b[p + 2]), sizeToText(b[p + 3]),
    ].join(' ');
  },
};
