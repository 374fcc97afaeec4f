// Our OPT record for a response (RFC 6891 6.1, NSD query_add_optional): payload size, DO, NSID, Extended Errors.
import { EDNS_OPTION, type EdnsInit, type EdnsOption } from '../wire/index.js';
import { EDNS_BADVERS, EDNS_OK, type ParsedRequest } from './request.js';
import type { ProcessOptions } from './types.js';

/** Extended DNS Error codes NSD 4.6.1 attaches (RFC 8914 4). */
export const EDE = {
  NOT_READY: 14,
  PROHIBITED: 18,
  NOT_AUTHORITATIVE: 20,
  NOT_SUPPORTED: 21,
} as const;

/** An Extended DNS Error: INFO-CODE and optional EXTRA-TEXT (RFC 8914 2). */
export interface ExtendedError {
  readonly code: number;
  readonly text?: string;
}

/** The UDP payload size we announce: ipv4-edns-size or ipv6-edns-size (NSD edns_init_data). */
export function serverUdpSize(opts: ProcessOptions, family: 4 | 6): number {
  return family === 6 ? opts.ipv6EdnsSize : opts.ipv4EdnsSize;
}

/**
 * The OPT to send, or null when the request had none (RFC 6891 7: no OPT in the response then).
 * BADVERS carries extended rcode 1 and nothing else: NSD neither copies DO nor answers NSID then.
 */
export function responseOpt(req: ParsedRequest, opts: ProcessOptions, family: 4 | 6, ede?: ExtendedError): EdnsInit | null {
  if (req.edns === EDNS_BADVERS) return { udpSize: serverUdpSize(opts, family), extendedRcode: 1 };
  if (req.edns !== EDNS_OK) return null;
  const options: EdnsOption[] = [];
  if (req.nsidAsked && opts.nsid) options.push({ code: EDNS_OPTION.NSID, data: opts.nsid });
  if (ede) options.push(edeOption(ede));
  return { udpSize: serverUdpSize(opts, family), dnssecOk: req.dnssecOk, options };
}

function edeOption(ede: ExtendedError): EdnsOption {
  const text = ede.text ?? '';
  const data = new Uint8Array(2 + text.length);
  data[0] = ede.code >> 8;
  data[1] = ede.code & 0xff;
  for (let i = 0; i < text.length; i++) data[2 + i] = text.charCodeAt(i) & 0xff;
  return { code: EDNS_OPTION.EXTENDED_ERROR, data };
}
