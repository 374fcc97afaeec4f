// NOTIFY (RFC 1996): building the request a primary sends, checking the answer, and reading a received NOTIFY.
import { decodeMessage, FLAG, type Message, MessageWriter, type Name, OPCODE, RCODE, type ResourceRecord, SECTION, WireError } from '../wire/index.js';
import { CLASS_IN, soaSerial, TYPE_SOA } from './soa.js';

/**
 * A NOTIFY request (RFC 1996 3.7): opcode NOTIFY, AA set, the zone's SOA question and, when given, the
 * new SOA in the answer section (3.7: it MAY be there; secondaries use its serial as a hint). Unsigned;
 * a finished message.
 */
export function buildNotify(zone: Name, id: number, soa: ResourceRecord | null): Uint8Array {
  const w = new MessageWriter(4096);
  w.setId(id);
  w.setFlags((OPCODE.NOTIFY << 11) | FLAG.AA);
  w.addQuestion(zone, TYPE_SOA, CLASS_IN);
  if (soa) w.addRecord(soa, SECTION.ANSWER);
  return w.finish().slice();
}

export type NotifyAnswer =
  | { readonly ok: true }
  /** `final`: an answer that retrying will not change (an error rcode), as opposed to a malformed one. */
  | { readonly ok: false; readonly final: boolean; readonly reason: string; readonly rcode?: number };

const RCODE_NAMES: Record<number, string> = {
  1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 9: 'NOTAUTH', 10: 'NOTZONE',
};

export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? (rcode === 0 ? 'NOERROR' : `RCODE${rcode}`);
}

/**
 * Checks the answer to a NOTIFY we sent (RFC 1996 4.7): QR set, opcode NOTIFY, our ID, NOERROR, and
 * the zone's question when one is echoed. An answer that cannot be read, or belongs to another
 * request, is not final: the notifier keeps waiting or retries.
 */
export function checkNotifyResponse(response: Uint8Array, id: number, zone: Name): NotifyAnswer {
  let m: Message;
  try {
    m = decodeMessage(response);
  } catch (e) {
    if (e instanceof WireError) return { ok: false, final: false, reason: `malformed answer: ${e.message}` };
    throw e;
  }
  const h = m.header;
  if (!h.qr || h.id !== id) return { ok: false, final: false, reason: 'an answer with another ID or no QR flag' };
  if (h.opcode !== OPCODE.NOTIFY) return { ok: false, final: false, reason: `an answer with opcode ${h.opcode}` };
  const q = m.questions[0];
  if (q && (!q.qname.equals(zone) || q.qtype !== TYPE_SOA)) return { ok: false, final: false, reason: 'an answer for another question' };
  if (h.rcode !== RCODE.NOERROR) return { ok: false, final: true, reason: `answered ${rcodeName(h.rcode)}`, rcode: h.rcode };
  return { ok: true };
}

/** What a received NOTIFY says (RFC 1996 3.7, 3.11): the zone and, when the answer holds its SOA, the serial. */
export interface NotifyInfo {
  readonly zone: Name;
  readonly serial: number | null;
}

/**
 * Reads a received NOTIFY request: opcode NOTIFY, QR clear, one question of type SOA. The serial is
 * taken from an SOA of the zone in the answer section; it is only a hint (RFC 1996 3.11), the
 * secondary still asks the primary. Null when the request is not a usable NOTIFY.
 */
export function parseNotify(msg: Message): NotifyInfo | null {
  const h = msg.header;
  if (h.opcode !== OPCODE.NOTIFY || h.qr || msg.questions.length !== 1) return null;
  const q = msg.questions[0];
  if (q.qtype !== TYPE_SOA) return null;
  let serial: number | null = null;
  for (const rr of msg.answers) {
    if (rr.type !== TYPE_SOA || !rr.owner.equals(q.qname)) continue;
    try {
      serial = soaSerial(rr.rdata);
    } catch {
      serial = null;
    }
    break;
  }
  return { zone: q.qname, serial };
}
