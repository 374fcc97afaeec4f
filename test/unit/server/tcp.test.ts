// The TCP transport on loopback with a stub handler: framing across odd chunk boundaries, pipelining, caps, timeouts.
import t from 'tap';
import net from 'node:net';
import { Traffic, type RequestContext, type RequestHandler } from '../../../src/process/index.js';
import { DnsServer, frame, TcpFramer } from '../../../src/server/index.js';

/** Answers every message with itself, QR set; drops those whose first octet is 0xdd (as the pipeline drops). */
class Echo implements RequestHandler {
  seen: RequestContext[] = [];
  handle(req: Uint8Array, ctx: RequestContext): Uint8Array | null {
    this.seen.push(ctx);
    if (req[0] === 0xdd) return null;
    if (req[0] === 0xee) throw new Error('boom');
    const out = Uint8Array.from(req);
    out[2] |= 0x80;
    return out;
  }
}

function msg(id: number, len = 17): Buffer {
  const b = Buffer.alloc(len);
  b.writeUInt16BE(id, 0);
  return b;
}

interface Conn {
  replies: number[];
  closedAt: number | null;
  sock: net.Socket;
}

function connect(port: number, host = '127.0.0.1'): Promise<Conn> {
  return new Promise((resolve) => {
    const c: Conn = { replies: [], closedAt: null, sock: net.connect(port, host, () => resolve(c)) };
    const framer = new TcpFramer();
    c.sock.on('data', (d) => {
      framer.push(d);
      for (let m = framer.next(); m; m = framer.next()) c.replies.push((m[0] << 8) | m[1]);
    });
    c.sock.on('close', () => (c.closedAt = Date.now()));
    c.sock.on('error', () => undefined);
  });
}

const until = async (f: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

async function serve(limits: { maxConnections?: number; idleTimeoutMs?: number; maxQueries?: number; rejectOverflow?: boolean } = {}) {
  const handler = new Echo();
  const errors: unknown[] = [];
  /** What the transport reported to the traffic sink: [kind, address]. */
  const traffic: [number, string | undefined][] = [];
  const server = new DnsServer({
    listen: [{ address: '127.0.0.1', port: 0, family: 4 }, { address: '::1', port: 0, family: 6 }],
    handler,
    tcp: { maxConnections: limits.maxConnections ?? 10, idleTimeoutMs: limits.idleTimeoutMs ?? 5000, maxQueries: limits.maxQueries ?? 0, rejectOverflow: limits.rejectOverflow },
    onError: (e) => errors.push(e),
    traffic: { note: (kind, address) => traffic.push([kind, address]) },
  });
  await server.start();
  return { server, handler, errors, traffic, port: server.addresses[0].port, port6: server.addresses[1].port };
}

t.test('the framer splits and joins at any boundary', async (t) => {
  const stream = Buffer.concat([frame(msg(1)), frame(msg(2, 30)), frame(msg(3, 12))]);
  for (let cut = 0; cut <= stream.length; cut++) {
    const f = new TcpFramer();
    const got: number[] = [];
    for (const part of [stream.subarray(0, cut), stream.subarray(cut)]) {
      f.push(part);
      for (let m = f.next(); m; m = f.next()) got.push((m[0] << 8) | m[1]);
    }
    if (got.join() !== '1,2,3') t.fail(`cut at ${cut}: ${got}`);
  }
  t.pass('every cut');
});

t.test('pipelined queries, sent byte by byte, answered in order; both families', async (t) => {
  const { server, handler, port, port6 } = await serve();
  t.teardown(() => server.stop());
  const c = await connect(port);
  const data = Buffer.concat([1, 2, 3].map((i) => frame(msg(i))));
  for (const b of data) c.sock.write(Buffer.from([b]));
  await until(() => c.replies.length === 3);
  t.same(c.replies, [1, 2, 3]);
  const c6 = await connect(port6, '::1');
  c6.sock.write(frame(msg(9)));
  await until(() => c6.replies.length === 1);
  t.same(handler.seen.map((s) => `${s.transport}${s.family}`).slice(-1), ['tcp6']);
  c.sock.destroy();
  c6.sock.destroy();
});

t.test('a dropped request or a too short message closes the connection; a throwing handler is reported', async (t) => {
  const { server, errors, port, traffic } = await serve();
  t.teardown(() => server.stop());
  const a = await connect(port);
  a.sock.write(Buffer.concat([frame(msg(1)), frame(msg(0xdd00)), frame(msg(2))]));
  await until(() => a.closedAt !== null);
  t.same(a.replies, [1], 'answers before the dropped one are delivered, none after');
  const b = await connect(port);
  b.sock.write(frame(msg(5, 16)));
  await until(() => b.closedAt !== null);
  t.same([b.replies, b.closedAt !== null], [[], true], 'under 17 octets');
  t.same(traffic, [[Traffic.TCP_BAD_LENGTH, '127.0.0.1']], 'the short message is reported, the dropped request is not (the pipeline reports those)');
  const c = await connect(port);
  c.sock.write(frame(msg(0xee00)));
  await until(() => c.closedAt !== null);
  t.equal(errors.length, 1);
});

t.test('tcp-query-count closes after N answers', async (t) => {
  const { server, port } = await serve({ maxQueries: 2 });
  t.teardown(() => server.stop());
  const c = await connect(port);
  c.sock.write(Buffer.concat([1, 2, 3, 4].map((i) => frame(msg(i)))));
  await until(() => c.closedAt !== null);
  t.same(c.replies, [1, 2]);
});

t.test('tcp-count with tcp-reject-overflow: connections beyond the cap are closed at once', async (t) => {
  const { server, port, traffic } = await serve({ maxConnections: 2, rejectOverflow: true });
  t.teardown(() => server.stop());
  const a = await connect(port);
  const b = await connect(port);
  await until(() => server.openTcpConnections === 2);
  const c = await connect(port);
  await until(() => c.closedAt !== null, 1000);
  t.ok(c.closedAt !== null, 'the third is closed');
  t.same(traffic, [[Traffic.TCP_REJECTED, '127.0.0.1']], 'reported as rejected');
  t.equal(a.closedAt, null);
  a.sock.destroy();
  await until(() => server.openTcpConnections === 1);
  const d = await connect(port);
  d.sock.write(frame(msg(4)));
  await until(() => d.replies.length === 1);
  t.same(d.replies, [4], 'a freed slot is used again');
  b.sock.destroy();
  d.sock.destroy();
});

t.test('tcp-count without tcp-reject-overflow: a connection past the cap waits, unread, for a slot (NSD stops accepting)', async (t) => {
  const { server, port, traffic, handler } = await serve({ maxConnections: 2 });
  t.teardown(() => server.stop());
  const a = await connect(port);
  const b = await connect(port);
  // Past half of tcp-count a connection gets NSD's 200 ms timeout: the two holders keep asking so they stay.
  const busy = setInterval(() => [a, b].forEach((x) => x.sock.write(frame(msg(100)))), 50);
  t.teardown(() => clearInterval(busy));
  await until(() => server.openTcpConnections === 2);
  const c = await connect(port);
  c.sock.write(frame(msg(7)));
  await new Promise((r) => setTimeout(r, 600));
  const seenByC = handler.seen.filter((s) => s.port === c.sock.localPort).length;
  t.same([c.closedAt, c.replies, seenByC, traffic], [null, [], 0, []], 'open, its query not read while both slots are taken');
  clearInterval(busy);
  b.sock.destroy();
  await until(() => c.replies.length === 1);
  t.same(c.replies, [7], 'answered once a slot frees');
  t.equal(server.openTcpConnections, 2);
  a.sock.destroy();
  c.sock.destroy();
});

t.test('stop() closes connections still waiting for a slot', async (t) => {
  const { server, port } = await serve({ maxConnections: 1 });
  const a = await connect(port);
  await until(() => server.openTcpConnections === 1);
  const w = await connect(port);
  await server.stop(500);
  await until(() => w.closedAt !== null && a.closedAt !== null, 1000);
  t.ok(w.closedAt !== null && a.closedAt !== null, 'both closed');
});

t.test('tcp-timeout closes idle connections; stop() ends open ones', async (t) => {
  const { server, port, traffic } = await serve({ idleTimeoutMs: 300 });
  const c = await connect(port);
  const opened = Date.now();
  await until(() => c.closedAt !== null, 2000);
  t.ok(c.closedAt !== null && c.closedAt - opened >= 250, 'closed when idle');
  t.same(traffic, [[Traffic.TCP_TIMEOUT, '127.0.0.1']], 'reported as a timeout');
  const d = await connect(port);
  d.sock.write(frame(msg(1)));
  await until(() => d.replies.length === 1);
  const stopping = Date.now();
  await server.stop(2000);
  await until(() => d.closedAt !== null, 1000);
  t.ok(d.closedAt !== null, 'the open connection was ended');
  t.ok(Date.now() - stopping < 1500, 'stop() did not wait for the idle timeout');
});

t.test('a port that is taken is a BIND error and nothing stays open', async (t) => {
  const { server, port } = await serve();
  t.teardown(() => server.stop());
  const other = new DnsServer({ listen: [{ address: '127.0.0.1', port, family: 4 }], handler: new Echo(), tcp: { maxConnections: 1, idleTimeoutMs: 1000, maxQueries: 0 } });
  await t.rejects(other.start(), { code: 'BIND' });
});
