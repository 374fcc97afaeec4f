// health/: HTTP health for anycast routing daemons (/health, /health/zone/<name>) and Prometheus /metrics.
export { healthReport, normalZoneName, zoneHealth, type HealthReport, type SecondaryFacts, type ZoneFacts, type ZoneHealth } from './verdict.js';
export { metricsText, type MetricsInput } from './metrics-text.js';
export { HealthError, HealthServer, type HealthSource, type HttpEndpoint } from './health-server.js';
