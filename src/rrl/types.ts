// RRL's vocabulary: NSD's response classes (rrl.h enum rrl_type), the options and the decision per response.

/**
 * NSD's response classes as its bit values (rrl.h): each class is rate limited apart, so a flood of one
 * kind (NXDOMAIN for random names, say) does not starve positive answers. A zone's rrl-whitelist is
 * the OR of the classes it names.
 */
export const RRL_CLASS = {
  nxdomain: 0x01,
  error: 0x02,
  referral: 0x04,
  any: 0x08,
  wildcard: 0x10,
  nodata: 0x20,
  dnskey: 0x40,
  positive: 0x80,
  rrsig: 0x100,
} as const;

export type RrlClassName = keyof typeof RRL_CLASS;

/** rrl-whitelist: all (every class). */
export const RRL_ALL = 0x1ff;

/** NSD's rrl_ip6 flag: an IPv6 block and the IPv4 block with the same bits are different keys. */
export const RRL_IP6 = 0x8000;

/** What to do with one UDP response: send it, send nothing, or send it truncated and empty (TC=1). */
export type RrlDecision = 'send' | 'drop' | 'slip';

/** The rrl-* server options (config/RrlConfig has this shape, so it can be passed as it is). */
export interface RrlOptions {
  /** rrl-size: buckets in the table; the memory is fixed at about 26 octets a bucket. */
  readonly size: number;
  /** rrl-ratelimit: responses per second per source block and class; 0 is off. */
  readonly ratelimit: number;
  /** rrl-slip: every slip-th limited response is sent truncated (TC=1); 0 never, 1 always. */
  readonly slip: number;
  readonly ipv4PrefixLength: number;
  readonly ipv6PrefixLength: number;
  /** rrl-whitelist-ratelimit: the rate for the classes a zone's rrl-whitelist names; 0 is off. */
  readonly whitelistRatelimit: number;
}

/** NSD's defaults (rrl.h, nsd.conf(5)). */
export const DEFAULT_RRL_OPTIONS: RrlOptions = Object.freeze({
  size: 1000000,
  ratelimit: 200,
  slip: 2,
  ipv4PrefixLength: 24,
  ipv6PrefixLength: 64,
  whitelistRatelimit: 2000,
});

/**
 * The class mask of a zone's rrl-whitelist lines (nsd.conf names: nxdomain, error, referral, any,
 * rrsig, wildcard, nodata, dnskey, positive, all). Unknown names add nothing (the config refuses them).
 */
export function whitelistMask(types: readonly string[]): number {
  let mask = 0;
  for (const t of types) {
    if (t === 'all') mask |= RRL_ALL;
    else if (Object.hasOwn(RRL_CLASS, t)) mask |= RRL_CLASS[t as RrlClassName];
  }
  return mask;
}

/** The nsd.conf name of a class (NSD rrltype2str), for logs; "unknown" for anything else. */
export function rrlClassName(rclass: number): string {
  const bits = rclass & RRL_ALL;
  if (bits === RRL_ALL) return 'all';
  for (const [name, bit] of Object.entries(RRL_CLASS)) if (bits === bit) return name;
  return 'unknown';
}
