// The SOA timers a transfer needs (RFC 1035 3.3.13): reading SERIAL, REFRESH, RETRY, EXPIRE and MINIMUM from rdata.
import { WireError, type ResourceRecord } from '../wire/index.js';

export const TYPE_SOA = 6;
export const TYPE_IXFR = 251;
export const TYPE_AXFR = 252;
export const CLASS_IN = 1;

/** The five 32-bit fields after MNAME and RNAME. */
export interface SoaTimers {
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

/** Offset of SERIAL in uncompressed SOA rdata (after the two names); throws WireError when malformed. */
function serialOffset(rdata: Uint8Array): number {
  let p = 0;
  for (let names = 0; names < 2; names++) {
    for (;;) {
      if (p >= rdata.length) throw new WireError('BAD_SOA', 'SOA rdata ends inside a name');
      const len = rdata[p];
      if (len > 63) throw new WireError('BAD_SOA', 'SOA rdata has a compressed or invalid label');
      p += len + 1;
      if (len === 0) break;
    }
  }
  if (p + 20 !== rdata.length) throw new WireError('BAD_SOA', `SOA rdata is ${rdata.length} octets, expected ${p + 20}`);
  return p;
}

function u32(b: Uint8Array, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

/** The SOA's timers; throws WireError BAD_SOA for rdata that is not a well-formed SOA. */
export function soaTimers(rdata: Uint8Array): SoaTimers {
  const p = serialOffset(rdata);
  return { serial: u32(rdata, p), refresh: u32(rdata, p + 4), retry: u32(rdata, p + 8), expire: u32(rdata, p + 12), minimum: u32(rdata, p + 16) };
}

export function soaSerial(rdata: Uint8Array): number {
  return u32(rdata, serialOffset(rdata));
}

/** A copy of SOA rdata with another SERIAL. */
export function withSerial(rdata: Uint8Array, serial: number): Uint8Array {
  const out = rdata.slice();
  const p = serialOffset(out);
  out[p] = (serial >>> 24) & 0xff;
  out[p + 1] = (serial >>> 16) & 0xff;
  out[p + 2] = (serial >>> 8) & 0xff;
  out[p + 3] = serial & 0xff;
  return out;
}

export function isSoa(rr: ResourceRecord): boolean {
  return rr.type === TYPE_SOA;
}
