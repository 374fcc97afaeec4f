// The composition root of `tsdns -c nsd.conf`: config, logging, zones, pipeline, listeners, privileges, pidfile.
import fs from 'node:fs';
import { formatConfigProblem } from '../config/index.js';
import { QueryProcessor } from '../process/index.js';
import { answerQuestion } from '../query/index.js';
import { type BoundAddress, DnsServer } from '../server/index.js';
import { ServerStats } from '../stats/index.js';
import type { ClusterPrimary } from './cluster-primary.js';
import { ClusterStats } from './cluster-stats.js';
import { ConfigState } from './config-state.js';
import { listenSpecs } from './listen-specs.js';
import { createLogger, type Logger } from './logger.js';
import { Operations } from './operations.js';
import { xfrTransferControl } from './xfr-control.js';
import { AnnouncedSerials, countingEvents } from './xfr-events.js';
import { removePidfile, writePidfile } from './pidfile.js';
import { dropPrivileges, findAccount } from './privileges.js';
import { processOptions } from './process-options.js';
import { rrlSetup } from './rrl-setup.js'; // harden2
import { TrafficLog } from './traffic-log.js';
import { TSDNS_VERSION } from './version.js';
import { XfrService } from './xfr-service.js';
import { type ReloadResult, ZoneRegistry } from './zone-registry.js';

/** The nsd(8) command-line settings that override nsd.conf. */
export interface DaemonArgs {
  readonly configFile: string;
  readonly port?: number;
  readonly addresses?: readonly string[];
  readonly pidfile?: string;
  readonly verbosity?: number;
  readonly only?: 4 | 6;
  readonly username?: string;
  readonly identity?: string;
  readonly nsid?: string;
  readonly logfile?: string;
}

export interface RunningDaemon {
  readonly log: Logger;
  readonly addresses: readonly BoundAddress[];
  /** ops: the control channel, health endpoints, counters and reconfig. */
  readonly ops: Operations;
  /** Re-reads changed zone files (SIGHUP). */
  reload(): ReloadResult;
  /** Stops listening, lets in-flight TCP answers out, removes the pidfile. */
  stop(): Promise<void>;
}

/** Starts serving. Throws ConfigError for a refused config and TsdnsError subclasses for bind or pidfile failures. */
export async function startDaemon(args: DaemonArgs): Promise<RunningDaemon> {
  const { state, skipped } = ConfigState.load(args.configFile); // ops: nsd.conf plus the zonelist (addzone)
  const { config, warnings } = state;
  const s = config.server;
  const log = openLog(args.logfile ?? s.logfile, args.verbosity ?? s.verbosity);
  log.info({ version: TSDNS_VERSION, config: args.configFile }, 'tsdns starting');
  for (const w of warnings) log.warn({ file: w.file, line: w.line }, formatConfigProblem(w, 'warning'));
  for (const z of skipped) log.warn({ zone: z.name }, 'zonelist zone is also in nsd.conf: the nsd.conf zone is used'); // ops
  const stats = new ServerStats(); // ops: counters (stats/), incremented once per request by the processor
  const announced = new AnnouncedSerials(); // ops: serials primaries announced by NOTIFY (health)
  // cluster: with server-count > 1 workers answer UDP; operators read the sum of everyone's counters.
  const clusterStats = s.serverCount > 1 ? new ClusterStats(stats, s.serverCount) : null;
  // Bad traffic (malformed, refused, rate limited, TCP limits): counted, and logged once a second per kind at most.
  let verbosityNow = (): number => args.verbosity ?? s.verbosity;
  const traffic = new TrafficLog({ log, misc: stats.queries.misc, verbosity: () => verbosityNow() });
  const zones = new ZoneRegistry(config.zones, log);
  zones.loadAll();
  const xfr = new XfrService({ config, registry: zones, log, stats }); // xfr: keys, ACLs, journals, secondaries, NOTIFY (finish: counted)
  const options = processOptions(s, { identity: args.identity, nsidHex: args.nsid });
  const processor = new QueryProcessor({
    options,
    zones: () => zones.served(),
    engine: answerQuestion,
    keyring: xfr.keyring,
    xfr,
    onEvent: countingEvents(stats, announced, xfr.onEvent), // ops: counted for /metrics, then logged
    observer: stats.queries, // ops
    traffic,
    ...rrlSetup(() => state.config), // harden2: RRL of UDP answers (rrl-* options, zones' rrl-whitelist)
  });
  const server = new DnsServer({
    listen: listenSpecs(s, { addresses: args.addresses, port: args.port, only: args.only }),
    handler: processor,
    tcp: { maxConnections: s.tcpCount, idleTimeoutMs: s.tcpTimeout * 1000, maxQueries: s.tcpQueryCount, rejectOverflow: s.tcpRejectOverflow },
    traffic,
    receiveBufferSize: s.receiveBufferSize,
    sendBufferSize: s.sendBufferSize,
    onError: (e) => log.error({ err: e }, 'request handling failed (a bug): the request was dropped'),
    transports: clusterStats === null ? 'both' : 'tcp', // cluster: the workers answer UDP
  });
  try {
    await server.start();
  } catch (e) {
    log.fatal({ code: (e as { code?: string }).code }, (e as Error).message);
    throw e;
  }
  const pidfile = args.pidfile ?? s.pidfile;
  const username = args.username ?? s.username;
  try {
    writeOwnPidfile(pidfile, username);
  } catch (e) {
    log.fatal({ code: (e as { code?: string }).code }, (e as Error).message);
    await server.stop(0);
    throw e;
  }
  // cluster: the workers bind UDP through this (still privileged) process, then the primary may drop privileges.
  // Loaded only for server-count > 1 (node:cluster and the primary's code cost RSS a single process does not need).
  const ClusterPrimaryClass = clusterStats === null ? null : (await import('./cluster-primary.js')).ClusterPrimary;
  const cluster = clusterStats === null || ClusterPrimaryClass === null ? null : new ClusterPrimaryClass({
    count: s.serverCount, config: () => state.config, options, listen: () => server.addresses, username, registry: zones,
    handler: processor, stats: clusterStats, onEvent: countingEvents(stats, announced, xfr.onEvent), log, verbosity: () => verbosityNow(),
  });
  try {
    await cluster?.start();
  } catch (e) {
    log.fatal({ code: (e as { code?: string }).code }, (e as Error).message);
    await cluster?.stop();
    await server.stop(0);
    removePidfile(pidfile, process.pid);
    throw e;
  }
  // ops: the control socket and the health/metrics endpoints, opened before privileges are dropped (as NSD).
  const listen = { addresses: args.addresses, port: args.port, only: args.only };
  const ops = new Operations({ state, zones, stats: clusterStats ?? stats, log, server, listen, verbosity: args.verbosity ?? s.verbosity, requestStop: () => requestStop(d), cluster });
  ops.setTransfers(xfrTransferControl(xfr, zones, log, announced));
  verbosityNow = () => ops.verbosity(null); // tsdns-control verbosity changes what the traffic log writes
  try {
    await ops.start();
  } catch (e) {
    log.fatal({ code: (e as { code?: string }).code }, (e as Error).message);
    await ops.stop();
    await cluster?.stop();
    await server.stop(0);
    removePidfile(pidfile, process.pid);
    throw e;
  }
  const drop = dropPrivileges(username);
  if (drop.dropped) log.info({ user: drop.account.name, uid: drop.account.uid, gid: drop.account.gid }, 'dropped privileges');
  else if (username !== '') log.debug({ user: username, reason: drop.reason }, 'privileges not dropped');
  log.info({ addresses: server.addresses.map((a) => `${a.address}@${a.port}`), zones: config.zones.length }, 'tsdns started');
  xfr.start(); // xfr: secondaries start pulling, primaries notify
  const d = running(log, server, zones, pidfile, xfr, ops, cluster);
  return d;
}

/** ops: `tsdns-control stop` goes the way SIGTERM goes when the signals are installed (the process exits 0). */
function requestStop(d: RunningDaemon): void {
  if (process.listenerCount('SIGTERM') > 0) process.kill(process.pid, 'SIGTERM');
  else void d.stop();
}

function running(log: Logger, server: DnsServer, zones: ZoneRegistry, pidfile: string, xfr: XfrService, ops: Operations, cluster: ClusterPrimary | null): RunningDaemon {
  let stopping: Promise<void> | null = null;
  return {
    log,
    addresses: server.addresses,
    ops,
    reload() {
      log.info('reload: re-reading changed zone files');
      const r = zones.reload();
      ops.noteReload(r); // ops: counted, and reload-config: yes re-reads nsd.conf too
      // cluster: done when every worker serves the new zones
      if (cluster === null) log.info({ ...r }, 'reload done');
      else void cluster.settled().then(() => log.info({ ...r }, 'reload done'));
      return r;
    },
    stop() {
      stopping ??= (async () => {
        log.info('tsdns stopping');
        await ops.stop(); // ops
        xfr.stop();
        await cluster?.stop(); // cluster: the workers close their UDP sockets and exit
        await server.stop();
        removePidfile(pidfile, process.pid);
        log.info('tsdns stopped');
      })();
      return stopping;
    },
  };
}

/** The logger on `file`, or on stderr with an error line when the file cannot be opened (NSD carries on too). */
function openLog(file: string | null, verbosity: number): Logger {
  if (file === null) return createLogger({ file: null, verbosity });
  try {
    fs.appendFileSync(file, '');
    return createLogger({ file, verbosity });
  } catch (e) {
    const log = createLogger({ file: null, verbosity });
    log.error({ file }, `cannot open logfile ${file}: ${(e as Error).message}; logging to stderr`);
    return log;
  }
}

/** Writes the pidfile while still root, owned by the user we become so it can be removed at exit (as NSD). */
function writeOwnPidfile(pidfile: string, username: string): void {
  writePidfile(pidfile, process.pid);
  if (pidfile === '' || username === '' || process.getuid?.() !== 0) return;
  const account = findAccount(username);
  if (account === null) return;
  try {
    fs.chownSync(pidfile, account.uid, account.gid);
  } catch {
    // Removal at exit may then fail; serving does not depend on it.
  }
}

