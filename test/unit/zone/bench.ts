// Zone build benchmark, not a test: `TSDNS_BENCH=1 node --expose-gc dist/test/unit/zone/bench.js [names]` builds
// a zone of that many names from hand-made records and prints time, nodes/s and memory (tap runs it as a no-op).
import { parseName, type PositionedRecord } from '../../../src/wire/index.js';
import { buildZone, type ZoneContents } from '../../../src/zone/index.js';
import { rdata } from './helpers.js';

const origin = parseName('example.com.', null);

function* records(count: number): Generator<PositionedRecord> {
  const soa = rdata('SOA', 'ns1 hostmaster 1 7200 3600 1209600 3600', origin);
  yield { record: { owner: origin, type: 6, class: 1, ttl: 3600, rdata: soa }, file: 'bench', line: 1, col: 1 };
  yield { record: { owner: origin, type: 2, class: 1, ttl: 3600, rdata: parseName('ns1', origin).wire }, file: 'bench', line: 2, col: 1 };
  for (let i = 0; i < count; i++) {
    // a mix: plain hosts, hosts two labels down (creating ENTs), and delegations
    const kind = i % 10;
    const owner = parseName(kind < 7 ? `h${i}` : kind < 9 ? `h${i}.g${i % 1000}` : `d${i}`, origin);
    const ip = new Uint8Array([10, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
    const rec =
      kind === 9
        ? { owner, type: 2, class: 1, ttl: 3600, rdata: parseName(`ns.d${i}`, origin).wire }
        : { owner, type: 1, class: 1, ttl: 3600, rdata: ip };
    yield { record: rec, file: 'bench', line: i + 3, col: 1 };
  }
}

const mb = (x: number): string => (x / 1048576).toFixed(0) + ' MB';

function lookups(zone: ZoneContents): string {
  const names = Array.from({ length: 100000 }, (_, i) => parseName(`x.h${i * 7}`, origin));
  const t0 = performance.now();
  let found = 0;
  for (const q of names) if (zone.lookup(q).closestEncloser) found++;
  return `${Math.round(found / ((performance.now() - t0) / 1000))} lookups/s`;
}

function run(count: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const zone = buildZone(origin, records(count), (p) => console.error(p.message));
  const seconds = (performance.now() - t0) / 1000;
  gc?.();
  const after = process.memoryUsage();
  if (!zone) throw new Error('zone did not build');
  console.log(`${count} names, ${zone.nodeCount} nodes, ${zone.recordCount} records`);
  console.log(`build ${seconds.toFixed(2)} s, ${Math.round(zone.nodeCount / seconds)} nodes/s`);
  console.log(`heap retained ${mb(after.heapUsed - before.heapUsed)}, rss ${mb(after.rss)}, ${lookups(zone)}`);
}

if (process.env.TSDNS_BENCH) run(Number(process.argv[2] ?? 1_000_000));
