// The 12-octet DNS message header: fields, flag bits, opcodes and rcodes (RFC 1035 4.1.1, RFC 4035 3.2, RFC 6895 2).
import { WireError } from './errors.js';

export const HEADER_SIZE = 12;

/** Opcodes (RFC 1035 4.1.1, RFC 1996 NOTIFY, RFC 2136 UPDATE). */
export const OPCODE = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 } as const;

/**
 * Response codes. 0-15 fit the header; the larger ones need the EDNS extended rcode (RFC 6891 6.1.3).
 * 16 is BADVERS in an OPT record and BADSIG in a TSIG record (RFC 6895 2.3).
 */
export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  BADVERS: 16,
  BADSIG: 16,
  BADKEY: 17,
  BADTIME: 18,
  BADMODE: 19,
  BADNAME: 20,
  BADALG: 21,
  BADTRUNC: 22,
  BADCOOKIE: 23,
} as const;

/** Masks of the single-bit flags in the 16-bit flags word (octets 2-3 of the header). */
export const FLAG = {
  QR: 0x8000,
  AA: 0x0400,
  TC: 0x0200,
  RD: 0x0100,
  RA: 0x0080,
  Z: 0x0040,
  AD: 0x0020, // RFC 4035 3.2.3
  CD: 0x0010, // RFC 4035 3.2.2
} as const;

/** The header's flags word spelled out; `rcode` is the low 4 bits only (the rest lives in OPT). */
export interface HeaderFlags {
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly z: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  readonly rcode: number;
}

export interface Header extends HeaderFlags {
  readonly id: number;
  readonly qdcount: number;
  readonly ancount: number;
  readonly nscount: number;
  readonly arcount: number;
}

export function decodeFlags(word: number): HeaderFlags {
  return {
    qr: (word & FLAG.QR) !== 0,
    opcode: (word >> 11) & 0xf,
    aa: (word & FLAG.AA) !== 0,
    tc: (word & FLAG.TC) !== 0,
    rd: (word & FLAG.RD) !== 0,
    ra: (word & FLAG.RA) !== 0,
    z: (word & FLAG.Z) !== 0,
    ad: (word & FLAG.AD) !== 0,
    cd: (word & FLAG.CD) !== 0,
    rcode: word & 0xf,
  };
}

export function encodeFlags(f: HeaderFlags): number {
  let w = ((f.opcode & 0xf) << 11) | (f.rcode & 0xf);
  if (f.qr) w |= FLAG.QR;
  if (f.aa) w |= FLAG.AA;
  if (f.tc) w |= FLAG.TC;
  if (f.rd) w |= FLAG.RD;
  if (f.ra) w |= FLAG.RA;
  if (f.z) w |= FLAG.Z;
  if (f.ad) w |= FLAG.AD;
  if (f.cd) w |= FLAG.CD;
  return w;
}

/** Reads the header; throws WireError TRUNCATED_HEADER when the message is shorter than 12 octets. */
export function readHeader(msg: Uint8Array): Header {
  if (msg.length < HEADER_SIZE) throw new WireError('TRUNCATED_HEADER', 'message shorter than the 12-octet header');
  return {
    id: u16(msg, 0),
    ...decodeFlags(u16(msg, 2)),
    qdcount: u16(msg, 4),
    ancount: u16(msg, 6),
    nscount: u16(msg, 8),
    arcount: u16(msg, 10),
  };
}

/** Writes `h` (flags and counts as given) into the first 12 octets of `buf`. */
export function writeHeader(buf: Uint8Array, h: Header): void {
  if (buf.length < HEADER_SIZE) throw new WireError('BUFFER_TOO_SMALL', 'buffer shorter than the 12-octet header');
  put16(buf, 0, h.id);
  put16(buf, 2, encodeFlags(h));
  put16(buf, 4, h.qdcount);
  put16(buf, 6, h.ancount);
  put16(buf, 8, h.nscount);
  put16(buf, 10, h.arcount);
}

// Hot-path accessors: the server peeks at a few header fields before deciding to decode anything.
export function headerId(msg: Uint8Array): number {
  return u16(msg, 0);
}

export function headerFlags(msg: Uint8Array): number {
  return u16(msg, 2);
}

export function headerOpcode(msg: Uint8Array): number {
  return (msg[2] >> 3) & 0xf;
}

/** Big-endian 16-bit read; the caller has checked the bounds. */
export function u16(buf: Uint8Array, p: number): number {
  return (buf[p] << 8) | buf[p + 1];
}

/** Big-endian 32-bit unsigned read; the caller has checked the bounds. */
export function u32(buf: Uint8Array, p: number): number {
  return ((buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]) >>> 0;
}

export function put16(buf: Uint8Array, p: number, v: number): void {
  buf[p] = (v >>> 8) & 0xff;
  buf[p + 1] = v & 0xff;
}

export function put32(buf: Uint8Array, p: number, v: number): void {
  buf[p] = (v >>> 24) & 0xff;
  buf[p + 1] = (v >>> 16) & 0xff;
  buf[p + 2] = (v >>> 8) & 0xff;
  buf[p + 3] = v & 0xff;
}
