// Real name servers for transfer tests: tsdns, NSD, Knot and BIND as primary or secondary of one zone, with TSIG, on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { waitForDns } from './net.js';
import { TSDNS_BIN } from './servers.js';

export type PeerKind = 'tsdns' | 'nsd' | 'knot' | 'bind';
export type Role = 'primary' | 'secondary';

export interface TsigSecret {
  readonly name: string;
  readonly secret: string;
}

/** A fresh hmac-sha256 key (32 random octets, as tsig-keygen makes them). */
export function newKey(name = 'xfr.key'): TsigSecret {
  return { name, secret: crypto.randomBytes(32).toString('base64') };
}

export interface PeerSpec {
  readonly kind: PeerKind;
  readonly role: Role;
  readonly dir: string;
  readonly port: number;
  /** The zone, without the final dot. */
  readonly zone: string;
  /** Primary: the secondary's port (NOTIFY goes there). Secondary: the primary's port. */
  readonly peerPort: number;
  /** Extra tsdns/NSD zone options (lines), e.g. for a large zone. */
  readonly extra?: readonly string[];
}

const NSD = '/usr/sbin/nsd';
const KNOTD = '/usr/sbin/knotd';
const KNOTC = '/usr/sbin/knotc';
const NAMED = '/usr/sbin/named';

/** The zone file a primary serves (and a tsdns or NSD secondary saves its copy to). */
export function zoneFileOf(spec: PeerSpec): string {
  return path.join(spec.dir, `${spec.zone}.zone`);
}

function nsdLike(spec: PeerSpec, key: TsigSecret, tsdns: boolean): string {
  const d = spec.dir;
  const server = tsdns
    ? [`    logfile: "${d}/log"`, `    xfrdfile: "${d}/xfrd.state"`, '    pidfile: ""', '    verbosity: 2']
    : [`    logfile: "${d}/log"`, `    xfrdfile: "${d}/xfrd.state"`, `    pidfile: "${d}/nsd.pid"`, '    database: ""', `    zonelistfile: "${d}/zone.list"`,
      `    xfrdir: "${d}"`, '    chroot: ""', '    verbosity: 2', '    zonefiles-write: 1'];
  const zone = spec.role === 'primary'
    ? [`    provide-xfr: 127.0.0.1 ${key.name}`, `    notify: 127.0.0.1@${spec.peerPort} ${key.name}`, '    create-ixfr: yes', '    store-ixfr: yes']
    : [`    request-xfr: 127.0.0.1@${spec.peerPort} ${key.name}`, `    allow-notify: 127.0.0.1 ${key.name}`, '    provide-xfr: 127.0.0.1 NOKEY', '    store-ixfr: yes'];
  return [
    'server:', '    ip-address: 127.0.0.1', `    port: ${spec.port}`, `    zonesdir: "${d}"`, '    username: ""', ...server,
    ...(tsdns ? [] : ['remote-control:', '    control-enable: no']),
    'key:', `    name: "${key.name}"`, '    algorithm: hmac-sha256', `    secret: "${key.secret}"`,
    'zone:', `    name: "${spec.zone}"`, `    zonefile: "${spec.zone}.zone"`, ...zone, ...(spec.extra ?? []), '',
  ].join('\n');
}

function knotConf(spec: PeerSpec, key: TsigSecret): string {
  const d = spec.dir;
  const primary = spec.role === 'primary';
  return [
    'server:', `    rundir: "${d}"`, `    listen: 127.0.0.1@${spec.port}`, `    pidfile: "${d}/knot.pid"`,
    'log:', `  - target: "${d}/log"`, '    any: info',
    'database:', `    storage: "${d}"`,
    'key:', `  - id: ${key.name}`, '    algorithm: hmac-sha256', `    secret: ${key.secret}`,
    'remote:', '  - id: peer', `    address: 127.0.0.1@${spec.peerPort}`, `    key: ${key.name}`,
    'acl:', '  - id: peer_acl', '    address: 127.0.0.1', `    key: ${key.name}`, `    action: ${primary ? 'transfer' : 'notify'}`,
    ...(primary ? [] : ['  - id: anyone_xfr', '    address: 127.0.0.1', '    action: transfer']),
    'template:', '  - id: default', `    storage: "${d}"`, '    zonefile-sync: 0', '    zonefile-load: difference',
    '    journal-content: all',
    'zone:', `  - domain: ${spec.zone}`, `    file: "${spec.zone}.zone"`,
    ...(primary ? ['    notify: peer', '    acl: peer_acl'] : ['    master: peer', '    acl: [peer_acl, anyone_xfr]']), '',
  ].join('\n');
}

function bindConf(spec: PeerSpec, key: TsigSecret): string {
  const d = spec.dir;
  const zone = spec.role === 'primary'
    ? ['    type primary;', `    allow-transfer { key "${key.name}"; };`, '    notify explicit;', `    also-notify { 127.0.0.1 port ${spec.peerPort} key "${key.name}"; };`, '    ixfr-from-differences yes;']
    : ['    type secondary;', '    masterfile-format text;', `    primaries port ${spec.peerPort} { 127.0.0.1 key "${key.name}"; };`, `    allow-notify { key "${key.name}"; };`, '    allow-transfer { any; };'];
  return [
    'options {', `    directory "${d}";`, `    pid-file "${d}/named.pid";`, `    listen-on port ${spec.port} { 127.0.0.1; };`, '    listen-on-v6 { none; };',
    '    recursion no;', '    dnssec-validation no;', '    notify-source 127.0.0.1;', '    transfer-source 127.0.0.1;', '    min-refresh-time 1;',
    '    min-retry-time 1;', `    session-keyfile "${d}/session.key";`, `    managed-keys-directory "${d}";`, '};',
    'controls { };',
    `key "${key.name}" { algorithm hmac-sha256; secret "${key.secret}"; };`,
    'logging {', `    channel main { file "${d}/log"; severity info; print-time yes; print-category yes; };`,
    '    category default { main; };', '    category xfer-in { main; };', '    category xfer-out { main; };', '    category notify { main; };', '};',
    `zone "${spec.zone}" {`, `    file "${spec.zone}.zone";`, ...zone, '};', '',
  ].join('\n');
}

/** The config file of the peer for `key` (a different secret makes the "wrong key" case). */
export function peerConfig(spec: PeerSpec, key: TsigSecret): { file: string; text: string } {
  switch (spec.kind) {
    case 'tsdns':
      return { file: path.join(spec.dir, 'nsd.conf'), text: nsdLike(spec, key, true) };
    case 'nsd':
      return { file: path.join(spec.dir, 'nsd.conf'), text: nsdLike(spec, key, false) };
    case 'knot':
      return { file: path.join(spec.dir, 'knot.conf'), text: knotConf(spec, key) };
    case 'bind':
      return { file: path.join(spec.dir, 'named.conf'), text: bindConf(spec, key) };
  }
}

/** One server process: configured, started, reloaded and stopped by the test. */
export class Peer {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private out = '';

  constructor(readonly spec: PeerSpec) {
    fs.mkdirSync(spec.dir, { recursive: true });
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** Writes the config for `key` and starts the server; resolves once it answers on its port. */
  async start(key: TsigSecret): Promise<void> {
    const conf = peerConfig(this.spec, key);
    fs.writeFileSync(conf.file, conf.text);
    const { cmd, args } = this.command(conf.file);
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (d) => (this.out += d));
    proc.stderr?.on('data', (d) => (this.out += d));
    this.exited = new Promise((r) => proc.once('exit', () => r()));
    this.proc = proc;
    const probe = dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: this.spec.zone, type: 'SOA' }] });
    try {
      const died = this.exited.then(() => Promise.reject(new Error('the process exited')));
      await Promise.race([waitForDns('127.0.0.1', this.spec.port, probe, 20000), died]);
    } catch (e) {
      await this.stop();
      throw new Error(`${this.spec.kind} did not start: ${(e as Error).message}\n${this.output()}`);
    }
  }

  private command(conf: string): { cmd: string; args: string[] } {
    switch (this.spec.kind) {
      case 'tsdns':
        return { cmd: process.execPath, args: [TSDNS_BIN, '-c', conf] };
      case 'nsd':
        return { cmd: NSD, args: ['-d', '-c', conf, '-p', String(this.spec.port)] };
      case 'knot':
        return { cmd: KNOTD, args: ['-c', conf] };
      case 'bind':
        return { cmd: NAMED, args: ['-f', '-c', conf] };
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc === null) return;
    this.proc = null;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(t);
  }

  /**
   * Writes the zone file of a primary. BIND keeps the differences it made (ixfr-from-differences) in
   * a journal that no longer matches a file edited while it is stopped: that journal goes, as an
   * operator would remove it.
   */
  writeZone(text: string): void {
    const file = zoneFileOf(this.spec);
    fs.writeFileSync(file, text);
    if (this.spec.kind === 'bind' && !this.running) fs.rmSync(`${file}.jnl`, { force: true });
  }

  /** Makes a primary re-read its zone file. */
  reload(): void {
    if (this.spec.kind === 'knot') {
      const conf = path.join(this.spec.dir, 'knot.conf');
      const r = spawnSync(KNOTC, ['-c', conf, 'zone-reload', this.spec.zone], { encoding: 'utf8', timeout: 10000 });
      if (r.status !== 0) throw new Error(`knotc zone-reload failed: ${r.stdout}${r.stderr}`);
      return;
    }
    this.proc?.kill('SIGHUP');
  }

  /** The server's log file and its output so far. */
  output(): string {
    let log = '';
    try {
      log = fs.readFileSync(path.join(this.spec.dir, 'log'), 'utf8');
    } catch {
      // not written yet
    }
    return `${log}\n${this.out}`;
  }
}

/** True when the Debian package of `kind` is installed (test/install-tools.sh installs them). */
export function peerInstalled(kind: PeerKind): boolean {
  const bin = { tsdns: TSDNS_BIN, nsd: NSD, knot: KNOTD, bind: NAMED }[kind];
  return fs.existsSync(bin);
}

/** Starts the primary, then the secondary; when either fails both are stopped (no server outlives its test). */
export async function startBoth(primary: Peer, secondary: Peer, key: TsigSecret): Promise<void> {
  try {
    await primary.start(key);
    await secondary.start(key);
  } catch (e) {
    await Promise.all([primary.stop(), secondary.stop()]);
    throw e;
  }
}
