// The remote-control:, dnstap:, verify:, key: and tls-auth: rows of the option table.
import { iface } from './kinds-net.js';
import { algorithm, base64, bool, command, count, dname, path, port, positive, string } from './kinds.js';
import { IMPLEMENTED, noEffect, row, type ClauseName, type OptionDef } from './schema-types.js';

const RC: readonly ClauseName[] = ['remote-control'];
const DT: readonly ClauseName[] = ['dnstap'];
const VF: readonly ClauseName[] = ['verify'];
const NEWER = { origin: 'nsd-newer' } as const;

const NO_DNSTAP = 'tsdns has no dnstap output';
const NO_VERIFY = 'tsdns does not run zone verifiers';
const NO_XOT = 'tsdns has no XFR-over-TLS';

const controlIface = iface(
  { interfaceName: true, socketPath: true, requirePort: false, socketOptions: false },
  'an IPv4/IPv6 address, interface name or absolute socket path',
);
const verifyIface = iface(
  { interfaceName: true, socketPath: false, requirePort: false, socketOptions: false },
  'an IPv4/IPv6 address[@port]',
);

const remoteControl: OptionDef[] = [
  row(RC, 'control-enable', bool, false, IMPLEMENTED, 'Enable nsd-control.'),
  row(RC, 'control-interface', controlIface, [], IMPLEMENTED, 'Address or unix socket for nsd-control (default 127.0.0.1 and ::1); may repeat.', { multi: true }),
  row(RC, 'control-port', port, 8952, IMPLEMENTED, 'TCP port for nsd-control.'),
  row(RC, 'server-key-file', path, '/etc/nsd/nsd_server.key', IMPLEMENTED, 'Server private key.'),
  row(RC, 'server-cert-file', path, '/etc/nsd/nsd_server.pem', IMPLEMENTED, 'Server certificate.'),
  row(RC, 'control-key-file', path, '/etc/nsd/nsd_control.key', IMPLEMENTED, 'nsd-control client key.'),
  row(RC, 'control-cert-file', path, '/etc/nsd/nsd_control.pem', IMPLEMENTED, 'nsd-control client certificate.'),
];

const dnstap: OptionDef[] = [
  row(DT, 'dnstap-enable', bool, false, noEffect(NO_DNSTAP), 'Enable dnstap.'),
  row(DT, 'dnstap-socket-path', path, '/var/run/nsd-dnstap.sock', noEffect(NO_DNSTAP), 'dnstap collector socket.'),
  row(DT, 'dnstap-ip', string, null, noEffect(NO_DNSTAP), 'dnstap collector address.', NEWER),
  row(DT, 'dnstap-tls', bool, true, noEffect(NO_DNSTAP), 'Use TLS to the collector.', NEWER),
  row(DT, 'dnstap-tls-server-name', string, null, noEffect(NO_DNSTAP), 'Collector TLS name.', NEWER),
  row(DT, 'dnstap-tls-cert-bundle', path, null, noEffect(NO_DNSTAP), 'Collector CA bundle.', NEWER),
  row(DT, 'dnstap-tls-client-key-file', path, null, noEffect(NO_DNSTAP), 'Client key for the collector.', NEWER),
  row(DT, 'dnstap-tls-client-cert-file', path, null, noEffect(NO_DNSTAP), 'Client certificate for the collector.', NEWER),
  row(DT, 'dnstap-send-identity', bool, false, noEffect(NO_DNSTAP), 'Send the identity.'),
  row(DT, 'dnstap-send-version', bool, false, noEffect(NO_DNSTAP), 'Send the version.'),
  row(DT, 'dnstap-identity', string, null, noEffect(NO_DNSTAP), 'Identity to send.'),
  row(DT, 'dnstap-version', string, null, noEffect(NO_DNSTAP), 'Version to send.'),
  row(DT, 'dnstap-log-auth-query-messages', bool, false, noEffect(NO_DNSTAP), 'Log queries.'),
  row(DT, 'dnstap-log-auth-response-messages', bool, false, noEffect(NO_DNSTAP), 'Log responses.'),
];

const verify: OptionDef[] = [
  row(VF, 'enable', bool, false, noEffect(NO_VERIFY), 'Enable zone verification.'),
  row(VF, 'ip-address', verifyIface, [], noEffect(NO_VERIFY), 'Address verifiers query; may repeat.', { multi: true }),
  row(VF, 'port', port, 5347, noEffect(NO_VERIFY), 'Port verifiers query.'),
  row(VF, 'verify-zones', bool, true, noEffect(NO_VERIFY), 'Verify zones by default.'),
  row(VF, 'verifier', command, null, noEffect(NO_VERIFY), 'Default verifier command.'),
  row(VF, 'verifier-count', positive, 1, noEffect(NO_VERIFY), 'Verifiers run at once.'),
  row(VF, 'verifier-feed-zone', bool, true, noEffect(NO_VERIFY), 'Feed the zone on stdin.'),
  row(VF, 'verifier-timeout', count, 0, noEffect(NO_VERIFY), 'Seconds a verifier may run (0: no limit).'),
];

const key: OptionDef[] = [
  row(['key'], 'name', dname, null, IMPLEMENTED, 'TSIG key name (sent on the wire).'),
  row(['key'], 'algorithm', algorithm, 'hmac-sha256', IMPLEMENTED, 'hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384 or hmac-sha512 (hmac- optional).'),
  row(['key'], 'secret', base64, null, IMPLEMENTED, 'Base64 shared secret.'),
];

const tlsAuth: OptionDef[] = [
  row(['tls-auth'], 'name', dname, null, noEffect(NO_XOT), 'Name that ACL lines refer to.'),
  row(['tls-auth'], 'auth-domain-name', string, null, noEffect(NO_XOT), 'Name to authenticate (RFC 8310).'),
  row(['tls-auth'], 'client-cert', path, null, noEffect(NO_XOT), 'Client certificate for mutual TLS.'),
  row(['tls-auth'], 'client-key', path, null, noEffect(NO_XOT), 'Client key for mutual TLS.'),
  row(['tls-auth'], 'client-key-pw', string, null, noEffect(NO_XOT), 'Password of client-key.'),
];

export const MISC_OPTIONS: readonly OptionDef[] = [...remoteControl, ...dnstap, ...verify, ...key, ...tlsAuth];
