// A chosen response before encoding: rcode, AA, the RRsets in write order, an Extended DNS Error, the zones used.
import type { EncodeItem } from './encode-answer.js';
import type { ExtendedError } from './response-opt.js';
import type { ZoneContentsLike } from './zones.js';

export interface Decision {
  readonly rcode: number;
  readonly aa: boolean;
  readonly items: readonly EncodeItem[];
  readonly ede?: ExtendedError;
  /** The zone snapshots the decision depends on (for the answer cache). */
  readonly zones: readonly ZoneContentsLike[];
  /** False when the response must be built afresh each time. */
  readonly cacheable: boolean;
}
