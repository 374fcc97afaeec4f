// service/: the composition root (config, zones, pipeline, listeners, privileges, pidfile, signals).
export { startDaemon, type DaemonArgs, type RunningDaemon } from './daemon.js';
export { installSignals } from './signals.js';
export { ServiceError } from './errors.js';
export { TSDNS_VERSION } from './version.js';
export { ZoneRegistry, type ReloadResult } from './zone-registry.js';
export { listenSpecs, type ListenOverrides } from './listen-specs.js';
export { processOptions, nsidHex } from './process-options.js';
export { createLogger, type Logger } from './logger.js';
export { formatLogLine } from './log-format.js';
export { loadZoneFile, type LoadZoneOptions, type LoadZoneResult } from './load-zone.js';
export { FileConfigSource } from './config-source.js';
export { FileZoneSource } from './zone-source.js';
export { Operations, httpEndpoints, type OperationsInit } from './operations.js'; // ops
export { ConfigState } from './config-state.js';
export { readZoneList, writeZoneList, type ZoneListEntry } from './zone-list.js';
export { type SecondaryView, type TransferControl } from './transfer-control.js';
export { AnnouncedSerials, countingEvents } from './xfr-events.js';
export { xfrTransferControl } from './xfr-control.js';
