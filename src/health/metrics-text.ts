// The Prometheus text exposition (format 0.0.4) of the server's counters, zones and process.
import { EVENTS, MISC, QTYPE_OTHER, QTYPE_SLOTS, RCODE_SLOTS, TRANSPORTS, type EventName, type ServerStats } from '../stats/index.js';
import type { ZoneFacts, ZoneHealth } from './verdict.js';

/** What the metrics page shows. */
export interface MetricsInput {
  readonly stats: ServerStats;
  readonly zones: readonly ZoneFacts[];
  readonly health: readonly ZoneHealth[];
  readonly version: string;
  /** The mnemonic of a QTYPE (wire's typeToText). */
  readonly typeName: (code: number) => string;
  readonly now: number;
}

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE', 'DSOTYPENI', 'RCODE12', 'RCODE13', 'RCODE14', 'RCODE15', 'BADVERS'];

/** Label values escape backslash, double quote and newline (the exposition format's rule). */
function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(l: Readonly<Record<string, string>>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/** Collects families: HELP and TYPE once, then the samples. */
class Page {
  private readonly out: string[] = [];

  family(name: string, type: 'counter' | 'gauge', help: string, samples: readonly (readonly [Readonly<Record<string, string>>, number])[]): void {
    this.out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) this.out.push(`${name}${labels(l)} ${Number.isFinite(v) ? v : 0}`);
  }

  text(): string {
    return `${this.out.join('\n')}\n`;
  }
}

const TRANSPORT_LABELS = TRANSPORTS.map((t) => ({ transport: t.startsWith('udp') ? 'udp' : 'tcp', family: t.endsWith('6') ? 'ipv6' : 'ipv4' }));

function queryFamilies(p: Page, m: MetricsInput): void {
  const q = m.stats.queries;
  p.family('tsdns_queries_total', 'counter', 'Requests received, by transport and address family.', TRANSPORT_LABELS.map((l, i) => [l, q.queries[i]] as const));
  const types: [Record<string, string>, number][] = [];
  const rcodes: [Record<string, string>, number][] = [];
  for (let t = 0; t < TRANSPORTS.length; t++) {
    const l = TRANSPORT_LABELS[t];
    for (let i = 0; i < QTYPE_SLOTS; i++) {
      const v = q.qtype[t * QTYPE_SLOTS + i];
      if (v !== 0) types.push([{ ...l, qtype: i === QTYPE_OTHER ? 'OTHER' : m.typeName(i) }, v]);
    }
    for (let i = 0; i < RCODE_SLOTS; i++) {
      const v = q.rcode[t * RCODE_SLOTS + i];
      if (v !== 0) rcodes.push([{ ...l, rcode: RCODE_NAMES[i] }, v]);
    }
  }
  p.family('tsdns_query_types_total', 'counter', 'Questions read, by transport and QTYPE (types above 255 as OTHER).', types);
  p.family('tsdns_responses_total', 'counter', 'Responses sent, by transport and RCODE.', rcodes);
  const misc = (name: string, help: string, i: number): void => p.family(name, 'counter', help, [[{}, q.misc[i]]]);
  misc('tsdns_responses_truncated_total', 'Responses with the TC bit set.', MISC.TRUNCATED);
  misc('tsdns_responses_without_aa_total', 'NOERROR responses without AA (referrals included).', MISC.ANSWER_WO_AA);
  misc('tsdns_requests_dropped_total', 'Requests that got no response (failed the sanity checks, or rate limited).', MISC.DROPPED);
  misc('tsdns_requests_malformed_total', 'Malformed requests: answered with FORMERR, or too short for a header.', MISC.MALFORMED);
  misc('tsdns_requests_edns_total', 'Requests with an EDNS OPT record.', MISC.EDNS);
  misc('tsdns_requests_edns_errors_total', 'Requests with an OPT of an unknown EDNS version.', MISC.EDNS_ERROR);
  p.family('tsdns_xfr_requests_total', 'counter', 'AXFR and IXFR requests answered.', [[{ kind: 'axfr' }, q.misc[MISC.AXFR]], [{ kind: 'ixfr' }, q.misc[MISC.IXFR]]]);
  p.family('tsdns_rrl_limited_total', 'counter', 'UDP answers over rrl-ratelimit: dropped, or sent empty with TC=1 (slipped).', [
    [{ action: 'dropped' }, q.misc[MISC.RRL_DROPPED]], [{ action: 'slipped' }, q.misc[MISC.RRL_SLIPPED]],
  ]);
  p.family('tsdns_tcp_closed_total', 'counter', 'TCP connections closed by a limit: tcp-count reached, tcp-timeout, a length too short for a query.', [
    [{ reason: 'tcp_count' }, q.misc[MISC.TCP_REJECTED]], [{ reason: 'timeout' }, q.misc[MISC.TCP_TIMEOUT]], [{ reason: 'bad_length' }, q.misc[MISC.TCP_BAD_LENGTH]],
  ]);
  misc('tsdns_send_errors_total', 'UDP answers the system would not send.', MISC.TXERR);
}

const EVENT_FAMILIES: readonly [EventName, string, string][] = [
  ['transfer_in', 'tsdns_transfers_in_total', 'Zone transfers received, by kind and result.'],
  ['transfer_out', 'tsdns_transfers_out_total', 'Zone transfers sent, by kind and result.'],
  ['notify_sent', 'tsdns_notifies_sent_total', 'NOTIFY messages sent to secondaries, by result.'],
  ['notify_received', 'tsdns_notifies_received_total', 'NOTIFY messages received, by result.'],
  ['zone_load', 'tsdns_zone_loads_total', 'Zone file loads, by trigger and result.'],
  ['reconfig', 'tsdns_reconfigs_total', 'Config re-reads, by result.'],
];

function eventFamilies(p: Page, m: MetricsInput): void {
  for (const [event, name, help] of EVENT_FAMILIES) {
    const samples = m.stats.events.samples(event).map((s) => [s.labels, s.value] as const);
    // A family that never counted still shows a zero, so rate() has a series from the start.
    if (samples.length === 0) samples.push([Object.fromEntries(EVENTS[event].map((n) => [n, 'none'])), 0]);
    p.family(name, 'counter', help, samples);
  }
}

function zoneFamilies(p: Page, m: MetricsInput): void {
  const z = m.zones;
  const role = (f: ZoneFacts): Record<string, string> => ({ zone: f.zone, role: f.role });
  p.family('tsdns_zone_serial', 'gauge', 'The SOA serial served (zones serving nothing are left out).', z.filter((f) => f.serial !== null).map((f) => [role(f), f.serial as number] as const));
  p.family('tsdns_zone_loaded', 'gauge', '1 when the zone serves contents, 0 when not.', z.map((f) => [role(f), f.serial === null ? 0 : 1] as const));
  p.family('tsdns_zone_load_timestamp_seconds', 'gauge', 'When the served contents were loaded or transferred.', z.filter((f) => f.loadedAt !== null).map((f) => [role(f), Math.floor((f.loadedAt as number) / 1000)] as const));
  p.family('tsdns_zone_healthy', 'gauge', '1 when the zone passes the health check.', m.health.map((h) => [{ zone: h.zone, role: h.role }, h.healthy ? 1 : 0] as const));
  p.family('tsdns_zone_expires_in_seconds', 'gauge', 'Secondary zones: seconds until the copy expires.', m.health.filter((h) => h.expiresIn !== null).map((h) => [{ zone: h.zone }, h.expiresIn as number] as const));
  p.family('tsdns_healthy', 'gauge', '1 when every configured zone is healthy (what /health answers 200 for).', [[{}, m.health.every((h) => h.healthy) ? 1 : 0]]);
}

function processFamilies(p: Page, m: MetricsInput): void {
  const mem = process.memoryUsage();
  p.family('tsdns_build_info', 'gauge', 'The tsdns version.', [[{ version: m.version }, 1]]);
  p.family('process_start_time_seconds', 'gauge', 'Start time of the process since the epoch.', [[{}, Math.floor(m.stats.bootTime / 1000)]]);
  p.family('process_resident_memory_bytes', 'gauge', 'Resident memory size.', [[{}, mem.rss]]);
  p.family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [[{}, mem.heapUsed]]);
  p.family('nodejs_heap_total_bytes', 'gauge', 'V8 heap allocated.', [[{}, mem.heapTotal]]);
  p.family('nodejs_external_memory_bytes', 'gauge', 'Memory of buffers and other objects outside the V8 heap.', [[{}, mem.external]]);
}

/** The whole /metrics page. */
export function metricsText(m: MetricsInput): string {
  const p = new Page();
  queryFamilies(p, m);
  eventFamilies(p, m);
  zoneFamilies(p, m);
  processFamilies(p, m);
  return p.text();
}
