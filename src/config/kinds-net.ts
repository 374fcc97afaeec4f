// Value kinds for addresses: listen interfaces (ip-address and friends) and ACL lines.
import { compareIp, familyOf, parseIp, type IpAddress } from './ip-parse.js';
import type { Token } from './lexer.js';
import { ValueError, type ValueKind } from './schema-types.js';
import type { AclEntry, AclKey, AclRange, InterfaceSpec, ServerRange } from './types.js';

/** Split "spec@port"; the port must be 1..65535 (NSD: "expected port number after '@'"). */
function splitPort(spec: string): [string, number | null] {
  const at = spec.lastIndexOf('@');
  if (at < 0) return [spec, null];
  const p = spec.slice(at + 1);
  if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535) {
    throw new ValueError(`expected a port number from 1 to 65535 after '@' in '${spec}'`);
  }
  return [spec.slice(0, at), Number(p)];
}

/** What an interface value may be besides an IP address. */
export interface InterfaceRules {
  readonly interfaceName: boolean;
  readonly socketPath: boolean;
  readonly requirePort: boolean;
  /** ip-address only: servers=, bindtodevice= and setfib= may follow. */
  readonly socketOptions: boolean;
}

type Where = { file: string; line: number };

/** Parse "address[%scope][@port]", an interface name, or a unix socket path. */
export function parseInterface(spec: string, rules: InterfaceRules, where: Where): InterfaceSpec {
  const base = {
    spec, ...where, address: null, family: null, scope: null, interfaceName: null, socketPath: null,
    port: null, servers: null, bindToDevice: false, setfib: null,
  } satisfies InterfaceSpec;
  if (rules.socketPath && spec.startsWith('/')) return { ...base, socketPath: spec };
  const [host, port] = splitPort(spec);
  if (rules.requirePort && port === null) throw new ValueError(`expected address@port, not '${spec}'`);
  const pct = host.indexOf('%');
  const addrText = pct >= 0 ? host.slice(0, pct) : host;
  const ip = parseIp(addrText);
  if (ip !== null && (pct < 0 || ip.family === 6)) {
    return { ...base, address: ip.text, family: ip.family, scope: pct >= 0 ? host.slice(pct + 1) : null, port };
  }
  // Not an address: NSD takes the name of a network interface and binds its addresses at start-up.
  if (rules.interfaceName && pct < 0 && /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/.test(host) && !/^[0-9.:]+$/.test(host)) {
    return { ...base, interfaceName: host, port };
  }
  throw new ValueError(`bad address '${spec}': expected an IPv4 or IPv6 address${rules.interfaceName ? ' or an interface name' : ''}`);
}

/** servers="1 2-3" ranges (NSD parse_range, either order). */
function parseServers(text: string): ServerRange[] {
  const words = text.split(/[ \t]+/).filter((w) => w !== '');
  if (words.length === 0) throw new ValueError('expected server numbers after servers=');
  return words.map((w) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(w);
    if (!m) throw new ValueError(`invalid server range '${w}'`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    return { first: Math.min(a, b), last: Math.max(a, b) };
  });
}

/** True for the socket-option words that may follow an ip-address value. */
export function isSocketOption(t: Token): boolean {
  return !t.quoted && /^(servers|bindtodevice|setfib)=/.test(t.text);
}

/** Apply servers=/bindtodevice=/setfib= words (a bare "servers=" takes the next word as its value). */
function socketOptions(spec: InterfaceSpec, words: readonly Token[]): InterfaceSpec {
  let out = spec;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Token;
    const m = /^(servers|bindtodevice|setfib)=(.*)$/s.exec(w.text);
    if (!m || w.quoted) throw new ValueError(`unexpected '${w.text}' after the address (expected servers=, bindtodevice= or setfib=)`);
    let v = m[2] as string;
    if (v === '' && i + 1 < words.length && !isSocketOption(words[i + 1] as Token)) v = (words[++i] as Token).text;
    if (m[1] === 'servers') out = { ...out, servers: parseServers(v) };
    else if (m[1] === 'bindtodevice') {
      if (v !== 'yes' && v !== 'no') throw new ValueError(`expected bindtodevice=yes or no, not '${v}'`);
      out = { ...out, bindToDevice: v === 'yes' };
    } else {
      if (!/^\d+$/.test(v)) throw new ValueError(`expected setfib=number, not '${v}'`);
      out = { ...out, setfib: Number(v) };
    }
  }
  return out;
}

/** A listen-address kind. */
export function iface(rules: InterfaceRules, name: string): ValueKind<InterfaceSpec> {
  return {
    name,
    arity: rules.socketOptions ? 'interface' : 'one',
    quoted: false,
    parse(args) {
      const first = args[0] as Token;
      const spec = parseInterface(first.text, rules, { file: first.file, line: first.line });
      return socketOptions(spec, args.slice(1));
    },
    show(v) {
      let s = v.spec;
      if (v.servers) s += ` servers="${v.servers.map((r) => (r.first === r.last ? `${r.first}` : `${r.first}-${r.last}`)).join(' ')}"`;
      if (v.bindToDevice) s += ' bindtodevice=yes';
      if (v.setfib !== null) s += ` setfib=${v.setfib}`;
      return s;
    },
  };
}

/** Parse the address half of a range/mask with the family of the first address. */
function second(text: string, family: 4 | 6, what: string): IpAddress {
  const ip = parseIp(text);
  if (ip === null || ip.family !== family) throw new ValueError(`bad ip${family} address ${what} '${text}'`);
  return ip;
}

/** Parse an ip-spec (NSD parse_acl_info): addr, addr/len, addr&mask, first-last, each with @port. */
export function parseIpSpec(spec: string): Pick<AclEntry, 'family' | 'address' | 'range' | 'port'> {
  const [ipPart, port] = splitPort(spec);
  const sep = ['&', '/', '-'].map((c) => ipPart.indexOf(c)).find((i) => i >= 0) ?? -1;
  const addrText = sep >= 0 ? ipPart.slice(0, sep) : ipPart;
  const rest = sep >= 0 ? ipPart.slice(sep + 1) : '';
  const family = familyOf(addrText);
  const ip = parseIp(addrText);
  if (ip === null || ip.family !== family) throw new ValueError(`bad ip${family} address '${addrText}'`);
  let range: AclRange = { type: 'single' };
  const kind = sep >= 0 ? ipPart[sep] : '';
  if (kind === '/') {
    const max = family === 4 ? 32 : 128;
    if (!/^\d+$/.test(rest)) throw new ValueError(`bad subnet range '${rest}'`);
    if (Number(rest) > max) throw new ValueError(`subnet of ${rest} bits out of range [0..${max}]`);
    range = { type: 'subnet', prefix: Number(rest) };
  } else if (kind === '&') {
    range = { type: 'mask', mask: second(rest, family, 'mask').text };
  } else if (kind === '-') {
    const last = second(rest, family, 'range end');
    if (compareIp(ip, last) > 0) throw new ValueError(`range ${spec} has its first address after its last`);
    range = { type: 'range', last: last.text };
  }
  return { family, address: ip.text, range, port };
}

/** The key word of an ACL line. */
function aclKey(word: string): AclKey {
  if (word === 'NOKEY') return { type: 'nokey' };
  if (word === 'BLOCKED') return { type: 'blocked' };
  return { type: 'key', name: word };
}

/** Which ACL forms an option takes. */
export interface AclRules {
  /** request-xfr: an optional AXFR or UDP word first. */
  readonly prefix: boolean;
  /** request-xfr, provide-xfr: an optional tls-auth name last. */
  readonly tlsAuth: boolean;
  /** notify, request-xfr: one address (no ranges) and no BLOCKED (NSD refuses both). */
  readonly single: boolean;
  /** outgoing-interface: an address only, no key word. */
  readonly noKey: boolean;
}

/** Describe the expected words, for messages. */
function aclUsage(r: AclRules): string {
  if (r.noKey) return 'an ip-address[@port]';
  return `${r.prefix ? '[AXFR|UDP] ' : ''}ip-spec key-name|NOKEY${r.single ? '' : '|BLOCKED'}${r.tlsAuth ? ' [tls-auth-name]' : ''}`;
}

/** Split the words of an ACL line into [prefix, spec, key, tls]. */
function aclWords(args: readonly Token[], r: AclRules): [string, string, string, string | null] {
  const w = args.map((a) => a.text);
  const prefix = r.prefix && !args[0]?.quoted && (w[0] === 'AXFR' || w[0] === 'UDP') ? (w.shift() as string) : '';
  const max = r.noKey ? 1 : prefix === 'UDP' || !r.tlsAuth ? 2 : 3;
  const min = r.noKey ? 1 : 2;
  if (w.length < min || w.length > max) throw new ValueError(`expected ${aclUsage(r)}`);
  return [prefix, w[0] as string, r.noKey ? 'NOKEY' : (w[1] as string), w[2] ?? null];
}

/** An ACL-line kind. */
export function acl(r: AclRules, option: string): ValueKind<AclEntry> {
  return {
    name: aclUsage(r),
    arity: 'acl',
    quoted: false,
    parse(args) {
      const [prefix, spec, keyWord, tls] = aclWords(args, r);
      const ip = parseIpSpec(spec);
      const key = aclKey(keyWord);
      if (r.single && key.type === 'blocked') throw new ValueError(`blocked address used for ${option}`);
      if (r.single && ip.range.type !== 'single') throw new ValueError(`address range used for ${option}`);
      const at = args[0] as Token;
      return {
        spec, ...ip, key, axfrOnly: prefix === 'AXFR', udp: prefix === 'UDP', tlsAuth: tls,
        file: at.file, line: at.line,
      };
    },
    show(v) {
      const key = v.key.type === 'nokey' ? 'NOKEY' : v.key.type === 'blocked' ? 'BLOCKED' : v.key.name;
      const pre = v.axfrOnly ? 'AXFR ' : v.udp ? 'UDP ' : '';
      return r.noKey ? v.spec : `${pre}${v.spec} ${key}${v.tlsAuth !== null ? ` ${v.tlsAuth}` : ''}`;
    },
  };
}
