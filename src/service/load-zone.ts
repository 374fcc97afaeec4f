// Loads a zone file into a ZoneContents: parse (zonefile/), build and check (zone/); used by checkzone and the daemon.
import type { Name, ZoneProblem } from '../wire/index.js';
import { parseZoneInto, type ZoneSource } from '../zonefile/index.js';
import { ZoneBuilder, type ZoneContents } from '../zone/index.js';
import { FileZoneSource } from './zone-source.js';

export interface LoadZoneOptions {
  readonly origin: Name;
  readonly file: string;
  /** The zone name as configured or typed, for NSD's "zone configured as '...'" wording. */
  readonly zoneText?: string;
  /** Defaults to the file system. */
  readonly source?: ZoneSource;
  /** NSD's TTL before any $TTL (zonec.c zone_open: 3600). */
  readonly defaultTtl?: number;
  readonly onProblem: (p: ZoneProblem) => void;
}

export interface LoadZoneResult {
  /** Undefined when any error was found: like NSD, a zone with errors is not served. */
  readonly contents: ZoneContents | undefined;
  readonly errors: number;
  readonly warnings: number;
}

/** Reads, parses, builds and checks one zone file. Unreadable files are reported as problems by the parser. */
export function loadZoneFile(opts: LoadZoneOptions): LoadZoneResult {
  let errors = 0;
  let warnings = 0;
  let unreadable = false;
  const onProblem = (p: ZoneProblem): void => {
    if (p.severity === 'error') errors++;
    else warnings++;
    opts.onProblem(p);
  };
  const onParseProblem = (p: ZoneProblem): void => {
    if (p.code === 'FILE_READ' && p.file === opts.file) unreadable = true;
    onProblem(p);
  };
  // NSD stops at "cannot open": a file it could not read has no further problems (no "no SOA").
  const onBuildProblem = (p: ZoneProblem): void => {
    if (!unreadable) onProblem(p);
  };
  const counted = countingSource(opts.source ?? new FileZoneSource(), opts.file);
  const parseOpts = { file: opts.file, origin: opts.origin, source: counted.source, defaultTtl: opts.defaultTtl ?? 3600 };
  // The records stream into the builder; the common lines skip the general parser (zonefile fast-line.ts).
  const builder = new ZoneBuilder(opts.origin, onBuildProblem);
  parseZoneInto({ ...parseOpts, onProblem: onParseProblem }, builder);
  const contents = builder.finish({
    endFile: opts.file,
    // NSD reports end-of-zone problems at the line after the last one of the zone file; read
    // after the last record, when the whole file has streamed through.
    get endLine() {
      return counted.lines() + 1;
    },
    zoneText: opts.zoneText,
  });
  return { contents: errors > 0 ? undefined : contents, errors, warnings };
}

/** Wraps a source to count the newlines of the top file as the parser streams it. */
function countingSource(inner: ZoneSource, top: string): { source: ZoneSource; lines: () => number } {
  let newlines = 0;
  const source: ZoneSource = {
    *read(path: string): Iterable<string> {
      for (const chunk of inner.read(path)) {
        if (path === top) {
          for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) newlines++;
        }
        yield chunk;
      }
    },
    resolve: (fromFile: string, path: string) => inner.resolve(fromFile, path),
  };
  return { source, lines: () => newlines };
}
