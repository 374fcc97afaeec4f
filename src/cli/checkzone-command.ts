// The tsdns-checkzone command: check a zone file as nsd-checkzone does (same streams, wording, exit codes).
import { checkSignedZone } from '../dnssec/index.js';
import { formatProblem, parseName, TsdnsError } from '../wire/index.js';
import { loadZoneFile } from '../service/load-zone.js';
import { zoneLines } from '../zonefile/index.js';

const USAGE = `Usage: tsdns-checkzone [-p] [-h] <zone name> <zone file>
\t-p\tprint the zone if the zone is ok
\t-h\tshow this help
`;

export interface CheckzoneIo {
  out(text: string): void;
  err(text: string): void;
  /** Milliseconds since 1970 for the RRSIG expiry warnings; Date.now() when not given. */
  now?(): number;
}

interface Args {
  print: boolean;
  help: boolean;
  /** --help: the usage on stdout (-h keeps nsd-checkzone's stderr); both exit 0. */
  longHelp?: boolean;
  rest: string[];
  bad?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { print: false, help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === '--') {
      a.rest.push(...argv.slice(i + 1));
      break;
    }
    if (s === '--help') {
      a.longHelp = true;
      continue;
    }
    if (s.length < 2 || s[0] !== '-') {
      a.rest.push(s);
      continue;
    }
    for (const c of s.slice(1)) {
      if (c === 'p') a.print = true;
      else if (c === 'h') a.help = true;
      else return { ...a, bad: c };
    }
  }
  return a;
}

/** Runs the command; returns the exit status (0 ok, 1 errors or usage). */
export function checkzone(argv: readonly string[], io: CheckzoneIo): number {
  const args = parseArgs(argv);
  if (args.bad !== undefined) {
    io.err(`tsdns-checkzone: invalid option -- '${args.bad}'\n${USAGE}`);
    return 1;
  }
  if (args.longHelp === true) {
    io.out(USAGE);
    return 0;
  }
  if (args.help) {
    io.err(USAGE);
    return 0;
  }
  if (args.rest.length !== 2) {
    io.err(`wrong number of arguments.\n${USAGE}`);
    return 1;
  }
  const [zoneText, file] = args.rest;
  let origin;
  try {
    origin = parseName(zoneText.endsWith('.') ? zoneText : `${zoneText}.`, null);
  } catch (e) {
    if (!(e instanceof TsdnsError)) throw e;
    io.err(`error: cannot parse zone name '${zoneText}'\n`);
    return 1;
  }
  const result = loadZoneFile({ origin, file, zoneText, onProblem: (p) => io.err(formatProblem(p) + '\n') });
  if (result.contents === undefined) {
    io.out(`zone ${zoneText} file ${file} has ${result.errors} errors\n`);
    return 1;
  }
  // Beyond nsd-checkzone: a signed zone's RRSIG validity and NSEC/NSEC3 chain, as warnings (docs/dnssec.md).
  const now = Math.floor((io.now?.() ?? Date.now()) / 1000);
  for (const w of checkSignedZone(result.contents, now)) {
    io.err(formatProblem({ severity: 'warning', code: w.code, message: w.message, file, line: 0, col: 0 }) + '\n');
  }
  if (args.print) {
    // nsd-checkzone -p: the zone (SOA first, then canonical order), then the verdict as a comment.
    let chunk = '';
    for (const line of zoneLines(result.contents.records(), { origin })) {
      chunk += line;
      if (chunk.length >= 65536) {
        io.out(chunk);
        chunk = '';
      }
    }
    io.out(`${chunk}; zone ${zoneText} is ok\n`);
  } else {
    io.out(`zone ${zoneText} is ok\n`);
  }
  return 0;
}
