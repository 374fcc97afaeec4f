// The tsdns daemon's command line: the nsd(8) flags that make sense for it, parsed into DaemonArgs.
import type { DaemonArgs } from '../service/index.js';

export const USAGE = `usage: tsdns [-4] [-6] [-a ip-address[@port]] [-c configfile] [-d] [-h] [-i identity]
             [-I nsid] [-l filename] [-P pidfile] [-p port] [-u user] [-V level] [-v]
       Serves the zones of an NSD configuration, as nsd(8) does.

-4              Only listen to IPv4 connections.
-6              Only listen to IPv6 connections.
-a ip-address   Listen to the specified address (repeatable; replaces ip-address:).
-c configfile   The NSD configuration file (default /etc/nsd/nsd.conf).
-d              Do not fork, stay in the foreground (tsdns always does; accepted for nsd(8) scripts).
-h              Print this help information.
-i identity     The identity answered to CH TXT id.server and hostname.bind.
-I nsid         The NSID (RFC 5001) to send: hex, or ascii_ followed by text.
-l filename     Log to this file instead of the logfile: option or stderr.
-P pidfile      Write the process id to this file (overrides pidfile:).
-p port         Listen on this port (default 53).
-u user         Drop root privileges to this user after binding (overrides username:).
-V level        The verbosity level (overrides verbosity:).
-v              Print the version and exit.
`;

export type ParsedArgs =
  | { readonly kind: 'run'; readonly args: DaemonArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

const WITH_VALUE = new Set(['a', 'c', 'i', 'I', 'l', 'P', 'p', 'u', 'V']);
const FLAGS = new Set(['4', '6', 'd', 'h', 'v']);

/** Parses argv (without node and the script). Flags may be grouped (-d4) and values attached (-p5300). */
export function parseTsdnsArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // The GNU long forms too, so `tsdns --help` and `--version` work as people type them.
    if (a === '--help') return { kind: 'help' };
    if (a === '--version') return { kind: 'version' };
    if (!a.startsWith('-') || a === '-') return { kind: 'error', message: `unexpected argument '${a}'` };
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (FLAGS.has(f)) {
        flags.add(f);
        continue;
      }
      if (!WITH_VALUE.has(f)) return { kind: 'error', message: `unknown option -${f}` };
      const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
      if (v === undefined) return { kind: 'error', message: `option -${f} needs a value` };
      values.set(f, [...(values.get(f) ?? []), v]);
      break;
    }
  }
  if (flags.has('h')) return { kind: 'help' };
  if (flags.has('v')) return { kind: 'version' };
  return build(values, flags);
}

function build(values: Map<string, string[]>, flags: Set<string>): ParsedArgs {
  const last = (f: string): string | undefined => values.get(f)?.at(-1);
  const port = last('p');
  if (port !== undefined && !/^\d+$/.test(port)) return { kind: 'error', message: `bad port '${port}'` };
  if (port !== undefined && Number(port) > 65535) return { kind: 'error', message: `bad port '${port}'` };
  const verbosity = last('V');
  if (verbosity !== undefined && !/^\d+$/.test(verbosity)) return { kind: 'error', message: `bad verbosity '${verbosity}'` };
  if (flags.has('4') && flags.has('6')) return { kind: 'error', message: 'use -4 or -6, not both' };
  return {
    kind: 'run',
    args: {
      configFile: last('c') ?? '/etc/nsd/nsd.conf',
      port: port === undefined ? undefined : Number(port),
      addresses: values.get('a'),
      pidfile: last('P'),
      verbosity: verbosity === undefined ? undefined : Number(verbosity),
      only: flags.has('4') ? 4 : flags.has('6') ? 6 : undefined,
      username: last('u'),
      identity: last('i'),
      nsid: last('I'),
      logfile: last('l'),
    },
  };
}
