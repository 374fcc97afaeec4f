// The UDP transport with a stub handler: one answer per datagram to its sender, drops and handler bugs send nothing.
import t from 'tap';
import dgram from 'node:dgram';
import type { RequestContext, RequestHandler } from '../../../src/process/index.js';
import { DnsServer } from '../../../src/server/index.js';

class Stub implements RequestHandler {
  seen: RequestContext[] = [];
  handle(req: Uint8Array, ctx: RequestContext): Uint8Array | null {
    this.seen.push(ctx);
    if (req[0] === 0xdd) return null;
    if (req[0] === 0xee) throw new Error('boom');
    return Uint8Array.from([...req, 0x99]);
  }
}

function ask(port: number, host: string, msg: Buffer, timeoutMs = 500): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (v: Buffer | null) => {
      clearTimeout(timer);
      s.close();
      resolve(v);
    };
    s.on('message', (m) => done(m));
    s.send(msg, port, host);
  });
}

t.test('UDP over IPv4 and IPv6', async (t) => {
  const handler = new Stub();
  const errors: unknown[] = [];
  const server = new DnsServer({
    listen: [{ address: '127.0.0.1', port: 0, family: 4 }, { address: '::1', port: 0, family: 6 }],
    handler,
    tcp: { maxConnections: 1, idleTimeoutMs: 1000, maxQueries: 0 },
    onError: (e) => errors.push(e),
  });
  await server.start();
  t.teardown(() => server.stop());
  const [v4, v6] = server.addresses;
  t.equal(v4.port, server.addresses[0].port);
  t.same(await ask(v4.port, '127.0.0.1', Buffer.from([1, 2])), Buffer.from([1, 2, 0x99]));
  t.same(await ask(v6.port, '::1', Buffer.from([3])), Buffer.from([3, 0x99]));
  t.same(handler.seen.map((c) => `${c.transport}${c.family}`), ['udp4', 'udp6']);
  t.equal(await ask(v4.port, '127.0.0.1', Buffer.from([0xdd])), null, 'dropped: no answer');
  t.equal(await ask(v4.port, '127.0.0.1', Buffer.from([0xee])), null, 'a throwing handler: no answer');
  t.equal(errors.length, 1, 'and the error is reported');
  t.same(await ask(v4.port, '127.0.0.1', Buffer.from([4])), Buffer.from([4, 0x99]), 'still serving');
});

t.test('each answer goes to the exact address and port it came from (the synchronous send lookup), IPv4 and IPv6', async (t) => {
  const server = new DnsServer({
    listen: [{ address: '127.0.0.1', port: 0, family: 4 }, { address: '::1', port: 0, family: 6 }],
    handler: new Stub(),
    tcp: { maxConnections: 1, idleTimeoutMs: 1000, maxQueries: 0 },
  });
  await server.start();
  t.teardown(() => server.stop());
  const [v4, v6] = server.addresses;
  // Several clients at once, from other loopback addresses too: no answer may reach another client.
  const asks: Promise<Buffer | null>[] = [];
  const want: Buffer[] = [];
  for (let i = 0; i < 8; i++) {
    const v6client = i % 2 === 1;
    const msg = Buffer.from([i + 1, i + 1, i + 1]);
    asks.push(askFrom(v6client ? v6.port : v4.port, v6client ? '::1' : '127.0.0.1', v6client ? '::1' : `127.0.0.${2 + i}`, msg));
    want.push(Buffer.from([...msg, 0x99]));
  }
  t.same(await Promise.all(asks), want);
});

/** Like ask, from a socket bound to `from` (so the server must answer that exact address). */
function askFrom(port: number, host: string, from: string, msg: Buffer, timeoutMs = 1000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (v: Buffer | null) => {
      clearTimeout(timer);
      s.close();
      resolve(v);
    };
    s.on('message', (m, rinfo) => done(rinfo.port === port ? m : null));
    s.bind(0, from, () => s.send(msg, port, host));
  });
}
