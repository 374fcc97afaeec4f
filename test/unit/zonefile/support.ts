// Test helpers for the zonefile tests: parse a zone text in memory and summarise records and problems.
import { parseName, type PositionedRecord, type ZoneProblem } from '../../../src/wire/index.js';
import { MemoryZoneSource, parseZoneWith, type ZoneCodec } from '../../../src/zonefile/index.js';
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

export function parseText(text: string, o: ParseTextOptions = {}): ParseResult {
  const files = { 'zone.db': text, ...(o.files ?? {}) };
  const source = new MemoryZoneSource(files, o.chunkSize ?? 65536);
  const problems: ZoneProblem[] = [];
  const records = [
    ...parseZoneWith(codec, {
      file: 'zone.db',
      origin: parseName(o.origin ?? 'example.com.', null),
      source,
      defaultTtl: o.defaultTtl,
      onProblem: (p) => problems.push(p),
    }),
  ];
  return {
    records,
    problems,
    lines: records.map(summary),
    where: problems.map((p) => `${p.severity} ${p.code} ${p.line}:${p.col}`),
  };
}

/** The SOA, NS and A every small test zone starts with. */
export const HEAD = '$ORIGIN example.com.\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n NS ns1\nns1 A 192.0.2.1\n';
