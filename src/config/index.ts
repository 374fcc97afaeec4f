// config/: nsd.conf into a typed, frozen Config; one option table drives parsing, checkconf and docs.
export * from './errors.js';
export * from './source.js';
export * from './types.js';
export { loadConfig, loadConfigText } from './load.js';
export { OPTIONS, findOption, optionsOf, clausesOf } from './schema.js';
export { CLAUSES, type ClauseName, type OptionDef, type OptionStatus, type Origin, type ValueKind } from './schema-types.js';
export { printConfig } from './print.js';
export { queryOption, queryKey, queryTlsAuth, type QueryResult } from './query.js';
export { expandZoneTemplate, underZonesdir } from './zonefile-template.js';
export { hasGlobMagic, globComponentToRegExp } from './glob-match.js';
export { parseDnsName, sameDnsName, type DnsName } from './dns-name.js';
export { parseIpSpec } from './kinds-net.js';
export { findZone, findKey, findPattern, findTlsAuth } from './lookup.js';
export { renderConfigDoc } from './docs-table.js';
