// NOTIFY requests (RFC 1996) until the notify issue lands: answered as NSD does for a zone without allow-notify.
import { findLastTsig, type ParsedRequest } from './request.js';
import { errorFlags, simpleResponse } from './simple-response.js';
import { TSIG_BADKEY, tsigErrorRecord } from './tsig-echo.js';

const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_REFUSED = 5;
const RCODE_NOTAUTH = 9;

/**
 * NSD answer_notify: NXDOMAIN for a name that is not a configured zone, FORMERR for a malformed TSIG,
 * NOTAUTH with an unsigned BADKEY TSIG for a signed one (we hold no keys yet), otherwise REFUSED (no
 * allow-notify ACL matches). The header flags are kept, the question is not echoed, and there is no
 * OPT (NSD has not read EDNS at that point).
 */
export function answerNotify(request: Uint8Array, req: ParsedRequest, configured: ReadonlySet<string>): Uint8Array {
  if (!configured.has(req.key)) return simpleResponse(request, errorFlags(req.flags, RCODE_NXDOMAIN), { questionEnd: 0, opt: null });
  const tsig = findLastTsig(request);
  if (tsig === null) return simpleResponse(request, errorFlags(req.flags, RCODE_FORMERR), { questionEnd: 0, opt: null });
  if (tsig !== 'absent') {
    const final = tsigErrorRecord(tsig, TSIG_BADKEY);
    return simpleResponse(request, errorFlags(req.flags, RCODE_NOTAUTH), { questionEnd: 0, opt: null, final });
  }
  return simpleResponse(request, errorFlags(req.flags, RCODE_REFUSED), { questionEnd: 0, opt: null });
}
