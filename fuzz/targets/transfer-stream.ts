// Fuzz target: the secondary's reading of an AXFR/IXFR response stream ends in a result or a typed failure, never a throw.
import { createTsigKey, signRequest, type TsigSignedRequest, TsigResponseVerifier } from '../../src/tsig/index.js';
import { type Name, parseName, type ResourceRecord } from '../../src/wire/index.js';
import { buildZone, type ZoneContents } from '../../src/zone/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { buildXfrQuery, conclude, TransferAttempt, type TransferErrorCode, TYPE_AXFR, TYPE_IXFR } from '../../src/xfr/index.js';
import { PropertyFailure, type FuzzTarget } from '../engine/target.js';

/** What the seeds were made with (fuzz/make-transfer-seeds.ts): one zone, one key, one clock, one message ID. */
export const ORIGIN: Name = parseName('example.com.', null);
export const NOW = 1700000000;
export const ID = 0x4242;
export const KEY = createTsigKey('xfr-key.example.', 'hmac-sha256', 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=');
export const now = (): number => NOW;

/** The zone at a serial: delegation with glue, a wildcard, a CNAME, MX/TXT/AAAA/SRV, enough to span messages. */
export function zoneText(serial: number, extra: readonly string[] = []): string {
  const hosts = Array.from({ length: 30 }, (_, i) => `h${i} A 192.0.2.${i}`);
  return [
    '$ORIGIN example.com.', '$TTL 300', `@ SOA ns1 hostmaster ${serial} 3600 600 86400 300`, '@ NS ns1', '@ MX 10 mail',
    'ns1 A 192.0.2.53', 'mail AAAA 2001:db8::25', 'www CNAME web', 'web TXT "web server"', '*.wild TXT "any"',
    'sub NS ns.sub', 'ns.sub A 192.0.2.99', '_sip._udp SRV 0 5 5060 web', ...hosts, ...extra, '',
  ].join('\n');
}

export function zoneOf(text: string): ZoneContents {
  const records = parseZone({ file: 'z', origin: ORIGIN, source: new MemoryZoneSource({ z: text }), onProblem: () => undefined });
  const zone = buildZone(ORIGIN, records, () => undefined);
  if (!zone) throw new Error('the fuzz base zone does not build');
  return zone;
}

/** The copy the secondary holds in the IXFR modes. */
export const BASE = zoneOf(zoneText(1));

function soaOf(zone: ZoneContents): ResourceRecord {
  const s = zone.soa;
  return { owner: s.owner, type: s.type, class: s.class, ttl: s.ttlAt(0), rdata: s.rdataAt(0) };
}

/**
 * The first input octet picks the situation: bits 0-1 what was asked (0 AXFR without a copy, 1 IXFR
 * over TCP holding BASE, 2 IXFR over UDP holding BASE, 3 AXFR holding BASE, as for request-xfr AXFR), bit 2 TSIG
 * (every message verified against the signed request), bits 3-4 size-limit-xfr (none, 700, 3000,
 * 20000 octets). The rest is what came over the connection: 2-octet length framing (RFC 1035 4.2.2)
 * over TCP, the whole rest as one datagram over UDP; an incomplete last frame is the primary closing.
 */
export interface Situation {
  readonly qtype: number;
  readonly transport: 'udp' | 'tcp';
  readonly current: ZoneContents | null;
  readonly signed: TsigSignedRequest | null;
  readonly sizeLimit: number;
}

const LIMITS = [0, 700, 3000, 20000];

const qtypeOf = (mode: number): number => ((mode & 3) === 1 || (mode & 3) === 2 ? TYPE_IXFR : TYPE_AXFR);

/** The request of a mode, unsigned (an IXFR carries BASE's SOA, RFC 1995 3). */
export function queryOf(mode: number): Uint8Array {
  const qtype = qtypeOf(mode);
  return buildXfrQuery(ORIGIN, qtype, ID, qtype === TYPE_IXFR ? soaOf(BASE) : null);
}

export function situationOf(mode: number): Situation {
  const kind = mode & 3;
  const qtype = qtypeOf(mode);
  const current = kind === 0 ? null : BASE;
  const signed = mode & 4 ? signRequest(queryOf(mode), KEY, now) : null;
  return { qtype, transport: kind === 2 ? 'udp' : 'tcp', current, signed, sizeLimit: LIMITS[(mode >> 3) & 3] };
}

/** Frames of a TCP stream; the last incomplete one is dropped (the connection closed in the middle). */
export function frames(stream: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p + 2 <= stream.length) {
    const len = (stream[p] << 8) | stream[p + 1];
    if (p + 2 + len > stream.length) break;
    out.push(stream.subarray(p + 2, p + 2 + len));
    p += 2 + len;
  }
  return out;
}

const CODES = new Set<TransferErrorCode>([
  'MALFORMED', 'BAD_RESPONSE', 'RCODE', 'TRUNCATED', 'BAD_STREAM', 'IXFR_MISMATCH', 'SIZE_LIMIT', 'TSIG', 'SERIAL_NOT_NEWER', 'IXFR_APPLY', 'ZONE_INVALID',
]);

function typed(code: TransferErrorCode): void {
  if (!CODES.has(code)) throw new PropertyFailure(`a failure with a code the stream reader does not give: ${code}`);
}

export const target: FuzzTarget = {
  name: 'transfer-stream',
  covers: 'xfr/TransferAttempt (TSIG per message, TransferStream: AXFR/IXFR framing, serials, size-limit-xfr as NSD counts it) and conclude (zone build with NSD\'s checks, IXFR applied to a copy)',
  maxLength: 16384,
  dictionary: ['\x00\x06\x00\x01', '\x00\xfc\x00\x01', '\x00\xfb\x00\x01', '\x00\xfa\x00\xff', '\xc0\x0c', '\x84\x00', '\x84\x80', '\x00\x00\x00\x01', '\x00\x00\x00\x02', '\x00\x00\x00\x03'],
  run(input: Uint8Array): void {
    if (input.length < 1) return;
    const s = situationOf(input[0]);
    const attempt = new TransferAttempt({
      origin: ORIGIN, qtype: s.qtype, id: ID, serial: s.current?.serial ?? null, transport: s.transport,
      sizeLimit: s.sizeLimit, verifier: s.signed ? new TsigResponseVerifier(s.signed, now) : null,
    });
    const msgs = s.transport === 'udp' ? [input.subarray(1)] : frames(input.subarray(1));
    for (const msg of msgs) {
      const end = attempt.push(msg);
      // Memory stays bounded: nothing more is taken once the transfer file NSD would write passes the limit.
      if (s.sizeLimit > 0 && attempt.limitOctets > s.sizeLimit && !(end && !end.ok && end.error.code === 'SIZE_LIMIT')) {
        throw new PropertyFailure(`${attempt.limitOctets} octets accepted over size-limit-xfr ${s.sizeLimit}`);
      }
      if (end === null) continue;
      if (!end.ok) return typed(end.error.code);
      const out = conclude(s.current, end);
      if (!out.ok) return typed(out.error.code);
      if (out.kind !== 'uptodate' && out.zone.serial !== out.serial) throw new PropertyFailure(`zone serial ${out.zone.serial}, stream serial ${out.serial}`);
      return;
    }
  },
};
