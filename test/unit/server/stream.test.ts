// Multi-message answers over TCP with back-pressure, and the outbound requester (UDP and TCP) with the real clock.
import t from 'tap';
import dgram from 'node:dgram';
import net from 'node:net';
import type { RequestContext, RequestHandler, TcpResponse } from '../../../src/process/index.js';
import { DnsServer, frame, NetRequester, SystemClock, TcpFramer } from '../../../src/server/index.js';

const MESSAGES = 400;
const SIZE = 60000;

/** Answers 0xaa.. requests with a stream of MESSAGES big messages (counting how many were made), others with one echo. */
class Streamer implements RequestHandler {
  made = 0;
  ctx: RequestContext | null = null;
  handle(): Uint8Array | null {
    throw new Error('handleTcp should be used');
  }
  handleTcp(req: Uint8Array, ctx: RequestContext): TcpResponse {
    this.ctx = ctx;
    if (req[0] !== 0xaa) return Uint8Array.from(req);
    const self = this;
    return (function* () {
      for (let i = 0; i < MESSAGES; i++) {
        self.made++;
        const m = new Uint8Array(SIZE);
        m[0] = 0xaa;
        m[1] = i & 0xff;
        yield m;
      }
    })();
  }
}

function msg(first: number): Buffer {
  const b = Buffer.alloc(17);
  b[0] = first;
  return Buffer.from(frame(b));
}

t.test('a transfer is written as the client reads it, and the next request waits its turn', async (t) => {
  const handler = new Streamer();
  const server = new DnsServer({ listen: [{ address: '127.0.0.1', port: 0, family: 4 }], handler, tcp: { maxConnections: 5, idleTimeoutMs: 10000, maxQueries: 0 } });
  await server.start();
  t.teardown(() => server.stop(0));
  const sock = net.connect(server.addresses[0].port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  sock.pause(); // a slow reader
  sock.write(Buffer.concat([msg(0xaa), msg(0x01)]));
  await new Promise((r) => setTimeout(r, 300));
  t.ok(handler.made < MESSAGES / 2, `only ${handler.made} of ${MESSAGES} messages made while the client does not read`);
  t.match(handler.ctx, { transport: 'tcp', family: 4, address: '127.0.0.1' }, 'the client address reaches the pipeline');
  const firsts: number[] = [];
  const framer = new TcpFramer();
  const done = new Promise<void>((resolve) => {
    sock.on('data', (d) => {
      framer.push(d);
      for (let m = framer.next(); m; m = framer.next()) firsts.push(m[0]);
      if (firsts.length === MESSAGES + 1) resolve();
    });
  });
  sock.resume();
  await done;
  sock.destroy();
  t.equal(handler.made, MESSAGES);
  t.same(firsts.slice(MESSAGES - 1), [0xaa, 0x01], 'the stream in full, then the answer to the request after it');
});

t.test('the requester over UDP takes the answer with the right ID from the peer', async (t) => {
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => peer.close());
  peer.on('message', (m, rinfo) => {
    const wrong = Buffer.from(m);
    wrong[0] ^= 0xff;
    wrong[2] |= 0x80;
    const right = Buffer.from(m);
    right[2] |= 0x80;
    peer.send(wrong, rinfo.port, rinfo.address);
    setTimeout(() => peer.send(right, rinfo.port, rinfo.address), 20);
  });
  const query = new Uint8Array(17);
  query[0] = 0x12;
  query[1] = 0x34;
  const answers: Uint8Array[] = [];
  for await (const a of new NetRequester().exchange({ address: '127.0.0.1', port: peer.address().port }, query, 'udp')) answers.push(a);
  t.equal(answers.length, 1);
  t.same([answers[0][0], answers[0][1], answers[0][2] & 0x80], [0x12, 0x34, 0x80]);
});

t.test('the requester over TCP: every framed answer until the peer closes; return() closes at once', async (t) => {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((s) => {
    sockets.push(s);
    const f = new TcpFramer();
    s.on('data', (d) => {
      f.push(d);
      const q = f.next();
      if (!q) return;
      if (q[0] === 0x01) {
        for (let i = 0; i < 3; i++) s.write(frame(Uint8Array.of(0x01, i, 0x80, ...new Uint8Array(14))));
        s.end();
      }
      // 0x02: never answered
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => srv.close());
  const port = (srv.address() as net.AddressInfo).port;
  const req = new NetRequester();
  const got: number[] = [];
  for await (const a of req.exchange({ address: '127.0.0.1', port }, Uint8Array.of(0x01, 0, ...new Uint8Array(15)), 'tcp')) got.push(a[1]);
  t.same(got, [0, 1, 2]);
  const it = req.exchange({ address: '127.0.0.1', port }, Uint8Array.of(0x02, 0, ...new Uint8Array(15)), 'tcp')[Symbol.asyncIterator]();
  const pending = it.next();
  while (sockets.length < 2) await new Promise((r) => setTimeout(r, 10));
  await it.return?.();
  t.same(await pending, { value: undefined, done: true }, 'the waiting next() ends');
  const end = Date.now() + 3000;
  while (!(sockets[1].destroyed || sockets[1].readableEnded) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  t.ok(sockets[1].destroyed || sockets[1].readableEnded, 'the connection is closed');
  const refused = req.exchange({ address: '127.0.0.1', port: 1 }, Uint8Array.of(0x03, 0, ...new Uint8Array(15)), 'tcp')[Symbol.asyncIterator]();
  await t.rejects(refused.next(), { code: 'ECONNREFUSED' }, 'a refused connection rejects next()');
});

t.test('the system clock: timers fire, can be cleared, and do not hold the process', async (t) => {
  const c = new SystemClock();
  const fired: number[] = [];
  c.setTimer(10, () => fired.push(1));
  const h = c.setTimer(20, () => fired.push(2));
  c.clearTimer(h);
  await new Promise((r) => setTimeout(r, 60));
  t.same(fired, [1]);
  t.ok(Math.abs(c.now() - Date.now()) < 5);
});
