// AXFR and IXFR requests (NSD axfr.c answer_axfr_ixfr, ixfr.c query_ixfr): provide-xfr, then the zone streamed out.
import { checkAcl } from '../acl/index.js';
import type { TsigRequestOk } from '../tsig/index.js';
import { decodeMessage, type EdnsInit, Name, WireError } from '../wire/index.js';
import { axfrMessages, ixfrClientSerial, ixfrMessages, planIxfr, tsigStreamSigner, type XfrRequest } from '../xfr/index.js';
import { copyOf } from './bytes.js';
import type { Decision } from './decision.js';
import type { ParsedRequest } from './request.js';
import { EDE } from './response-opt.js';
import { RD } from './simple-response.js';
import type { RequestContext } from './types.js';
import { clientText, type ProcessEvent, type XfrZones } from './xfr-zones.js';

export const QTYPE_IXFR = 251;
export const QTYPE_AXFR = 252;
const RCODE_FORMERR = 1;
const RCODE_SERVFAIL = 2;
const RCODE_NOTIMP = 4;
const RCODE_REFUSED = 5;
const RCODE_NOTAUTH = 9;

function decide(rcode: number, ede?: number): Decision {
  return { rcode, aa: false, items: [], ede: ede === undefined ? undefined : { code: ede }, zones: [], cacheable: false };
}

/** What the transfer stage needs besides the request. */
export interface TransferInput {
  readonly request: Uint8Array;
  readonly req: ParsedRequest;
  readonly ctx: RequestContext;
  /** Origin keys of every configured zone. */
  readonly configured: ReadonlySet<string>;
  /** The transfer view of the zones; absent when the daemon offers no transfers (everything is refused). */
  readonly zones: XfrZones | undefined;
  /** The request's verified TSIG, or null when it was not signed. */
  readonly verified: TsigRequestOk | null;
  /** Seconds since the epoch, for the TSIG of every message. */
  readonly now: () => number;
  /** The OPT for the answer messages (null when the request had none). */
  readonly opt: EdnsInit | null;
  /** The size limit over UDP (IXFR over UDP is one message); TCP messages take up to 65535 octets. */
  readonly udpLimit: number;
  readonly onEvent?: (e: ProcessEvent) => void;
}

/** A refusal or error to encode as a single message, or the messages of the transfer. */
export type TransferAnswer = { readonly decision: Decision } | { readonly messages: Iterator<Uint8Array> };

/**
 * Answers an AXFR or IXFR request as NSD 4.6.1 does: AXFR over UDP is NOTIMP (RFC 5936 4.2: TCP
 * only); a name that is not a configured zone is NOTAUTH; a client provide-xfr does not admit (the
 * key is the request's verified TSIG key, RFC 8945 runs first) is REFUSED with EDE 18 (Prohibited).
 * An admitted request for a zone that is not loaded is NOTAUTH (NSD: "no SOA, no transfer"), for an
 * expired secondary SERVFAIL (tsdns does not pass on data it may no longer serve); an IXFR without
 * the client's SOA in the authority section is FORMERR (RFC 1995 3). Otherwise the messages.
 */
export function answerTransfer(t: TransferInput): TransferAnswer {
  const { req, ctx } = t;
  const kind = req.qtype === QTYPE_AXFR ? 'axfr' : 'ixfr';
  if (kind === 'axfr' && ctx.transport === 'udp') return { decision: decide(RCODE_NOTIMP) };
  if (!t.configured.has(req.key)) return { decision: decide(RCODE_NOTAUTH) };
  const zone = t.zones?.zone(req.key);
  const client = clientText(ctx.address, ctx.port);
  const keyName = t.verified?.key.name ?? null;
  const refuse = (reason: string, rcode: number, ede?: number): TransferAnswer => {
    t.onEvent?.({ type: 'refused', kind, zone: zoneText(t.request, req), client, reason, key: keyName?.toString() ?? null });
    return { decision: decide(rcode, ede) };
  };
  if (!zone) return refuse('no-match', RCODE_REFUSED, EDE.PROHIBITED);
  const acl = checkAcl(zone.provideXfr, { address: ctx.address ?? '', port: ctx.port ?? 0 }, { keyName });
  if (!acl.allowed) return refuse(acl.reason, RCODE_REFUSED, EDE.PROHIBITED);
  const snapshot = zone.snapshot();
  if (!snapshot) return refuse('not-loaded', RCODE_NOTAUTH);
  if (zone.expired()) return refuse('expired', RCODE_SERVFAIL);
  const xreq = xfrRequest(t.request, req);
  const signer = t.verified ? tsigStreamSigner(t.verified, t.now) : undefined;
  const report = (answer: string) => (done: Sent): void => {
    const key = keyName?.toString() ?? null;
    t.onEvent?.({ type: 'xfr-out', kind, zone: zoneText(t.request, req), client, serial: snapshot.serial, answer, transport: ctx.transport, key, ...done });
  };
  if (kind === 'axfr') return { messages: counted(axfrMessages(snapshot, xreq, { signer, edns: t.opt }), report('full')) };
  const clientSerial = ixfrSerialOf(t.request);
  if (clientSerial === null) return { decision: decide(RCODE_FORMERR) };
  const journal = zone.journal();
  const udp = ctx.transport === 'udp';
  const opts = { signer, edns: t.opt, transport: ctx.transport, maxMessageSize: udp ? t.udpLimit : undefined };
  const answer = planIxfr(snapshot, journal, clientSerial).kind;
  return { messages: counted(ixfrMessages(snapshot, journal, clientSerial, xreq, opts), report(answer)) };
}

/** What a transfer sent, for the log. */
interface Sent {
  readonly messages: number;
  readonly octets: number;
  readonly ms: number;
  readonly complete: boolean;
}

/** The messages passed through, counted; `done` is told once, at the end or when the consumer stops early. */
function* counted(messages: Iterator<Uint8Array>, done: (s: Sent) => void): Generator<Uint8Array> {
  const start = Date.now();
  let n = 0;
  let octets = 0;
  let complete = false;
  try {
    for (let r = messages.next(); !r.done; r = messages.next()) {
      n++;
      octets += r.value.length;
      yield r.value;
    }
    complete = true;
  } finally {
    messages.return?.();
    done({ messages: n, octets, ms: Date.now() - start, complete });
  }
}

/** The request's ID, question as asked (its case echoed) and RD (NSD keeps only RD: CD is cleared for authoritative answers). */
function xfrRequest(request: Uint8Array, req: ParsedRequest): XfrRequest {
  const qname = new Name(copyOf(request, 12, req.qnameEnd), req.labels);
  return { id: req.id, qname, qtype: req.qtype, qclass: req.qclass, flags: req.flags & RD };
}

/** The client's serial from the SOA in the IXFR request's authority section (RFC 1995 3); null when missing or malformed. */
function ixfrSerialOf(request: Uint8Array): number | null {
  try {
    return ixfrClientSerial(decodeMessage(request));
  } catch (e) {
    if (e instanceof WireError) return null;
    throw e;
  }
}

/** The zone's name for the log, lower-cased as NSD prints it. */
function zoneText(request: Uint8Array, req: ParsedRequest): string {
  return new Name(copyOf(request, 12, req.qnameEnd), req.labels).toString().toLowerCase();
}
