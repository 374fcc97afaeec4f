// Which addresses to serve on: nsd.conf ip-address: (or -a), its port (or -p), do-ip4 / do-ip6, as NSD chooses them.
import os from 'node:os';
import type { InterfaceSpec, ServerConfig } from '../config/index.js';
import type { ListenSpec } from '../server/index.js';
import { ServiceError } from './errors.js';

export interface ListenOverrides {
  /** nsd -a: these addresses replace the ip-address: lines. */
  readonly addresses?: readonly string[];
  /** nsd -p: the port for every address without its own @port. */
  readonly port?: number;
  /** nsd -4 / -6. */
  readonly only?: 4 | 6;
}

/**
 * The sockets to open. With no ip-address NSD listens on the wildcard addresses, 0.0.0.0 and :: (each
 * family only when do-ip4 / do-ip6 allows it). An interface name stands for every address it has.
 * Duplicates are removed. Throws ServiceError LISTEN when nothing is left to listen on.
 */
export function listenSpecs(s: ServerConfig, over: ListenOverrides = {}): ListenSpec[] {
  const port = over.port ?? s.port;
  const v4 = s.doIp4 && over.only !== 6;
  const v6 = s.doIp6 && over.only !== 4;
  const wanted: ListenSpec[] = [];
  if (over.addresses && over.addresses.length > 0) {
    for (const a of over.addresses) wanted.push(parseAddress(a, port));
  } else if (s.ipAddresses.length > 0) {
    for (const i of s.ipAddresses) wanted.push(...fromInterface(i, port));
  } else {
    wanted.push({ address: '0.0.0.0', port, family: 4 }, { address: '::', port, family: 6 });
  }
  const seen = new Set<string>();
  const out = wanted.filter((w) => {
    const k = `${w.address}@${w.port}`;
    if ((w.family === 4 && !v4) || (w.family === 6 && !v6) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (out.length === 0) throw new ServiceError('LISTEN', 'no address to listen on (check ip-address:, do-ip4:, do-ip6:, -4, -6)');
  return out;
}

/** An -a argument: address[@port], IPv6 with its scope (fe80::1%eth0) allowed. */
function parseAddress(text: string, port: number): ListenSpec {
  const at = text.lastIndexOf('@');
  const address = at >= 0 ? text.slice(0, at) : text;
  const p = at >= 0 ? Number(text.slice(at + 1)) : port;
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new ServiceError('LISTEN', `bad port in '${text}'`);
  return { address, port: p, family: address.includes(':') ? 6 : 4 };
}

function fromInterface(i: InterfaceSpec, port: number): ListenSpec[] {
  const p = i.port ?? port;
  if (i.address !== null) {
    const address = i.scope ? `${i.address}%${i.scope}` : i.address;
    return [{ address, port: p, family: i.family === 6 ? 6 : 4 }];
  }
  if (i.interfaceName === null) return [];
  const addrs = os.networkInterfaces()[i.interfaceName] ?? [];
  return addrs.map((a) => ({
    address: a.family === 'IPv6' && a.scopeid ? `${a.address}%${i.interfaceName}` : a.address,
    port: p,
    family: a.family === 'IPv6' ? (6 as const) : (4 as const),
  }));
}
