// dnssec/: serving signed zones: the zone's DNSSEC view, RRSIG attachment, NSEC/NSEC3 denial selection, zone checks.
export { zoneDnssec, type ZoneDnssec } from './zone-dnssec.js';
export { rrsigsFor, type RrsigRRset } from './rrsigs.js';
export { denyName, denyType, denialFirst, denyWildcardName, delegationRecords, isSecure, type Denial } from './denial.js';
export { nsec3Hash } from './nsec3-hash.js';
export { checkSignedZone, EXPIRY_MARGIN, type SignedZoneWarning } from './check.js';
