// The secondary's transfer client: IXFR when it holds a copy, AXFR otherwise or as fallback, checked before use.
import { type Name, RCODE, type ResourceRecord, type ZoneProblem } from '../wire/index.js';
import { ZoneBuilder, type ZoneContents } from '../zone/index.js';
import { applyDiffs } from './apply-diff.js';
import type { Diff } from './diff.js';
import { type Clock, closeQuietly, type Endpoint, type IdSource, nextWithin, randomId, type RequestSigner, type Requester } from './io.js';
import { buildXfrQuery } from './requests.js';
import { serialGt } from './serial.js';
import { TYPE_AXFR, TYPE_IXFR } from './soa.js';
import { type StreamResult, type TransferError, type TransferErrorCode, TransferStream } from './transfer-stream.js';

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
  /** size-limit-xfr in octets, 0 (default) for none. */
  readonly sizeLimit?: number;
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

export type TransferOutcome =
  | { readonly ok: true; readonly kind: 'uptodate'; readonly serial: number }
  | {
      readonly ok: true;
      readonly kind: 'axfr' | 'ixfr';
      readonly zone: ZoneContents;
      readonly serial: number;
      /** The differences received (IXFR); empty for AXFR. */
      readonly diffs: readonly Diff[];
      readonly messages: number;
      readonly octets: number;
      /** Warnings the zone build reported. */
      readonly problems: readonly ZoneProblem[];
    }
  | { readonly ok: false; readonly error: TransferError; readonly problems?: readonly ZoneProblem[] };

/** A complete stream; an AXFR-style answer's records went into `builder` as they arrived, its problems into `problems`. */
type Attempt =
  | { ok: true; result: StreamResult; messages: number; octets: number; builder: ZoneBuilder; problems: ZoneProblem[] }
  | { ok: false; error: TransferError };

const failed = (code: TransferErrorCode, message: string, rcode?: number): Attempt => ({ ok: false, error: { code, message, rcode } });

function soaOf(zone: ZoneContents): ResourceRecord {
  const s = zone.soa;
  return { owner: s.owner, type: s.type, class: s.class, ttl: s.ttlAt(0), rdata: s.rdataAt(0) };
}

/** Feeds the response messages to the stream reader, each verified first, each within the time limit. */
async function readStream(o: TransferOptions, it: AsyncIterator<Uint8Array>, stream: TransferStream, signed: ReturnType<RequestSigner['sign']> | null, transport: 'udp' | 'tcp'): Promise<Attempt | null> {
  const wait = transport === 'udp' ? (o.udpTimeoutMs ?? 5000) : (o.timeoutMs ?? 120000);
  for (;;) {
    let r: IteratorResult<Uint8Array> | 'timeout';
    try {
      r = await nextWithin(it, o.clock, wait);
    } catch (e) {
      return failed('NETWORK', `${o.primary.address}@${o.primary.port}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r === 'timeout') return failed('TIMEOUT', `no answer from ${o.primary.address}@${o.primary.port} within ${wait} ms`);
    if (r.done) return failed('CLOSED', `${o.primary.address}@${o.primary.port} closed the connection before the end of the transfer`);
    const msg = r.value;
    const rcode = msg.length >= 4 ? msg[3] & 0xf : 0;
    if (signed) {
      const v = signed.verifier.verify(msg);
      // An unsigned error answer (REFUSED, NOTIMP) is reported by its rcode; NOTAUTH is the TSIG error rcode.
      if (!v.ok && (rcode === RCODE.NOERROR || rcode === RCODE.NOTAUTH)) return failed('TSIG', `TSIG: ${v.reason}`, rcode || undefined);
    }
    const step = stream.push(msg);
    if (step.state === 'error') return { ok: false, error: step.error };
    if (step.state === 'done') break;
  }
  if (signed) {
    const v = signed.verifier.finish();
    if (!v.ok) return failed('TSIG', `TSIG: ${v.reason}`);
  }
  return null;
}

/** One request and its response stream, read to the end (or to the point where we know we are up to date). */
async function attempt(o: TransferOptions, qtype: number, transport: 'udp' | 'tcp'): Promise<Attempt> {
  const id = (o.id ?? randomId)() & 0xffff;
  const soa = qtype === TYPE_IXFR && o.current ? soaOf(o.current) : null;
  const query = buildXfrQuery(o.origin, qtype, id, soa);
  const signed = o.primary.signer ? o.primary.signer.sign(query) : null;
  const problems: ZoneProblem[] = [];
  const builder = new ZoneBuilder(o.origin, (p) => problems.push(p));
  const stream = new TransferStream({
    origin: o.origin, qtype, id, serial: o.current?.serial ?? null, sizeLimit: o.sizeLimit ?? 0, transport,
    onAxfrRecord: (pr) => builder.add(pr),
  });
  let it: AsyncIterator<Uint8Array>;
  try {
    it = o.requester.exchange(o.primary, signed ? signed.message : query, transport)[Symbol.asyncIterator]();
  } catch (e) {
    return failed('NETWORK', `${o.primary.address}@${o.primary.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const bad = await readStream(o, it, stream, signed, transport);
    if (bad) return bad;
  } finally {
    closeQuietly(it);
  }
  return { ok: true, result: stream.result(), messages: stream.count, octets: stream.octets, builder, problems };
}

/** Turns a complete stream into the next snapshot (or the reason it cannot be one). */
function conclude(o: TransferOptions, a: Attempt & { ok: true }): TransferOutcome {
  const r = a.result;
  if (r.kind === 'uptodate' || r.kind === 'need-tcp') return { ok: true, kind: 'uptodate', serial: r.serial };
  const current = o.current;
  if (current && !serialGt(r.serial, current.serial)) {
    return { ok: false, error: { code: 'SERIAL_NOT_NEWER', message: `serial ${r.serial} is not newer than ours (${current.serial})` } };
  }
  if (r.kind === 'ixfr') {
    if (!current) return { ok: false, error: { code: 'IXFR_APPLY', message: 'an incremental answer but we hold no copy' } };
    const applied = applyDiffs(current, r.diffs);
    if (!applied.ok) return { ok: false, error: { code: 'IXFR_APPLY', message: applied.message }, problems: applied.problems };
    return { ok: true, kind: 'ixfr', zone: applied.zone, serial: r.serial, diffs: r.diffs, messages: a.messages, octets: a.octets, problems: [] };
  }
  // The records were built into the zone as they arrived (the checks are NSD's, as for a zone file).
  const problems = a.problems;
  const zone = a.builder.finish({});
  if (!zone) {
    const first = problems.find((p) => p.severity === 'error');
    return { ok: false, error: { code: 'ZONE_INVALID', message: `the transferred zone fails the zone checks: ${first?.message ?? 'unknown'}` }, problems };
  }
  return { ok: true, kind: 'axfr', zone, serial: r.serial, diffs: [], messages: a.messages, octets: a.octets, problems };
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
  return a.ok ? conclude(o, a) : { ok: false, error: a.error };
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
    return a.ok ? conclude(blank, a) : { ok: false, error: a.error };
  }
  if (o.current && !o.primary.axfrOnly) {
    const out = await ixfr(o);
    if (!fallsBack(out) || o.allowAxfrFallback === false) return out;
  }
  const a = await attempt(o, TYPE_AXFR, 'tcp');
  if (!a.ok) return { ok: false, error: a.error };
  return conclude(o, a);
}
