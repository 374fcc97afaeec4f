// The resource record shape every module shares: owner, type, class, TTL and rdata in wire form.
import type { Name } from './name.js';

/** One resource record. `rdata` is uncompressed wire form, names in it keep the case they were written in. */
export interface ResourceRecord {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly rdata: Uint8Array;
}

export const CLASS = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 } as const;
