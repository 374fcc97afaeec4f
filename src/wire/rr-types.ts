// The one RR type table: mnemonic, code and rdata field list of every type tsdns knows, plus class mnemonics.
import { CLASS } from './record.js';

/** Type mnemonic -> code, for every type tsdns can name (RFC 1035 3.2.2 and the IANA registry). */
export const TYPE = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12, HINFO: 13,
  MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22, 'NSAP-PTR': 23, SIG: 24,
  KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, SRV: 33, NAPTR: 35, KX: 36, CERT: 37, DNAME: 39, OPT: 41,
  APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50,
  NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63,
  SVCB: 64, HTTPS: 65, SPF: 99, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249,
  TSIG: 250, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255, URI: 256, CAA: 257, AVC: 258,
  TA: 32768, DLV: 32769,
} as const;

/**
 * The kinds of rdata fields. Names differ in treatment: `cname` is an RFC 1035 name (compressed on
 * send, decompressed on receipt, lower-cased in canonical form); `rxname` may arrive compressed
 * (RFC 3597 4) and is lower-cased; `lname` is only lower-cased (RFC 4034 6.2, RFC 6840 5.1); `name`
 * is none of these. Kinds ending in "-rest" run to the end of the rdata.
 */
export type FieldKind =
  | 'u8' | 'u16' | 'u32' | 'period' | 'time' | 'type' | 'alg' | 'certtype'
  | 'a' | 'aaaa' | 'ilnp64' | 'eui48' | 'eui64'
  | 'cname' | 'rxname' | 'lname' | 'name'
  | 'str' | 'str-opt' | 'str-rest' | 'float' | 'text-rest' | 'caatag'
  | 'b64-rest' | 'b64-opt' | 'hex-rest' | 'hex8' | 'b32' | 'bitmap-rest' | 'nsap-rest'
  | 'apl-rest' | 'loc' | 'wksproto' | 'wks-rest' | 'ipseckey-rest' | 'hip-rest' | 'svcparams-rest';

export interface FieldDef {
  readonly kind: FieldKind;
  /** The RFC field name, used in messages ("MX preference"). */
  readonly label: string;
}

export interface TypeDef {
  readonly code: number;
  readonly mnemonic: string;
  /** Undefined for types that have only the RFC 3597 generic form (NULL, OPT, meta types). */
  readonly fields?: readonly FieldDef[];
}

const DS = 'u16 keytag, alg algorithm, u8 digesttype, hex-rest digest';
const DNSKEY = 'u16 flags, u8 protocol, alg algorithm, b64-rest publickey';
const RRSIG =
  'type typecovered, alg algorithm, u8 labels, period originalttl, time expiration, time inception, ' +
  'u16 keytag, NAME signer, b64-rest signature';
const TLSA = 'u8 usage, u8 selector, u8 matchingtype, hex-rest data';

// One line per type: the field list as "kind label, kind label". RRSIG and SIG signers differ (NAME).
const FIELDS: Record<string, string> = {
  A: 'a address', NS: 'cname nsdname', MD: 'cname madname', MF: 'cname madname', CNAME: 'cname cname',
  SOA: 'cname mname, cname rname, u32 serial, period refresh, period retry, period expire, period minimum',
  MB: 'cname madname', MG: 'cname mgmname', MR: 'cname newname', WKS: 'a address, wksproto protocol, wks-rest bitmap',
  PTR: 'cname ptrdname', HINFO: 'str cpu, str os', MINFO: 'cname rmailbx, cname emailbx',
  MX: 'u16 preference, cname exchange', TXT: 'str-rest text', RP: 'rxname mbox, rxname txt',
  AFSDB: 'u16 subtype, rxname hostname', X25: 'str address', ISDN: 'str address, str-opt subaddress',
  RT: 'u16 preference, rxname intermediate', NSAP: 'nsap-rest address', 'NSAP-PTR': 'name owner',
  SIG: RRSIG.replace('NAME', 'rxname'), KEY: DNSKEY, PX: 'u16 preference, rxname map822, rxname mapx400',
  GPOS: 'float longitude, float latitude, float altitude', AAAA: 'aaaa address', LOC: 'loc location',
  SRV: 'u16 priority, u16 weight, u16 port, rxname target',
  NAPTR: 'u16 order, u16 preference, str flags, str services, str regexp, rxname replacement',
  KX: 'u16 preference, lname exchanger', CERT: 'certtype type, u16 keytag, alg algorithm, b64-rest certificate',
  DNAME: 'lname target', APL: 'apl-rest items', DS, SSHFP: 'u8 algorithm, u8 fptype, hex-rest fingerprint',
  IPSECKEY: 'u8 precedence, ipseckey-rest gateway', RRSIG: RRSIG.replace('NAME', 'lname'),
  NSEC: 'name next, bitmap-rest types', DNSKEY, DHCID: 'b64-rest data',
  NSEC3: 'u8 hashalgorithm, u8 flags, u16 iterations, hex8 salt, b32 next, bitmap-rest types',
  NSEC3PARAM: 'u8 hashalgorithm, u8 flags, u16 iterations, hex8 salt', TLSA, SMIMEA: TLSA, HIP: 'hip-rest rdata',
  CDS: DS, CDNSKEY: DNSKEY, OPENPGPKEY: 'b64-rest key', CSYNC: 'u32 serial, u16 flags, bitmap-rest types',
  ZONEMD: 'u32 serial, u8 scheme, u8 hashalgorithm, hex-rest digest',
  SVCB: 'u16 priority, name target, svcparams-rest params', HTTPS: 'u16 priority, name target, svcparams-rest params',
  SPF: 'str-rest text', NID: 'u16 preference, ilnp64 nodeid', L32: 'u16 preference, a locator',
  L64: 'u16 preference, ilnp64 locator', LP: 'u16 preference, name fqdn', EUI48: 'eui48 address',
  EUI64: 'eui64 address', URI: 'u16 priority, u16 weight, text-rest target', CAA: 'u8 flags, caatag tag, text-rest value',
  AVC: 'str-rest text', TA: DS, DLV: DS,
};

function parseFields(spec: string): FieldDef[] {
  return spec.split(', ').map((f) => {
    const [kind, label] = f.split(' ');
    return { kind: kind as FieldKind, label };
  });
}

const BY_CODE = new Map<number, TypeDef>();
const BY_NAME = new Map<string, number>();
for (const [mnemonic, code] of Object.entries(TYPE)) {
  const spec = FIELDS[mnemonic];
  BY_CODE.set(code, { code, mnemonic, fields: spec === undefined ? undefined : parseFields(spec) });
  BY_NAME.set(mnemonic, code);
}

/** The table entry of a type, or undefined for a type tsdns has no mnemonic for. */
export function typeDef(code: number): TypeDef | undefined {
  return BY_CODE.get(code);
}

/** Every entry of the table, in code order. */
export function allTypeDefs(): TypeDef[] {
  return [...BY_CODE.values()].sort((a, b) => a.code - b.code);
}

function generic(text: string, prefix: string, max: number): number | undefined {
  if (text.length <= prefix.length || text.length > prefix.length + 5) return undefined;
  if (text.slice(0, prefix.length).toUpperCase() !== prefix) return undefined;
  const digits = text.slice(prefix.length);
  if (!/^[0-9]+$/.test(digits)) return undefined;
  const v = Number(digits);
  return v <= max ? v : undefined;
}

/** A type code from its mnemonic (any case) or the RFC 3597 TYPEnnn form. */
export function typeFromText(s: string): number | undefined {
  return BY_NAME.get(s.toUpperCase()) ?? generic(s, 'TYPE', 0xffff);
}

/** The mnemonic of a type, or TYPEnnn (RFC 3597 5). */
export function typeToText(code: number): string {
  return BY_CODE.get(code)?.mnemonic ?? `TYPE${code}`;
}

const CLASS_NAMES = new Map<number, string>(Object.entries(CLASS).map(([k, v]) => [v, k]));

/** A class code from IN, CH, HS, NONE, ANY (any case) or the RFC 3597 CLASSnnn form. */
export function classFromText(s: string): number | undefined {
  const u = s.toUpperCase();
  if (Object.hasOwn(CLASS, u)) return CLASS[u as keyof typeof CLASS];
  return generic(s, 'CLASS', 0xffff);
}

/** The mnemonic of a class, or CLASSnnn (RFC 3597 5). */
export function classToText(code: number): string {
  return CLASS_NAMES.get(code) ?? `CLASS${code}`;
}
