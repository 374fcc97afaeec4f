// Health verdicts (loaded, expired, stale, behind the primary), the Prometheus page, and the HTTP endpoints.
import t from 'tap';
import http from 'node:http';
import { healthReport, HealthServer, metricsText, zoneHealth, type ZoneFacts } from '../../../src/health/index.js';
import { MISC, ServerStats } from '../../../src/stats/index.js';

const H = 3_600_000;
const primary: ZoneFacts = { zone: 'p.test', role: 'primary', serial: 5, loadedAt: 0, loadErrors: [], secondary: null };
const secondary = (over: Partial<NonNullable<ZoneFacts['secondary']>> = {}, serial: number | null = 10): ZoneFacts => ({
  zone: 's.test', role: 'secondary', serial, loadedAt: 0, loadErrors: [],
  secondary: { expired: false, acquired: 0, expireAt: 10 * H, primarySerial: null, primarySerialSince: null, ...over },
});

t.test('zone verdicts', async (t) => {
  t.ok(zoneHealth(primary, H, 0).healthy);
  t.notOk(zoneHealth({ ...primary, serial: null, loadErrors: ['x:1: bad'] }, H, 0).healthy, 'not loaded');
  t.notOk(zoneHealth({ ...primary, loadErrors: ['x:1: bad'] }, H, 0).healthy, 'a failed reload serves old data: unhealthy');
  t.ok(zoneHealth(secondary(), H, 0).healthy);
  t.same(zoneHealth(secondary({ expired: true }), H, 0).problems, ['expired']);
  t.notOk(zoneHealth(secondary(), 11 * H, 0).healthy, 'past expireAt');
  t.equal(zoneHealth(secondary(), 2 * H, 0).expiresIn, 8 * 3600);
  t.ok(zoneHealth(secondary(), 2 * H, 0).healthy, 'no bound: age alone is fine');
  t.notOk(zoneHealth(secondary(), 2 * H, 3600).healthy, 'unconfirmed longer than the bound');
  t.ok(zoneHealth(secondary({ acquired: H + 1000 }), 2 * H, 3600).healthy, 'confirmed within the bound');
  const behind = secondary({ acquired: 2 * H, primarySerial: 11, primarySerialSince: H - 1 });
  t.notOk(zoneHealth(behind, 2 * H, 3600).healthy, 'the primary moved on beyond the bound');
  t.match(zoneHealth(behind, 2 * H, 3600).problems, [/primary serial 11 not picked up/]);
  t.ok(zoneHealth(secondary({ acquired: 2 * H, primarySerial: 11, primarySerialSince: H + 1 }), 2 * H, 3600).healthy, 'behind, but not yet for the bound');
  t.ok(zoneHealth(secondary({ acquired: 2 * H, primarySerial: 10, primarySerialSince: 0 }, 10), 2 * H, 3600).healthy, 'caught up: healthy again');
  t.ok(zoneHealth(secondary({ acquired: 2 * H, primarySerial: 4294967295, primarySerialSince: 0 }, 3), 2 * H, 3600).healthy, 'RFC 1982: 4294967295 is older than 3');
  const r = healthReport([primary, secondary({ expired: true })], H, 0);
  t.equal(r.healthy, false);
  t.same(r.zones.map((z) => z.healthy), [true, false]);
});

/** A small Prometheus text-format checker: HELP/TYPE before samples, names, labels and values well-formed. */
function parseProm(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        if (!['counter', 'gauge'].includes(meta[3])) throw new Error(`bad type: ${line}`);
        typed.add(meta[2]);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.e+]+|NaN)$/.exec(line);
    if (!m) throw new Error(`bad sample: ${line}`);
    if (!typed.has(m[1])) throw new Error(`sample before its TYPE: ${line}`);
    out.set(m[1] + (m[2] ?? ''), Number(m[3]));
  }
  return out;
}

t.test('the metrics page parses as Prometheus text and moves with the counters', async (t) => {
  const stats = new ServerStats(0);
  const input = () => ({ stats, zones: [primary], health: [zoneHealth(primary, 0, 0)], version: '1.0', typeName: (n: number) => (n === 1 ? 'A' : `TYPE${n}`), now: 0 });
  const before = parseProm(metricsText(input()));
  t.equal(before.get('tsdns_queries_total{transport="udp",family="ipv4"}'), 0);
  t.equal(before.get('tsdns_zone_serial{zone="p.test",role="primary"}'), 5);
  t.equal(before.get('tsdns_healthy'), 1);
  stats.queries.observe(new Uint8Array(30), Uint8Array.from([0, 0, 0x84, 3, 0, 1, 0, 0, 0, 0, 0, 0]), { transport: 'udp', family: 4 }, { qtype: 1, qclass: 1, edns: 0 });
  stats.events.add('transfer_in', ['ixfr', 'ok']);
  const after = parseProm(metricsText(input()));
  t.equal(after.get('tsdns_queries_total{transport="udp",family="ipv4"}'), 1);
  t.equal(after.get('tsdns_query_types_total{transport="udp",family="ipv4",qtype="A"}'), 1);
  t.equal(after.get('tsdns_responses_total{transport="udp",family="ipv4",rcode="NXDOMAIN"}'), 1);
  t.equal(after.get('tsdns_transfers_in_total{kind="ixfr",result="ok"}'), 1);
  stats.queries.misc[MISC.RRL_SLIPPED] += 3;
  stats.queries.misc[MISC.TCP_TIMEOUT] += 4;
  stats.queries.misc[MISC.TXERR] += 1;
  const bad = parseProm(metricsText(input()));
  t.same([bad.get('tsdns_rrl_limited_total{action="dropped"}'), bad.get('tsdns_rrl_limited_total{action="slipped"}')], [0, 3]);
  t.same([bad.get('tsdns_tcp_closed_total{reason="timeout"}'), bad.get('tsdns_tcp_closed_total{reason="tcp_count"}'), bad.get('tsdns_send_errors_total')], [4, 0, 1]);
  t.ok((after.get('process_resident_memory_bytes') ?? 0) > 0);
  t.throws(() => parseProm('x{a="b} 1\n'), 'the checker rejects broken text');
});

function get(port: number, path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    }).on('error', reject);
  });
}

t.test('the endpoints: 200/503 by the verdict, 404 for unknown zones and paths', async (t) => {
  let zones: ZoneFacts[] = [primary, secondary()];
  const source = { report: () => healthReport(zones, H, 0), metrics: () => '# TYPE x gauge\nx 1\n' };
  const server = new HealthServer(source, [
    { address: '127.0.0.1', port: 0, health: true, metricsPath: '/metrics' },
    { address: '127.0.0.1', port: 0, health: false, metricsPath: '/m' },
  ]);
  await server.start();
  t.teardown(() => server.stop());
  const [h, m] = server.bound.map((b) => b.port);
  let r = await get(h, '/health');
  t.equal(r.status, 200);
  t.match(JSON.parse(r.body), { status: 'ok', zones: [{ zone: 'p.test', serial: 5 }, { zone: 's.test', role: 'secondary' }] });
  zones = [primary, secondary({ expired: true })];
  r = await get(h, '/health');
  t.equal(r.status, 503);
  t.equal(JSON.parse(r.body).status, 'unhealthy');
  t.equal((await get(h, '/health/zone/p.test')).status, 200);
  t.equal((await get(h, '/health/zone/S.TEST.')).status, 503, 'names compare without case or final dot');
  t.equal((await get(h, '/health/zone/nope.test')).status, 404);
  r = await get(h, '/metrics');
  t.equal(r.status, 200);
  t.match(r.type, /text\/plain; version=0\.0\.4/);
  t.equal((await get(m, '/m')).status, 200, 'metrics-path on the metrics interface');
  t.equal((await get(m, '/health')).status, 404, 'no health on a metrics-only interface');
  t.equal((await get(h, '/other')).status, 404);
});
