// tsdns's request handler alone, no sockets: microseconds per query on cache hits, on misses, and on the mix.
// Run pinned by the bench: node handler-bench.js <nsd.conf> <seconds> <label=dnsperf-file> ...; prints JSON lines.
import fs from 'node:fs';
import dnsPacket from 'dns-packet';
import { loadConfig } from '../../src/config/index.js';
import { QueryProcessor, type RequestContext } from '../../src/process/index.js';
import { answerQuestion } from '../../src/query/index.js';
import { createLogger, FileConfigSource, processOptions, ZoneRegistry } from '../../src/service/index.js';

export interface HandlerFigure {
  readonly scenario: string;
  readonly queries: number;
  /** CPU microseconds (user + system) per handle() call: unlike wall time, not inflated by other load. */
  readonly usPerQuery: number;
  /** Answer-cache entries at the end. */
  readonly cached: number;
}

/** The queries dnsperf sends for a file's lines (RD set, no EDNS), ready to hand to the handler. */
function queriesOf(file: string): Buffer[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((l, i) => {
    const [name, type] = l.trim().split(/\s+/);
    return dnsPacket.encode({ type: 'query', id: i & 0xffff, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type: type as dnsPacket.RecordType }] });
  });
}

/** One warm-up pass, then passes over the queries until `seconds` have gone by. */
function timeHandler(p: QueryProcessor<never>, queries: readonly Buffer[], seconds: number): { n: number; us: number } {
  const ctx: RequestContext = { transport: 'udp', family: 4 };
  for (const q of queries) p.handle(q, ctx);
  let n = 0;
  const cpu = process.cpuUsage();
  const end = process.hrtime.bigint() + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < queries.length; i++) p.handle(queries[i], ctx);
    n += queries.length;
  }
  const used = process.cpuUsage(cpu);
  return { n, us: (used.user + used.system) / n };
}

function main(argv: readonly string[]): void {
  const [conf, seconds, ...files] = argv;
  const { config } = loadConfig(conf, new FileConfigSource());
  const registry = new ZoneRegistry(config.zones, createLogger({ file: '/dev/null', verbosity: 0 }));
  registry.loadAll();
  const options = processOptions(config.server);
  for (const spec of files) {
    const [label, file] = spec.split('=');
    const queries = queriesOf(file);
    // The daemon's default cache, a cache larger than the working set (all hits), and none (all misses).
    for (const [name, entries] of [['default cache', undefined], ['cache of 1,000,000', 1000000], ['no cache', 0]] as const) {
      const p = new QueryProcessor({ options, zones: () => registry.served(), engine: answerQuestion, cacheEntries: entries });
      const t = timeHandler(p as unknown as QueryProcessor<never>, queries, Number(seconds));
      const fig: HandlerFigure = { scenario: `${label}, ${name}`, queries: t.n, usPerQuery: t.us, cached: p.cachedAnswers };
      process.stdout.write(`${JSON.stringify(fig)}\n`);
    }
  }
}

if (process.argv[1]?.endsWith('handler-bench.js')) main(process.argv.slice(2));
