// The RRL table for the daemon from the rrl-* server options, and each zone's rrl-whitelist as a class mask.
import type { Config } from '../config/index.js';
import { ResponseRateLimiter, whitelistMask } from '../rrl/index.js';
import { parseName } from '../wire/index.js';

export interface RrlSetup {
  readonly rrl: ResponseRateLimiter;
  /** The rrl-whitelist mask of the zone with this origin key (Name.key form); 0 for none. */
  readonly rrlWhitelist: (originKey: string) => number;
}

/**
 * One table for the life of the process (NSD also sizes it once at start; rrl-size needs a restart).
 * The whitelist follows the config as reconfig, addzone and delzone replace it: the masks are rebuilt
 * when the config object changes, which is off the per-query path (only cache misses ask).
 */
export function rrlSetup(config: () => Config): RrlSetup {
  const rrl = new ResponseRateLimiter(config().server.rrl);
  let seen: Config | null = null;
  let masks = new Map<string, number>();
  const rrlWhitelist = (originKey: string): number => {
    const c = config();
    if (c !== seen) {
      seen = c;
      masks = new Map();
      for (const z of c.zones) {
        const mask = whitelistMask(z.rrlWhitelist);
        if (mask !== 0) masks.set(parseName(z.key, null).key, mask);
      }
    }
    return masks.get(originKey) ?? 0;
  };
  return { rrl, rrlWhitelist };
}
