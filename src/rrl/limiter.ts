// The RRL table (NSD rrl.c): a fixed array of buckets keyed by source block, class and name, with NSD's smoothed rate.
import { keyHash, nameHash } from './hash.js';
import { SOURCE, sourceMasks, sourceOf, type SourceMasks } from './source.js';
import { RRL_IP6, type RrlDecision, type RrlOptions } from './types.js';

/** Per-table seed when none is given: Math.random is enough to keep bucket positions unguessable from outside. */
function randomSeed(): number {
  return (Math.random() * 0x100000000) | 0;
}

/** Test hooks: a fixed hash seed makes the bucket positions repeatable. */
export interface RrlTestHooks {
  readonly seed?: number;
}

/**
 * Response rate limiting as NSD 4 does it, for UDP responses. Each bucket holds one key (source
 * block, class with the IPv6 flag, hash) and a smoothed rate: every second the rate becomes
 * rate/2 + the responses counted in the last second, so it is twice the responses per second of a
 * steady source, and the limits are kept doubled to match (NSD rrl_mmap_init). The table is
 * rrl-size buckets of typed arrays allocated once: memory stays fixed under a flood from random
 * sources, which only evict each other. check() allocates nothing.
 */
export class ResponseRateLimiter {
  /** False when rrl-ratelimit and rrl-whitelist-ratelimit are both 0: check() always says send. */
  readonly enabled: boolean;
  /** Responses limited since start: dropped and slipped (plain counters for stats). */
  dropped = 0;
  slipped = 0;
  private readonly size: number;
  private readonly limit: number;
  private readonly whitelistLimit: number;
  private readonly slip: number;
  private readonly masks: SourceMasks;
  private readonly seed: number;
  private limitedCount = 0;
  // The last address string read and its block: a flood repeats one source, so its parse is skipped.
  private lastAddress: string | null = null;
  private lastFamily = 0;
  private lastHi = 0;
  private lastLo = 0;
  // The buckets, one array per field (NSD struct rrl_bucket).
  private readonly srcHi: Int32Array;
  private readonly srcLo: Int32Array;
  private readonly flags: Uint16Array;
  private readonly hashes: Int32Array;
  private readonly rates: Uint32Array;
  private readonly counters: Uint32Array;
  private readonly stamps: Int32Array;

  constructor(opts: RrlOptions, hooks: RrlTestHooks = {}) {
    this.limit = Math.max(0, Math.floor(opts.ratelimit)) * 2;
    this.whitelistLimit = Math.max(0, Math.floor(opts.whitelistRatelimit)) * 2;
    this.enabled = this.limit > 0 || this.whitelistLimit > 0;
    this.slip = Math.max(0, Math.floor(opts.slip));
    this.masks = sourceMasks(opts.ipv4PrefixLength, opts.ipv6PrefixLength);
    this.seed = hooks.seed ?? randomSeed();
    // A disabled table needs no memory.
    this.size = this.enabled ? Math.max(1, Math.floor(opts.size)) : 1;
    this.srcHi = new Int32Array(this.size);
    this.srcLo = new Int32Array(this.size);
    this.flags = new Uint16Array(this.size);
    this.hashes = new Int32Array(this.size);
    this.rates = new Uint32Array(this.size);
    this.counters = new Uint32Array(this.size);
    this.stamps = new Int32Array(this.size);
  }

  /**
   * The decision for one UDP response (NSD rrl_process_query, then rrl_slip when limited).
   * - address: the client, as node:dgram reports it or as 4/16 octets;
   * - rclass: its RRL_CLASS (see classifyResponse);
   * - name: the name key that goes with the class (Name.key form) or its nameHash;
   * - nowSeconds: the time in seconds (fractions are dropped; any monotonic or wall clock);
   * - whitelist: the whitelistMask of the answering zone's rrl-whitelist (0: none).
   */
  check(address: string | Uint8Array, rclass: number, name: string | number, nowSeconds: number, whitelist = 0): RrlDecision {
    if (!this.enabled) return 'send';
    // NSD examine_query: a whitelisted class is held to rrl-whitelist-ratelimit instead; a 0 limit is none.
    const lm = (whitelist & rclass) !== 0 ? this.whitelistLimit : this.limit;
    if (lm === 0) return 'send';
    if (typeof address !== 'string' || address !== this.lastAddress) this.readSource(address);
    const hi = this.lastHi;
    const lo = this.lastLo;
    const flags = (rclass & 0x7fff) | (this.lastFamily === 6 ? RRL_IP6 : 0);
    const hash = keyHash(this.seed, hi, lo, flags, typeof name === 'number' ? name : nameHash(name));
    const rate = this.update(hash, hi, lo, flags, Math.floor(nowSeconds) | 0);
    if (rate < lm) return 'send';
    return this.limited();
  }

  private readSource(address: string | Uint8Array): void {
    this.lastFamily = sourceOf(address, this.masks);
    this.lastHi = SOURCE[0];
    this.lastLo = SOURCE[1];
    this.lastAddress = typeof address === 'string' ? address : null;
  }

  /**
   * NSD rrl_slip: a limited response is dropped, but every slip-th one goes out truncated so a real
   * client whose address is being spoofed can still retry over TCP. NSD picks 1 in slip at random;
   * a counter gives the same share exactly and keeps tests repeatable.
   */
  private limited(): RrlDecision {
    const slip = this.slip;
    if (slip === 1 || (slip > 1 && ++this.limitedCount >= slip)) {
      this.limitedCount = 0;
      this.slipped++;
      return 'slip';
    }
    this.dropped++;
    return 'drop';
  }

  /** NSD rrl_update: counts one response in its bucket and returns the rate it stands at. */
  private update(hash: number, hi: number, lo: number, flags: number, now: number): number {
    const i = (hash >>> 0) % this.size;
    if (this.srcHi[i] !== hi || this.srcLo[i] !== lo || this.flags[i] !== flags || this.hashes[i] !== hash) {
      // Another key (or an empty bucket): it starts over here.
      this.srcHi[i] = hi;
      this.srcLo[i] = lo;
      this.flags[i] = flags;
      this.hashes[i] = hash;
      this.counters[i] = 1;
      this.rates[i] = 0;
      this.stamps[i] = now;
      return 1;
    }
    const elapsed = (now - this.stamps[i]) | 0; // circular, as NSD's int32 seconds
    if (elapsed === 0) {
      this.counters[i]++;
    } else {
      this.rates[i] = elapsed < 0 ? 0 : attenuate(this.rates[i], this.counters[i], elapsed);
      this.counters[i] = 1;
      this.stamps[i] = now;
    }
    // The larger of the rate and its projection at the end of this second, so a sudden surge is
    // stopped halfway into the second rather than a second late (NSD).
    const half = this.rates[i] >>> 1;
    const counter = this.counters[i];
    return counter > half ? counter + half : this.rates[i];
  }
}

/**
 * The rate after `elapsed` seconds (NSD rrl_attenuate_bucket): halved once per second, the last
 * counted second added at its age; zero after 16 seconds. One second: rate/2 + counter.
 */
function attenuate(rate: number, counter: number, elapsed: number): number {
  if (elapsed > 16) return 0;
  return (rate >>> elapsed) + (counter >>> (elapsed - 1));
}
