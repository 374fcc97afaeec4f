// stats/: the server's counters (queries by transport, qtype, rcode; rare events); imports nothing.
export {
  MISC, MISC_SLOTS, QCLASS_SLOTS, QTYPE_OTHER, QTYPE_SLOTS, QueryCounters, RCODE_BADVERS, RCODE_SLOTS, TRANSPORT_COUNT, TRANSPORTS,
  type RequestFacts, type TransportFacts, type TransportName,
} from './query-counters.js';
export { EVENTS, EventCounters, type EventName, type EventSample } from './event-counters.js';
export { ServerStats, type QuerySnapshot } from './server-stats.js';
export type { HealthReport, ZoneHealth } from './health-report.js';
