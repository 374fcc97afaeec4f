// NOTIFY requests (RFC 1996, NSD query.c answer_notify): TSIG, allow-notify, the answer, and the zone told.
import { checkAcl } from '../acl/index.js';
import { decodeMessage, type Message, WireError } from '../wire/index.js';
import { parseNotify } from '../xfr/index.js';
import { findLastTsig, type ParsedRequest } from './request.js';
import { AA, errorFlags, QR, simpleResponse } from './simple-response.js';
import { checkRequestTsig, signAnswer, type TsigContext } from './tsig-stage.js';
import type { RequestContext } from './types.js';
import { clientText, type ProcessEvent, type XfrZones } from './xfr-zones.js';

const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_REFUSED = 5;

export interface NotifyInput {
  readonly configured: ReadonlySet<string>;
  readonly zones: XfrZones | undefined;
  readonly tsig: TsigContext;
  readonly onEvent?: (e: ProcessEvent) => void;
}

/**
 * NSD answer_notify: NXDOMAIN for a name that is not a configured zone, FORMERR for a malformed TSIG,
 * the TSIG checks next (NOTAUTH with BADKEY, BADSIG or BADTIME, RFC 8945 5.2), then allow-notify with
 * the verified key: a client it does not admit gets REFUSED. Errors keep the header flags, drop the
 * question and carry no OPT (NSD has not read EDNS at that point). An admitted NOTIFY is answered with
 * the request's header (QR and AA set, NOERROR) and question only (RFC 1996 4.7), signed when the
 * request was, and the zone is told (a secondary checks its primaries at once, RFC 1996 4.7).
 */
export function answerNotify(request: Uint8Array, req: ParsedRequest, ctx: RequestContext, n: NotifyInput): Uint8Array {
  const error = (rcode: number): Uint8Array => simpleResponse(request, errorFlags(req.flags, rcode), { questionEnd: 0, opt: null });
  if (!n.configured.has(req.key)) return error(RCODE_NXDOMAIN);
  const tsig = findLastTsig(request);
  if (tsig === null) return error(RCODE_FORMERR);
  let verified = null;
  if (tsig !== 'absent') {
    const check = checkRequestTsig(request, req.flags, tsig, n.tsig, null);
    if (!check.ok) {
      const r = check.result;
      n.onEvent?.({ type: 'tsig-failed', client: clientText(ctx.address, ctx.port), key: tsig.keyName.toString(), error: r?.tsigError ?? 17, reason: `NOTIFY: ${r?.reason ?? 'no keys configured'}` });
      return check.answer;
    }
    verified = check.verified;
  }
  const sign = (out: Uint8Array): Uint8Array => (verified ? signAnswer(out, verified, n.tsig.now) : out);
  const zone = n.zones?.zone(req.key);
  const client = clientText(ctx.address, ctx.port);
  const keyName = verified?.key.name.toString() ?? null;
  const msg = tryDecode(request);
  const zoneName = msg?.questions[0]?.qname.toString().toLowerCase() ?? '?';
  const acl = zone ? checkAcl(zone.allowNotify, { address: ctx.address ?? '', port: ctx.port ?? 0 }, { keyName: verified?.key.name ?? null }) : null;
  if (!zone || !acl?.allowed) {
    n.onEvent?.({ type: 'refused', kind: 'notify', zone: zoneName, client, reason: acl && !acl.allowed ? acl.reason : 'no-match', key: keyName });
    return sign(error(RCODE_REFUSED));
  }
  const serial = msg ? (parseNotify(msg)?.serial ?? null) : null;
  n.onEvent?.({ type: 'notify-in', zone: zoneName, client, serial, key: keyName });
  zone.notified(serial, ctx.address ?? '', ctx.port ?? 0);
  const flags = (req.flags | QR | AA) & ~0xf;
  return sign(simpleResponse(request, flags, { questionEnd: req.questionEnd, opt: null }));
}

/** The whole request decoded (for the SOA serial it may carry, RFC 1996 3.7), or null when it does not decode. */
function tryDecode(request: Uint8Array): Message | null {
  try {
    return decodeMessage(request);
  } catch (e) {
    if (e instanceof WireError) return null;
    throw e;
  }
}
