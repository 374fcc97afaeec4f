// Reading the DNSSEC rdata fields the serving side needs: RRSIG (RFC 4034 3.1), NSEC3 and NSEC3PARAM (RFC 5155 3.2, 4.2).

/** RRSIG Type Covered, the first field (RFC 4034 3.1.1); -1 when the rdata is too short. */
export function rrsigCovered(rdata: Uint8Array): number {
  return rdata.length < 2 ? -1 : (rdata[0] << 8) | rdata[1];
}

/** RRSIG Signature Expiration and Inception, seconds since 1970 (RFC 4034 3.1.5), or undefined when too short. */
export function rrsigTimes(rdata: Uint8Array): { expiration: number; inception: number } | undefined {
  if (rdata.length < 18) return undefined;
  return { expiration: u32(rdata, 8), inception: u32(rdata, 12) };
}

/** The hash parameters shared by NSEC3 and NSEC3PARAM (RFC 5155 3.1 and 4.1): algorithm, iterations, salt. */
export interface Nsec3Params {
  readonly algorithm: number;
  readonly flags: number;
  readonly iterations: number;
  readonly salt: Uint8Array;
}

/** NSEC3 or NSEC3PARAM parameters; undefined when the rdata is too short for them. */
export function nsec3Params(rdata: Uint8Array): Nsec3Params | undefined {
  if (rdata.length < 5 || rdata.length < 5 + rdata[4]) return undefined;
  return { algorithm: rdata[0], flags: rdata[1], iterations: (rdata[2] << 8) | rdata[3], salt: rdata.subarray(5, 5 + rdata[4]) };
}

/** Same algorithm, iterations and salt (the flags, opt-out among them, do not count: NSD nsec3_rdata_params_ok). */
export function sameParams(a: Nsec3Params, b: Nsec3Params): boolean {
  if (a.algorithm !== b.algorithm || a.iterations !== b.iterations || a.salt.length !== b.salt.length) return false;
  for (let i = 0; i < a.salt.length; i++) if (a.salt[i] !== b.salt[i]) return false;
  return true;
}

/** An NSEC3's Next Hashed Owner Name (RFC 5155 3.2) as raw octets; undefined when malformed. */
export function nsec3NextHash(rdata: Uint8Array): Uint8Array | undefined {
  const p = 5 + (rdata[4] ?? 0);
  if (rdata.length < p + 1) return undefined;
  const end = p + 1 + rdata[p];
  return end > rdata.length ? undefined : rdata.subarray(p + 1, end);
}

/** The NSEC3 Opt-Out flag (RFC 5155 3.1.2.1). */
export function nsec3OptOut(rdata: Uint8Array): boolean {
  return rdata.length > 1 && (rdata[1] & 1) !== 0;
}

/** Where an NSEC3's Type Bit Maps start (RFC 5155 3.2), or -1. */
function nsec3BitmapStart(rdata: Uint8Array): number {
  const p = 5 + (rdata[4] ?? 0);
  if (rdata.length < p + 1) return -1;
  return p + 1 + rdata[p];
}

/** True when a type bit map (RFC 4034 4.1.2) from `start` has `type`. */
export function bitmapHas(rdata: Uint8Array, start: number, type: number): boolean {
  const window = type >> 8;
  const bit = type & 0xff;
  for (let p = start; p + 2 <= rdata.length; ) {
    const w = rdata[p];
    const len = rdata[p + 1];
    if (w === window) return bit >> 3 < len && p + 2 + (bit >> 3) < rdata.length && (rdata[p + 2 + (bit >> 3)] & (0x80 >> (bit & 7))) !== 0;
    p += 2 + len;
  }
  return false;
}

/** The NSEC3 has the SOA bit: it belongs to the zone apex (NSD nsec3_has_soa). */
export function nsec3HasSoa(rdata: Uint8Array): boolean {
  const start = nsec3BitmapStart(rdata);
  return start >= 0 && bitmapHas(rdata, start, 6);
}

function u32(b: Uint8Array, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}
