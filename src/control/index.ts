// control/: the nsd-control compatible command server, its verbs, and the client; acts on the ControlApi it declares.
export type { ControlApi, HealthReport, KeyInfo, Outcome, SerialSince, StatsContext, ZoneHealth, ZoneStatusInfo } from './api.js';
export { COMMANDS, runCommand, type ControlRequest } from './commands.js';
export { formatStats, TSDNS_ONLY_STATS } from './format-stats.js';
export { formatZoneStatus, prettyTime } from './format-zonestatus.js';
export { CONTROL_MAGIC, END_OF_INPUT, parseRequestText, requestText, type Parsed } from './protocol.js';
export { ControlServer, controlEndpoints, type ControlEndpoint, type ControlServerInit } from './control-server.js';
export { ControlConnectError, controlTarget, replyFailed, sendCommand, type ControlTarget } from './client.js';
export { ControlError } from './errors.js';
