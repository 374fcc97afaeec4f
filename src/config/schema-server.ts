// The server: clause rows of the option table (NSD 4.x configparser.y server_option, plus tsdns extensions).
import { iface } from './kinds-net.js';
import {
  bool, count, cpus, hex128, int, nsid, path, port, positive, str, string,
} from './kinds.js';
import { IMPLEMENTED, noEffect, planned, row, type ClauseName, type OptionDef } from './schema-types.js';

const S: readonly ClauseName[] = ['server'];
const NEWER = { origin: 'nsd-newer' } as const;

const listenIface = iface(
  { interfaceName: true, socketPath: false, requirePort: false, socketOptions: true },
  'an IPv4/IPv6 address or interface name, with optional @port and servers=/bindtodevice=/setfib=',
);
const hostPort = iface(
  { interfaceName: false, socketPath: false, requirePort: true, socketOptions: false },
  'address@port',
);
const hostOptPort = iface(
  { interfaceName: false, socketPath: false, requirePort: false, socketOptions: false },
  'address[@port]',
);

const NO_SOCKOPT = 'Node.js sockets cannot set this option';
const NO_TLS = 'tsdns does not serve DNS over TLS';
const NO_XOT = 'tsdns has no XFR-over-TLS';
const NO_XDP = 'Node.js has no AF_XDP sockets';
const NO_CPU = 'Node.js cannot pin threads to CPUs';
const LOG_JSON = 'tsdns logs JSON lines (pino) with epoch-millisecond times';

/** Listening, identity and limits. */
const core: OptionDef[] = [
  row(S, 'ip-address', listenIface, [], IMPLEMENTED, 'Address (or interface name) to listen on; may repeat.', { multi: true }),
  row(S, 'interface', listenIface, [], IMPLEMENTED, 'Same as ip-address.', { multi: true, aliasOf: 'ip-address' }),
  row(S, 'ip-transparent', bool, false, noEffect(`${NO_SOCKOPT} (IP_TRANSPARENT)`), 'Bind to non-local addresses.'),
  row(S, 'ip-freebind', bool, false, noEffect(`${NO_SOCKOPT} (IP_FREEBIND)`), 'Bind to addresses of interfaces that are down.'),
  row(S, 'reuseport', bool, false, noEffect('Node.js 20 has no SO_REUSEPORT for UDP: with server-count above 1 the workers share one socket'), 'SO_REUSEPORT per server process.'),
  row(S, 'send-buffer-size', count, 0, IMPLEMENTED, 'Send buffer size of query sockets (0: system default).'),
  row(S, 'receive-buffer-size', count, 0, IMPLEMENTED, 'Receive buffer size of query sockets (0: system default).'),
  row(S, 'debug-mode', bool, false, noEffect('tsdns never forks; it always runs in the foreground'), 'Do not fork (NSD -d).'),
  row(S, 'use-systemd', bool, false, noEffect('obsolete and ignored by NSD too'), 'Obsolete.'),
  row(S, 'hide-version', bool, false, IMPLEMENTED, 'Refuse CH TXT version.server/version.bind.'),
  row(S, 'hide-identity', bool, false, IMPLEMENTED, 'Refuse CH TXT id.server/hostname.bind.'),
  row(S, 'drop-updates', bool, false, IMPLEMENTED, 'Drop UPDATE messages instead of answering NOTIMP.'),
  row(S, 'ip4-only', bool, false, IMPLEMENTED, 'Obsolete: yes is do-ip4: yes and do-ip6: no.'),
  row(S, 'ip6-only', bool, false, IMPLEMENTED, 'Obsolete: yes is do-ip6: yes and do-ip4: no.'),
  row(S, 'do-ip4', bool, true, IMPLEMENTED, 'Serve over IPv4.'),
  row(S, 'do-ip6', bool, true, IMPLEMENTED, 'Serve over IPv6.'),
  row(S, 'port', port, 53, IMPLEMENTED, 'Port to answer queries on.'),
  row(S, 'identity', str('a string', 255), null, IMPLEMENTED, 'Answer for CH TXT id.server (default: host name).'),
  row(S, 'version', str('a string', 255), null, IMPLEMENTED, 'Answer for CH TXT version.server (default: tsdns version).'),
  row(S, 'nsid', nsid, null, IMPLEMENTED, 'EDNS NSID payload: hex, or ascii_ followed by text.'),
  row(S, 'server-count', positive, 1, IMPLEMENTED, 'Number of server processes: above 1, workers answer UDP (node:cluster) and the main process keeps TCP, transfers and control.'),
  row(S, 'tcp-count', positive, 100, IMPLEMENTED, 'Maximum concurrent TCP connections per server.'),
  row(S, 'tcp-reject-overflow', bool, false, IMPLEMENTED, 'Close TCP connections beyond tcp-count at once (no: they wait for a free slot).'),
  row(S, 'tcp-query-count', count, 0, IMPLEMENTED, 'Maximum queries per TCP connection (0: no limit).'),
  row(S, 'tcp-timeout', count, 120, IMPLEMENTED, 'TCP idle timeout in seconds.'),
  row(S, 'tcp-mss', count, 0, noEffect(`${NO_SOCKOPT} (TCP_MAXSEG)`), 'TCP MSS of query sockets.'),
  row(S, 'outgoing-tcp-mss', count, 0, noEffect(`${NO_SOCKOPT} (TCP_MAXSEG)`), 'TCP MSS of zone transfer sockets.'),
  row(S, 'ipv4-edns-size', int(512, 65535), 1232, IMPLEMENTED, 'EDNS buffer size offered over IPv4.'),
  row(S, 'ipv6-edns-size', int(512, 65535), 1232, IMPLEMENTED, 'EDNS buffer size offered over IPv6.'),
  row(S, 'round-robin', bool, false, IMPLEMENTED, 'Rotate the order of records in answers.'),
  row(S, 'minimal-responses', bool, false, IMPLEMENTED, 'Add additional data only when needed.'),
  row(S, 'confine-to-zone', bool, false, planned('query: additional section'), 'No additional data from other zones.'),
  row(S, 'refuse-any', bool, false, IMPLEMENTED, 'Answer ANY queries over UDP with TC.'),
  row(S, 'verbosity', count, 0, IMPLEMENTED, 'Log verbosity (0 to 5).'),
];

/** Files, directories and the process. */
const files: OptionDef[] = [
  row(S, 'database', path, '/var/lib/nsd/nsd.db', noEffect('tsdns keeps zones in memory only'), 'NSD zone database file.'),
  row(S, 'zonelistfile', path, '/var/lib/nsd/zone.list', IMPLEMENTED, 'File of zones added with nsd-control addzone.'),
  row(S, 'logfile', path, null, IMPLEMENTED, 'Log to this file instead of stderr.'),
  row(S, 'log-only-syslog', bool, false, noEffect('tsdns logs to stderr or the logfile, never to syslog'), 'Log only to syslog.'),
  row(S, 'log-time-ascii', bool, true, noEffect(LOG_JSON), 'Log times as text.'),
  row(S, 'log-time-iso', bool, false, noEffect(LOG_JSON), 'Log times in ISO 8601.', NEWER),
  row(S, 'pidfile', path, '/run/nsd/nsd.pid', IMPLEMENTED, 'PID file ("" for none).'),
  row(S, 'chroot', path, null, noEffect('Node.js cannot chroot; use the service manager sandbox'), 'Directory to chroot to.'),
  row(S, 'username', string, 'nsd', IMPLEMENTED, 'User to run as after binding sockets.'),
  row(S, 'zonesdir', path, '/etc/nsd', IMPLEMENTED, 'Directory relative file names are read from.'),
  row(S, 'difffile', path, null, noEffect('ignored by NSD 4 too (an NSD 3 option)'), 'Obsolete.'),
  row(S, 'xfrdfile', path, '/var/lib/nsd/xfrd.state', IMPLEMENTED, 'Zone transfer timer state file.'),
  row(S, 'xfrdir', path, '/tmp', IMPLEMENTED, 'Directory for transfers in progress.'),
  row(S, 'xfrd-reload-timeout', count, 1, planned('xfr-in'), 'Seconds between reloads after transfers.'),
  row(S, 'xfrd-tcp-max', count, 128, planned('xfr-in'), 'Sockets for outgoing zone transfers.'),
  row(S, 'xfrd-tcp-pipeline', int(1, 65536), 128, planned('xfr-in'), 'Transfers pipelined per socket.'),
  row(S, 'zonefiles-check', bool, true, planned('reload'), 'Check zone file times on start and reload.'),
  row(S, 'zonefiles-write', count, 0, planned('xfr-in'), 'Write transferred zones to their files every N seconds.'),
  row(S, 'reload-config', bool, false, IMPLEMENTED, 'Also reread the config on SIGHUP (as tsdns-control reconfig).', NEWER),
  row(S, 'statistics', count, 0, noEffect('use nsd-control stats or the metrics endpoint'), 'Log statistics every N seconds.'),
  row(S, 'cpu-affinity', cpus, null, noEffect(NO_CPU), 'CPUs for the server processes.'),
  row(S, 'xfrd-cpu-affinity', count, null, noEffect(NO_CPU), 'CPU for xfrd.'),
  row(S, 'server-N-cpu-affinity', count, null, noEffect(NO_CPU), 'CPU for server process N (server-1-cpu-affinity, ...).', { multi: true }),
];

/** RRL, cookies, TLS, XDP, metrics and health. */
const features: OptionDef[] = [
  row(S, 'rrl-size', positive, 1000000, IMPLEMENTED, 'RRL hash table buckets.'),
  row(S, 'rrl-ratelimit', count, 200, IMPLEMENTED, 'RRL queries per second per source block (0: off).'),
  row(S, 'rrl-slip', count, 2, IMPLEMENTED, 'Every Nth limited response is a TC answer (0: never).'),
  row(S, 'rrl-ipv4-prefix-length', int(0, 32), 24, IMPLEMENTED, 'RRL IPv4 source block prefix.'),
  row(S, 'rrl-ipv6-prefix-length', int(0, 64), 64, IMPLEMENTED, 'RRL IPv6 source block prefix.'),
  row(S, 'rrl-whitelist-ratelimit', count, 2000, IMPLEMENTED, 'RRL rate for whitelisted query types (0: off).'),
  row(S, 'answer-cookie', bool, false, planned('DNS cookies'), 'Answer DNS cookies (RFC 7873).'),
  row(S, 'cookie-secret', hex128, null, planned('DNS cookies'), 'Server cookie secret (32 hex digits).'),
  row(S, 'cookie-secret-file', path, '/etc/nsd/nsd_cookiesecrets.txt', planned('DNS cookies'), 'File of cookie secrets.'),
  row(S, 'cookie-staging-secret', hex128, null, planned('DNS cookies'), 'Staging cookie secret.', NEWER),
  row(S, 'tls-service-key', path, null, noEffect(NO_TLS), 'TLS private key.'),
  row(S, 'tls-service-pem', path, null, noEffect(NO_TLS), 'TLS certificate.'),
  row(S, 'tls-service-ocsp', path, null, noEffect(NO_TLS), 'OCSP staple file.'),
  row(S, 'tls-port', port, 853, noEffect(NO_TLS), 'Port of the TLS service.'),
  row(S, 'tls-auth-port', port, null, noEffect(NO_XOT), 'Port of the authenticated TLS service.', NEWER),
  row(S, 'tls-auth-xfr-only', bool, false, noEffect(NO_XOT), 'Only transfers on tls-auth-port.', NEWER),
  row(S, 'tls-cert-bundle', path, null, noEffect(NO_XOT), 'CA bundle for XFR-over-TLS.'),
  row(S, 'proxy-protocol-port', port, [], noEffect('tsdns does not speak the PROXY protocol'), 'Ports that expect a PROXY header.', { ...NEWER, multi: true }),
  row(S, 'xdp-interface', string, null, noEffect(NO_XDP), 'Interface for AF_XDP.', NEWER),
  row(S, 'xdp-program-path', path, null, noEffect(NO_XDP), 'XDP program.', NEWER),
  row(S, 'xdp-program-load', bool, true, noEffect(NO_XDP), 'Load the XDP program.', NEWER),
  row(S, 'xdp-bpffs-path', path, null, noEffect(NO_XDP), 'bpffs mount.', NEWER),
  row(S, 'xdp-force-copy', bool, false, noEffect(NO_XDP), 'Force XDP copy mode.', NEWER),
  row(S, 'metrics-enable', bool, false, IMPLEMENTED, 'Serve Prometheus metrics.', NEWER),
  row(S, 'metrics-interface', hostOptPort, [], IMPLEMENTED, 'Address[@port] of the metrics endpoint (default 127.0.0.1 and ::1); may repeat.', { ...NEWER, multi: true }),
  row(S, 'metrics-port', port, 9100, IMPLEMENTED, 'Port of metrics-interface addresses without @port.', NEWER),
  row(S, 'metrics-path', str('an HTTP path'), '/metrics', IMPLEMENTED, 'HTTP path of the metrics.', NEWER),
  row(S, 'health-interface', hostPort, [], IMPLEMENTED, 'tsdns extension: address@port of the HTTP health endpoint (/health, /health/zone/<name>, /metrics); may repeat.', { origin: 'tsdns', multi: true }),
  row(S, 'health-max-staleness', count, 0, IMPLEMENTED, 'tsdns extension: seconds a secondary zone may go unconfirmed by its primary (or behind a notified serial) before /health says 503 (0: no bound).', { origin: 'tsdns' }),
];

export const SERVER_OPTIONS: readonly OptionDef[] = [...core, ...files, ...features];
