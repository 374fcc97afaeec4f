// The decoded shape of a whole DNS message: header, question, the three record sections and EDNS (RFC 1035 4.1).
import type { Edns, EdnsProblem } from './edns.js';
import type { Header, HeaderFlags } from './header.js';
import type { Name } from './name.js';
import type { ResourceRecord } from './record.js';

export interface Question {
  readonly qname: Name;
  readonly qtype: number;
  readonly qclass: number;
}

/** Record sections as the writer numbers them (the question section is 0). */
export const SECTION = { ANSWER: 1, AUTHORITY: 2, ADDITIONAL: 3 } as const;
export type Section = 1 | 2 | 3;

/** TSIG's type code (RFC 8945 4.2): it must be the last additional record, after OPT. */
export const TYPE_TSIG = 250;

export interface Message {
  /** The header as received: `rcode` is its low 4 bits, counts are the ones in the header. */
  readonly header: Header;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  /** The additional section without the accepted OPT record (that one is `edns`). */
  readonly additionals: readonly ResourceRecord[];
  /** The OPT pseudo-record of the additional section, if one was accepted (RFC 6891 6.1). */
  readonly edns: Edns | null;
  /**
   * The first EDNS fault a server must answer with FORMERR (RFC 6891 6.1.1, NSD's edns_parse_record);
   * a faulty OPT stays a plain record in the section it was found in.
   */
  readonly ednsProblem: EdnsProblem | null;
  /** Offset of the last additional record when it is a TSIG (RFC 8945 5.1 puts it last), else -1. */
  readonly tsigOffset: number;
  /** Octets after the last record the counts announce; NSD ignores them, the caller decides. */
  readonly trailingBytes: number;
}

/** What encodeMessage needs: a Message without counts or decode-only facts. */
export interface MessageInput {
  readonly header: HeaderFlags & { readonly id: number };
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  readonly additionals: readonly ResourceRecord[];
  readonly edns?: Edns | null;
}
