// tsdns-control: nsd-control's command line (-c cfgfile, -s server[@port], command [args]) over the control channel.
import { ConfigError, formatConfigProblem, loadConfig, type RemoteControlConfig } from '../config/index.js';
import { COMMANDS, ControlConnectError, ControlError, controlTarget, replyFailed, sendCommand } from '../control/index.js';
import { FileConfigSource } from '../service/config-source.js';
import { TSDNS_VERSION } from '../service/version.js';

export const CONTROL_USAGE = `Usage:\ttsdns-control [options] command
\tRemote control utility for the tsdns server (nsd-control compatible).
Version ${TSDNS_VERSION}.
Options:
  -c file\tconfig file, default is /etc/nsd/nsd.conf
  -s ip[@port]\tserver address (or /path of a unix socket), if omitted config is used.
  -h\t\tshow this usage help (exit status 1, as nsd-control -h).
  --help\tthe same with exit status 0.
Commands:
  stop\t\t\t\tstops the server
  reload [<zone>]\t\treload modified zonefiles from disk
  reconfig\t\t\treload the config file
  repattern\t\t\tthe same as reconfig
  log_reopen\t\t\treopen logfile (for log rotate)
  status\t\t\tdisplay status of server
  stats\t\t\t\tprint statistics
  stats_noreset\t\t\tpeek at statistics
  addzone <name> <pattern>\tadd a new zone
  delzone <name>\t\tremove a zone
  changezone <name> <pattern>\tchange zone to use pattern
  addzones\t\t\tadd zone list on stdin {name space pattern newline}
  delzones\t\t\tremove zone list on stdin {name newline}
  write [<zone>]\t\twrite changed zonefiles to disk
  notify [<zone>]\t\tsend NOTIFY messages to slave servers
  transfer [<zone>]\t\ttry to update slave zones to newer serial
  force_transfer [<zone>]\tupdate slave zones with AXFR, no serial check
  zonestatus [<zone>]\t\tprint state, serial, activity
  serverpid\t\t\tget pid of server process
  verbosity <number>\t\tchange logging detail
  print_tsig [<key_name>]\tprint tsig with <name> the secret and algo
  update_tsig <name> <secret>\tchange existing tsig with <name> to a new <secret>
  add_tsig <name> <secret> [algo] add new key with the given parameters
  assoc_tsig <zone> <key_name>\tassociate <zone> with given tsig <key_name> name
  del_tsig <key_name>\t\tdelete tsig <key_name> from configuration
  health\t\t\thealthy (exit 0) or unhealthy (exit 1), per zone (tsdns)
Exit status: 0 on success, 1 on an error, 3 for status when the server is not running.
`;

export interface ControlIo {
  out(text: string): void;
  err(text: string): void;
  /** The lines of standard input (addzones, delzones). */
  stdin(): Promise<string[]>;
}

/** `status`: nsd-control -h and a missing command exit 1; --help is a request like any other command's (exit 0). */
type Parsed = { kind: 'help'; status: 0 | 1 } | { kind: 'error'; message: string } | { kind: 'run'; config: string; server: string | null; words: string[] };

function parseArgs(argv: readonly string[]): Parsed {
  let config = '/etc/nsd/nsd.conf';
  let server: string | null = null;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return { kind: 'help', status: a === '--help' ? 0 : 1 };
    if (a === '-c' || a === '-s') {
      const v = argv[++i];
      if (v === undefined) return { kind: 'error', message: `option ${a} needs an argument` };
      if (a === '-c') config = v;
      else server = v;
    } else if (a.startsWith('-c') || a.startsWith('-s')) {
      if (a.startsWith('-c')) config = a.slice(2);
      else server = a.slice(2);
    } else if (a.startsWith('-') && a !== '-') {
      return { kind: 'error', message: `unknown option ${a}` };
    } else break;
  }
  const words = argv.slice(i);
  if (words.length === 0) return { kind: 'help', status: 1 };
  return { kind: 'run', config, server, words };
}

function remoteControl(file: string, io: ControlIo): { rc: RemoteControlConfig; doIp4: boolean } | null {
  try {
    const { config } = loadConfig(file, new FileConfigSource());
    if (!config.remoteControl.controlEnable) io.err('warning: control-enable is \'no\' in the config file.\n');
    return { rc: config.remoteControl, doIp4: config.server.doIp4 };
  } catch (e) {
    if (e instanceof ConfigError) for (const p of e.problems) io.err(`${formatConfigProblem(p)}\n`);
    io.err('could not read config file\n');
    return null;
  }
}

/** Runs tsdns-control; resolves with the exit status. */
export async function controlMain(argv: readonly string[], io: ControlIo): Promise<number> {
  const p = parseArgs(argv);
  if (p.kind === 'help') {
    io.out(CONTROL_USAGE);
    return p.status;
  }
  if (p.kind === 'error') {
    io.err(`tsdns-control: ${p.message}\n${CONTROL_USAGE}`);
    return 1;
  }
  if (p.words[0] === 'start') {
    io.err('tsdns-control: start the server with your service manager (systemctl start tsdns) or run tsdns -c <config>\n');
    return 1;
  }
  if (!COMMANDS.has(p.words[0])) {
    // nsd-control sends any word and the server says it does not know it; so do we, without a round trip.
    io.out(`error unknown command '${p.words.join(' ')}'\n`);
    return 1;
  }
  const cfg = remoteControl(p.config, io);
  if (cfg === null) return 1;
  try {
    const target = controlTarget(cfg.rc, p.server, cfg.doIp4);
    const input = p.words.length === 1 && (p.words[0] === 'addzones' || p.words[0] === 'delzones') ? await io.stdin() : null;
    const reply = await sendCommand(target, cfg.rc, p.words, input);
    io.out(reply);
    return replyFailed(reply) ? 1 : 0;
  } catch (e) {
    if (e instanceof ControlConnectError && e.refused && p.words[0] === 'status') {
      io.out('tsdns is stopped\n');
      return 3;
    }
    if (e instanceof ControlError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
