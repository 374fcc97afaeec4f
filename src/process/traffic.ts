// Bad traffic as the pipeline and the transports see it: the kinds, and the sink that counts and logs them (service/).

/**
 * The kinds of unwanted traffic reported to a TrafficSink. The pipeline reports the first five, the
 * transports (server/) the rest. Each is reported once per request or connection, only when it
 * happens, never for a good query.
 */
export const Traffic = {
  /** A message answered FORMERR, or too short to hold a header (NSD discards it). */
  MALFORMED: 0,
  /** A FORMERR or NOTIMP answer dropped by NSD's error rate limit (query.c query_ratelimit_err). */
  ERROR_LIMITED: 1,
  /** A query answered REFUSED: a name or class we do not serve. */
  REFUSED: 2,
  /** A UDP answer dropped by RRL. */
  RRL_DROPPED: 3,
  /** A UDP answer replaced by RRL's empty TC=1 slip. */
  RRL_SLIPPED: 4,
  /** A TCP connection closed at once because tcp-count connections were open (or waiting). */
  TCP_REJECTED: 5,
  /** A TCP connection closed by tcp-timeout (idle, or a message that did not arrive whole in time). */
  TCP_TIMEOUT: 6,
  /** A TCP connection closed for a length prefix too short for a query (NSD: "packet too small"). */
  TCP_BAD_LENGTH: 7,
  /** A UDP answer the system would not send (NSD's num.txerr, "sendto failed"). */
  SEND_FAILED: 8,
} as const;
export type Traffic = (typeof Traffic)[keyof typeof Traffic];
export const TRAFFIC_KINDS = 9;

/**
 * Where bad traffic is reported (implemented by service/TrafficLog: a counter increment and a time
 * check per call, a log line at most once a second per kind). `address` is the client as the socket
 * reported it; it is kept as an example, not copied.
 */
export interface TrafficSink {
  note(kind: Traffic, address: string | undefined): void;
}
