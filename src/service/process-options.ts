// nsd.conf server: options into the request pipeline's options (identity, version, NSID, sizes, switches).
import os from 'node:os';
import type { ServerConfig } from '../config/index.js';
import type { ProcessOptions } from '../process/index.js';
import { TSDNS_VERSION } from './version.js';

export interface ProcessOptionOverrides {
  /** nsd -i identity. */
  readonly identity?: string;
  /** nsd -I nsid (hex, or ascii_ followed by text, as in nsd.conf). */
  readonly nsidHex?: string;
}

/**
 * The pipeline options for a server config. As NSD: the identity defaults to the host name, the
 * version to the server's own name and version, the NSID is configured as hex.
 */
export function processOptions(s: ServerConfig, over: ProcessOptionOverrides = {}): ProcessOptions {
  const nsid = over.nsidHex !== undefined ? nsidHex(over.nsidHex) : s.nsid;
  return {
    identity: over.identity ?? s.identity ?? os.hostname(),
    version: s.version ?? `tsdns ${TSDNS_VERSION}`,
    hideIdentity: s.hideIdentity,
    hideVersion: s.hideVersion,
    nsid: nsid === null || nsid === '' ? null : Uint8Array.from(Buffer.from(nsid, 'hex')),
    ipv4EdnsSize: s.ipv4EdnsSize,
    ipv6EdnsSize: s.ipv6EdnsSize,
    minimalResponses: s.minimalResponses,
    refuseAny: s.refuseAny,
    roundRobin: s.roundRobin,
    dropUpdates: s.dropUpdates,
  };
}

/** The NSID payload as hex from nsd.conf syntax: hex digits, or ascii_ followed by text. */
export function nsidHex(text: string): string {
  return text.startsWith('ascii_') ? Buffer.from(text.slice(6), 'latin1').toString('hex') : text.toLowerCase();
}
