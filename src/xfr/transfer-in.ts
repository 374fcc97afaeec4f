// The secondary's transfer client: IXFR when it holds a copy, AXFR otherwise or as fallback, checked before use.
import { type Name, RCODE, type ResourceRecord } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import { type Clock, closeQuietly, type Endpoint, type IdSource, nextWithin, randomId, type RequestSigner, type Requester } from './io.js';
import { buildXfrQuery } from './requests.js';
import { TYPE_AXFR, TYPE_IXFR } from './soa.js';
import { type Attempt, conclude, failed, TransferAttempt, type TransferOutcome } from './transfer-attempt.js';

export type { TransferOutcome } from './transfer-attempt.js';

/** A primary to pull from (a request-xfr line). */
export interface Primary extends Endpoint {
  /** request-xfr AXFR: never ask this primary for IXFR. */
  readonly axfrOnly?: boolean;
  /** request-xfr UDP: send the IXFR query over UDP first. */
  readonly udp?: boolean;
  /** Signs the requests and verifies every answer message (TSIG); null or absent for NOKEY. */
  readonly signer?: RequestSigner | null;
}

export interface TransferOptions {
  readonly origin: Name;
  /** The copy we serve now, or null when we have none. */
  readonly current: ZoneContents | null;
  readonly primary: Primary;
  readonly requester: Requester;
  readonly clock: Clock;
  /** allow-axfr-fallback (default true): after an IXFR the primary cannot serve, ask AXFR. */
  readonly allowAxfrFallback?: boolean;
  /** size-limit-xfr in octets, 0 (default) for none; counted as NSD counts its transfer file (size-limit.ts). */
  readonly sizeLimit?: number;
  /** That file's header for this zone (xfrFileHeaderOctets); by default the one of a zone: clause naming the origin. */
  readonly sizeLimitHeader?: number;
  /** The longest wait for each message, in ms (default 120000, NSD's tcp-timeout). */
  readonly timeoutMs?: number;
  /** The wait for a UDP answer, in ms (default 5000). */
  readonly udpTimeoutMs?: number;
  readonly id?: IdSource;
  /**
   * nsd-control force_transfer: an AXFR taken whatever its serial, as if we held no copy (NSD
   * force_transfer_zone forgets the copy's SOA, so even an older serial is accepted).
   */
  readonly force?: boolean;
}

function soaOf(zone: ZoneContents): ResourceRecord {
  const s = zone.soa;
  return { owner: s.owner, type: s.type, class: s.class, ttl: s.ttlAt(0), rdata: s.rdataAt(0) };
}

/** Feeds the response messages to the attempt, each within the time limit, until it is complete or failed. */
async function readStream(o: TransferOptions, it: AsyncIterator<Uint8Array>, reader: TransferAttempt, transport: 'udp' | 'tcp'): Promise<Attempt> {
  const wait = transport === 'udp' ? (o.udpTimeoutMs ?? 5000) : (o.timeoutMs ?? 120000);
  const from = `${o.primary.address}@${o.primary.port}`;
  for (;;) {
    let r: IteratorResult<Uint8Array> | 'timeout';
    try {
      r = await nextWithin(it, o.clock, wait);
    } catch (e) {
      return failed('NETWORK', `${from}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r === 'timeout') return failed('TIMEOUT', `no answer from ${from} within ${wait} ms`);
    if (r.done) return failed('CLOSED', `${from} closed the connection before the end of the transfer`);
    const end = reader.push(r.value);
    if (end) return end;
  }
}

/** One request and its response stream, read to the end (or to the point where we know we are up to date). */
async function attempt(o: TransferOptions, qtype: number, transport: 'udp' | 'tcp'): Promise<Attempt> {
  const id = (o.id ?? randomId)() & 0xffff;
  const soa = qtype === TYPE_IXFR && o.current ? soaOf(o.current) : null;
  const query = buildXfrQuery(o.origin, qtype, id, soa);
  const signed = o.primary.signer ? o.primary.signer.sign(query) : null;
  const reader = new TransferAttempt({
    origin: o.origin, qtype, id, serial: o.current?.serial ?? null, transport, sizeLimit: o.sizeLimit ?? 0,
    sizeLimitHeader: o.sizeLimitHeader, verifier: signed?.verifier ?? null,
  });
  let it: AsyncIterator<Uint8Array>;
  try {
    it = o.requester.exchange(o.primary, signed ? signed.message : query, transport)[Symbol.asyncIterator]();
  } catch (e) {
    return failed('NETWORK', `${o.primary.address}@${o.primary.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return await readStream(o, it, reader, transport);
  } finally {
    closeQuietly(it);
  }
}

/** IXFR failures after which an AXFR may still succeed (NSD disables IXFR for the primary on these). */
function fallsBack(out: TransferOutcome): boolean {
  if (out.ok) return false;
  const e = out.error;
  if (e.code === 'RCODE') return e.rcode === RCODE.NOTIMP || e.rcode === RCODE.FORMERR;
  return e.code === 'IXFR_MISMATCH' || e.code === 'IXFR_APPLY' || e.code === 'BAD_STREAM';
}

async function ixfr(o: TransferOptions): Promise<TransferOutcome> {
  let a = await attempt(o, TYPE_IXFR, o.primary.udp ? 'udp' : 'tcp');
  // RFC 1995 2: over UDP a truncated answer, or a newer SOA alone, means "ask again over TCP".
  const needTcp = o.primary.udp && ((!a.ok && a.error.code === 'TRUNCATED') || (a.ok && a.result.kind === 'need-tcp'));
  if (needTcp) a = await attempt(o, TYPE_IXFR, 'tcp');
  return a.ok ? conclude(o.current, a) : { ok: false, error: a.error };
}

/**
 * Pulls the zone from one primary. With a copy (and no `axfrOnly`) it asks IXFR with our SOA (RFC 1995
 * 3); an answer that is not newer (RFC 1982) means up to date; after an IXFR the primary cannot serve
 * (NOTIMP, FORMERR, a mismatching or inapplicable answer) it asks AXFR when allowAxfrFallback allows.
 * Without a copy (or with `force`) it asks AXFR (RFC 5936). Every message is TSIG-verified when the primary has a key,
 * the stream must be SOA-framed, and the result is built with buildZone (or applyDiffs) before it is
 * returned, so a failure of any kind leaves the current snapshot as it was. Never throws for what the
 * network or the primary does: failures are values.
 */
export async function transferIn(o: TransferOptions): Promise<TransferOutcome> {
  if (o.force) {
    const blank = { ...o, current: null };
    const a = await attempt(blank, TYPE_AXFR, 'tcp');
    return a.ok ? conclude(null, a) : { ok: false, error: a.error };
  }
  if (o.current && !o.primary.axfrOnly) {
    const out = await ixfr(o);
    if (!fallsBack(out) || o.allowAxfrFallback === false) return out;
  }
  const a = await attempt(o, TYPE_AXFR, 'tcp');
  if (!a.ok) return { ok: false, error: a.error };
  return conclude(o.current, a);
}
