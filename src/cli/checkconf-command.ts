// The tsdns-checkconf command: check an nsd.conf as nsd-checkconf does, and print options from it.
import {
  ConfigError, formatConfigProblem, loadConfig, printConfig, queryKey, queryOption, queryTlsAuth,
  type ConfigSource, type LoadedConfig,
} from '../config/index.js';
import { FileConfigSource } from '../service/config-source.js';

/** Exit status for a refused config: 2, as nsd-checkconf 4.6.1 (usage errors are 1 in both). */
export const EXIT_BAD_CONFIG = 2;

const USAGE = `usage: tsdns-checkconf [-v|-h] [-f] [-o option] [-z zonename] [-p pattern]
                       [-s keyname] [-a keyname] [-t tlsauthname] <configfilename>
       Checks an NSD configuration file for errors, as nsd-checkconf does.

-v\t\t\tVerbose, print the effective settings (and the warnings).
-h\t\t\tPrint this help information.
-f\t\t\tUse with -o to print final pathnames, ie. with chroot.
-o option\t\tPrint value of the option specified to stdout.
-p pattern\t\tPrint option value for the pattern given.
-z zonename\t\tPrint option value for the zone given.
-a keyname\t\tPrint algorithm name for the TSIG key.
-s keyname\t\tPrint base64 secret blob for the TSIG key.
-t tls-auth-name\tPrint auth domain name for the tls-auth clause.
`;

export interface CheckconfIo {
  out(text: string): void;
  err(text: string): void;
}

interface Args {
  verbose: boolean;
  final: boolean;
  help: boolean;
  /** --help asked for the usage (stdout, exit 0); -h keeps nsd-checkconf's stderr and exit 1. */
  longHelp?: boolean;
  option?: string;
  zone?: string;
  pattern?: string;
  key?: string;
  keyWhat: 'secret' | 'algorithm';
  tlsAuth?: string;
  files: string[];
  error?: string;
}

/** Apply one option letter that takes an argument. */
function withArg(a: Args, c: string, v: string): void {
  if (c === 'o') a.option = v;
  else if (c === 'z') a.zone = v;
  else if (c === 'p') a.pattern = v;
  else if (c === 't') a.tlsAuth = v;
  else {
    if (a.key !== undefined) a.error = `Error: cannot combine -${c} with -a, -s or other -${c}.`;
    a.key = v;
    a.keyWhat = c === 's' ? 'secret' : 'algorithm';
  }
}

/** getopt("vfho:a:p:s:z:t:"), as nsd-checkconf parses its arguments. */
function parseArgs(argv: readonly string[]): Args {
  const a: Args = { verbose: false, final: false, help: false, keyWhat: 'secret', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i] as string;
    if (s === '--') {
      a.files.push(...argv.slice(i + 1));
      break;
    }
    if (s === '--help') return { ...a, longHelp: true };
    if (s.length < 2 || !s.startsWith('-')) {
      a.files.push(s);
      continue;
    }
    for (let j = 1; j < s.length; j++) {
      const c = s[j] as string;
      if (c === 'v') a.verbose = true;
      else if (c === 'f') a.final = true;
      else if (c === 'h') a.help = true;
      else if ('oapszt'.includes(c)) {
        const v = j + 1 < s.length ? s.slice(j + 1) : argv[++i];
        if (v === undefined) return { ...a, help: true };
        withArg(a, c, v);
        break;
      } else return { ...a, help: true };
    }
  }
  return a;
}

/** Print what -o/-s/-a/-t ask for; returns the exit status. */
function lookup(args: Args, loaded: LoadedConfig, io: CheckconfIo): number {
  const { config } = loaded;
  if (args.key !== undefined) {
    io.out(`${queryKey(config, args.key, args.keyWhat)}\n`);
    return 0;
  }
  if (args.tlsAuth !== undefined) {
    io.out(`${queryTlsAuth(config, args.tlsAuth)}\n`);
    return 0;
  }
  const r = queryOption(config, {
    option: args.option as string,
    ...(args.zone !== undefined ? { zone: args.zone } : {}),
    ...(args.pattern !== undefined ? { pattern: args.pattern } : {}),
    final: args.final,
  });
  if (!r.ok) {
    io.out(`${r.message}\n`);
    return 1;
  }
  io.out(r.lines.map((l) => `${l}\n`).join(''));
  return 0;
}

/** Runs the command; returns the exit status (0 good, EXIT_BAD_CONFIG refused, 1 usage). */
export function checkconf(argv: readonly string[], io: CheckconfIo, source: ConfigSource = new FileConfigSource()): number {
  const args = parseArgs(argv);
  if (args.error !== undefined) {
    io.err(`${args.error}\n`);
    return 1;
  }
  if (args.longHelp === true) {
    io.out(USAGE);
    return 0;
  }
  if (args.help || args.files.length !== 1) {
    io.err(USAGE);
    return 1;
  }
  const file = args.files[0] as string;
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(file, source);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.problems.map((p) => `${formatConfigProblem(p)}\n`).join(''));
    io.err(`read ${file} failed: ${e.problems.length} errors in configuration file\n`);
    return EXIT_BAD_CONFIG;
  }
  if (args.option !== undefined || args.key !== undefined || args.tlsAuth !== undefined) return lookup(args, loaded, io);
  if (args.verbose) {
    io.err(loaded.warnings.map((w) => `${formatConfigProblem(w, 'warning')}\n`).join(''));
    io.out(printConfig(loaded.config));
  }
  return 0;
}
