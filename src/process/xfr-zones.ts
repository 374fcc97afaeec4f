// What the pipeline needs to answer AXFR, IXFR and NOTIFY for a configured zone, and the events it reports (service/ implements both).
import type { CompiledAcl } from '../acl/index.js';
import type { Journal } from '../xfr/index.js';
import type { ZoneContents } from '../zone/index.js';

/** One configured zone as the transfer and NOTIFY stages see it. */
export interface XfrZone {
  /** provide-xfr: who may ask AXFR and IXFR. */
  readonly provideXfr: CompiledAcl;
  /** allow-notify: who may send NOTIFY. */
  readonly allowNotify: CompiledAcl;
  /** The snapshot served now; undefined when the zone is not loaded (no transfer: NSD's "no SOA"). */
  snapshot(): ZoneContents | undefined;
  /** True while a secondary zone is expired: it is not served, nor transferred on. */
  expired(): boolean;
  /** The kept differences (create-ixfr, store-ixfr) for IXFR out, or null. */
  journal(): Journal | null;
  /**
   * A NOTIFY admitted by allow-notify, with the serial of the SOA it carried (a hint, RFC 1996 3.11).
   * A secondary zone checks its primaries at once; a primary zone ignores it (as NSD's xfrd does).
   */
  notified(serial: number | null, address: string, port: number): void;
}

/** The transfer view of the configured zones, by origin key (Name.key form). */
export interface XfrZones {
  zone(key: string): XfrZone | undefined;
}

/** What kind of request an event is about. */
export type XfrKind = 'axfr' | 'ixfr' | 'notify';

/**
 * Events the pipeline reports for the log (never per ordinary query): refused transfers, transfers
 * sent (when done), NOTIFYs received, requests whose TSIG failed.
 */
export type ProcessEvent =
  | {
      readonly type: 'refused';
      readonly kind: XfrKind;
      readonly zone: string;
      readonly client: string;
      /** 'blocked', 'no-match', 'key-required', 'wrong-key' (see acl/), or 'not-loaded', 'expired'. */
      readonly reason: string;
      readonly key: string | null;
    }
  | {
      readonly type: 'xfr-out';
      readonly kind: 'axfr' | 'ixfr';
      readonly zone: string;
      readonly client: string;
      readonly serial: number;
      /** For IXFR: 'current', 'incremental' or 'full'. */
      readonly answer: string;
      readonly transport: 'udp' | 'tcp';
      readonly key: string | null;
      /** What was sent, reported when the last message went out or the client stopped reading. */
      readonly messages: number;
      readonly octets: number;
      readonly ms: number;
      /** False when the stream was abandoned before its last message (the client went away). */
      readonly complete: boolean;
    }
  | { readonly type: 'notify-in'; readonly zone: string; readonly client: string; readonly serial: number | null; readonly key: string | null }
  | { readonly type: 'tsig-failed'; readonly client: string; readonly key: string; readonly error: number; readonly reason: string };

/** The client of a request as text for the log: address@port. */
export function clientText(address: string | undefined, port: number | undefined): string {
  return `${address ?? '?'}@${port ?? 0}`;
}
