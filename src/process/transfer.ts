// AXFR and IXFR requests until the transfer issue lands: refused or not implemented exactly as NSD 4.6.1 answers.
import type { Decision } from './decision.js';
import { EDE } from './response-opt.js';
import type { Transport } from './types.js';

export const QTYPE_IXFR = 251;
export const QTYPE_AXFR = 252;
const RCODE_NOTIMP = 4;
const RCODE_REFUSED = 5;
const RCODE_NOTAUTH = 9;

/**
 * NSD axfr.c answer_axfr_ixfr with no provide-xfr ACL: AXFR over UDP is NOTIMP (RFC 5936 4.2 says TCP
 * only); AXFR over TCP and IXFR on either transport are REFUSED with EDE 18 (Prohibited) for a
 * configured zone and NOTAUTH for any other name. The question is echoed.
 */
export function answerTransfer(qtype: number, key: string, transport: Transport, configured: ReadonlySet<string>): Decision {
  const decide = (rcode: number, ede?: number): Decision => ({
    rcode, aa: false, items: [], ede: ede === undefined ? undefined : { code: ede }, zones: [], cacheable: false,
  });
  if (qtype === QTYPE_AXFR && transport === 'udp') return decide(RCODE_NOTIMP);
  return configured.has(key) ? decide(RCODE_REFUSED, EDE.PROHIBITED) : decide(RCODE_NOTAUTH);
}
