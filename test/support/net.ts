// Loopback helpers for system tests: free ports and raw UDP/TCP DNS exchanges with a deadline.
import dgram from 'node:dgram';
import net from 'node:net';

/**
 * A port that is free for both UDP and TCP on 127.0.0.1 at the time of asking. Drawn below Linux's ephemeral range
 * (32768-60999), so the kernel does not hand it to some client's outgoing socket between this check and the bind.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 12000 + Math.floor(Math.random() * 20000);
    if (await portFree(port)) return port;
  }
  throw new Error('no free port found');
}

async function portFree(port: number): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((resolve) => {
    const u = dgram.createSocket('udp4');
    u.once('error', () => resolve(false));
    u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
  });
}

/** Sends one UDP message and resolves with the first reply, or null when none comes before the deadline. */
export function udpExchange(host: string, port: number, msg: Uint8Array, timeoutMs = 2000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(v: Buffer | null): void {
      clearTimeout(timer);
      sock.close();
      resolve(v);
    }
    sock.on('message', (m) => finish(m));
    sock.on('error', () => finish(null));
    sock.send(msg, port, host);
  });
}

/**
 * Sends messages over one TCP connection (2-octet length framing, RFC 1035 4.2.2) and collects
 * `expect` replies, or what came before the deadline or the server closing.
 */
export function tcpExchange(host: string, port: number, msgs: Uint8Array[], expect = msgs.length, timeoutMs = 3000): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const replies: Buffer[] = [];
    let acc = Buffer.alloc(0);
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => finish(), timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      sock.destroy();
      resolve(replies);
    }
    sock.on('connect', () => {
      for (const m of msgs) {
        const framed = Buffer.alloc(2 + m.length);
        framed.writeUInt16BE(m.length, 0);
        framed.set(m, 2);
        sock.write(framed);
      }
    });
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        const len = acc.readUInt16BE(0);
        replies.push(acc.subarray(2, 2 + len));
        acc = acc.subarray(2 + len);
      }
      if (replies.length >= expect) finish();
    });
    sock.on('error', () => finish());
    sock.on('close', () => finish());
  });
}

/** Polls until a UDP query to host:port gets any reply, or throws after the deadline. */
export async function waitForDns(host: string, port: number, probe: Uint8Array, deadlineMs = 15000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await udpExchange(host, port, probe, 300)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no DNS server answered on ${host}@${port} within ${deadlineMs} ms`);
}
