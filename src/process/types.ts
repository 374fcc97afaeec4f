// The contract between transports and the request pipeline: bytes in, zero, one or (AXFR/IXFR over TCP) many messages out.

export type Transport = 'udp' | 'tcp';

/** What the transport knows about a request that changes the answer (size limits, A/AAAA order, ACLs). */
export interface RequestContext {
  readonly transport: Transport;
  readonly family: 4 | 6;
  /** The client's address and source port as the socket reports them (provide-xfr, allow-notify). */
  readonly address?: string;
  readonly port?: number;
}

/**
 * A TCP answer: one message, none, or the messages of a transfer (AXFR, IXFR), produced one at a time
 * as the transport pulls them, so a slow reader holds back the work and memory stays at one message.
 */
export type TcpResponse = Uint8Array | Iterator<Uint8Array> | null;

/**
 * The one interface a transport (src/server/) talks to. `handle` returns the response to send, or null
 * to send nothing (NSD drops such requests; over TCP the connection is then closed, as NSD does). The
 * returned bytes belong to the caller.
 */
export interface RequestHandler {
  handle(request: Uint8Array, ctx: RequestContext): Uint8Array | null;
  /** Over TCP, when present: like handle, but a transfer comes back as an iterator of messages. */
  handleTcp?(request: Uint8Array, ctx: RequestContext): TcpResponse;
}

/** The server options the pipeline needs, resolved from nsd.conf (see service/process-options.ts). */
export interface ProcessOptions {
  /** The CH TXT answer to id.server and hostname.bind (nsd.conf identity:, default the host name). */
  readonly identity: string;
  /** The CH TXT answer to version.bind and version.server (nsd.conf version:). */
  readonly version: string;
  readonly hideIdentity: boolean;
  readonly hideVersion: boolean;
  /** The NSID payload (RFC 5001), or null when nsid: is not configured. */
  readonly nsid: Uint8Array | null;
  /** Our UDP payload size per address family (ipv4-edns-size, ipv6-edns-size; NSD's default 1232). */
  readonly ipv4EdnsSize: number;
  readonly ipv6EdnsSize: number;
  readonly minimalResponses: boolean;
  readonly refuseAny: boolean;
  readonly roundRobin: boolean;
  /** drop-updates: UPDATE requests get no answer at all instead of NOTIMP. */
  readonly dropUpdates: boolean;
}

/** The defaults NSD 4.6.1 uses when nsd.conf says nothing. */
export const DEFAULT_PROCESS_OPTIONS: ProcessOptions = Object.freeze({
  identity: 'tsdns',
  version: 'tsdns',
  hideIdentity: false,
  hideVersion: false,
  nsid: null,
  ipv4EdnsSize: 1232,
  ipv6EdnsSize: 1232,
  minimalResponses: false,
  refuseAny: false,
  roundRobin: false,
  dropUpdates: false,
});
