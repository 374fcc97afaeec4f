// zone/: the name tree, RRsets, immutable zone snapshots with their builder and adjust pass, and ZoneDb.
export { RRset } from './rrset.js';
export { ZoneNode } from './node.js';
export { ZoneContents, type ZoneLookup } from './contents.js';
export { buildZone, ZoneBuilder, type BuildOptions } from './builder.js';
export { ZoneDb } from './zone-db.js';
export { ZoneError } from './errors.js';
export { canonicalSortKey, compareKeys, sortCanonical } from './canonical.js';
