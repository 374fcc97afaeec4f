// Test helpers for the zonefile tests: parse a zone text in memory and summarise records and problems.
import { CLASS, Name, parseName, type PositionedRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource, parseZoneIntoWith, parseZoneWith, type ParseZoneOptions, type RecordSink, type ZoneCodec } from '../../../src/zonefile/index.js';
import { wireCodec } from '../../../src/zonefile/index.js';

export const codec: ZoneCodec = wireCodec;

export interface ParseResult {
  records: PositionedRecord[];
  problems: ZoneProblem[];
  /** One line per record: `owner ttl class type rdata-hex`. */
  lines: string[];
  /** One line per problem: `severity code line:col`. */
  where: string[];
}

export interface ParseTextOptions {
  origin?: string;
  /** Other files an $INCLUDE may read, by name. */
  files?: Record<string, string>;
  chunkSize?: number;
  defaultTtl?: number;
}

export function summary(r: PositionedRecord): string {
  const x = r.record;
  return `${x.owner.toString()} ${x.ttl} ${x.class} ${x.type} ${Buffer.from(x.rdata).toString('hex')}`;
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The records the loader's path (parseZoneIntoWith, with its fast path) hands a sink, as PositionedRecords. */
export function parseWithFastPath(opts: ParseZoneOptions): { records: PositionedRecord[]; fast: number } {
  const records: PositionedRecord[] = [];
  let fast = 0;
  const sink: RecordSink = {
    add: (pr) => records.push(pr),
    addPlain: (file, line, col, key, spelling, type, ttl, rdata) => {
      fast++;
      fastTypesSeen.add(type);
      const owner = new Name(latin1(spelling));
      if (owner.key !== key) throw new Error(`fast path: key ${JSON.stringify(key)} is not the key of ${JSON.stringify(spelling)}`);
      const bytes = typeof rdata === 'number' ? Uint8Array.of(rdata >>> 24, (rdata >>> 16) & 255, (rdata >>> 8) & 255, rdata & 255) : latin1(rdata);
      records.push({ record: { owner, type, class: CLASS.IN, ttl, rdata: bytes }, file, line, col });
    },
  };
  parseZoneIntoWith(codec, opts, sink);
  return { records, fast };
}

/** Every record type the fast path has handed a sink so far in this process (to check that tests reach each). */
export const fastTypesSeen = new Set<number>();

/** How many records the last parseText took by the fast path (to check that tests exercise it). */
export let lastFastCount = 0;

/**
 * Parses with the general parser, and again the loader's way (parseZoneIntoWith, whose fast path
 * reads common lines in place): throws unless both give the same records, positions and problems.
 */
export function parseText(text: string, o: ParseTextOptions = {}): ParseResult {
  const files = { 'zone.db': text, ...(o.files ?? {}) };
  const opts = (problems: ZoneProblem[]): ParseZoneOptions => ({
    file: 'zone.db',
    origin: parseName(o.origin ?? 'example.com.', null),
    source: new MemoryZoneSource(files, o.chunkSize ?? 65536),
    defaultTtl: o.defaultTtl,
    onProblem: (p) => problems.push(p),
  });
  const problems: ZoneProblem[] = [];
  const records = [...parseZoneWith(codec, opts(problems))];
  const fastProblems: ZoneProblem[] = [];
  const fast = parseWithFastPath(opts(fastProblems));
  lastFastCount = fast.fast;
  const general = JSON.stringify([records.map(positioned), problems]);
  const loader = JSON.stringify([fast.records.map(positioned), fastProblems]);
  if (general !== loader) throw new Error(`the fast path differs from the general parser:\n${general}\n${loader}`);
  return {
    records,
    problems,
    lines: records.map(summary),
    where: problems.map((p) => `${p.severity} ${p.code} ${p.line}:${p.col}`),
  };
}

/** A record with its spelling and position, for comparing the two paths. */
function positioned(r: PositionedRecord): string {
  return `${r.file}:${r.line}:${r.col} ${Buffer.from(r.record.owner.wire).toString('hex')} ${summary(r)}`;
}

/** The SOA, NS and A every small test zone starts with. */
export const HEAD = '$ORIGIN example.com.\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n NS ns1\nns1 A 192.0.2.1\n';
