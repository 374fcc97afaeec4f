// Bad traffic for the soak: random UDP datagrams and malformed, stalled and idle TCP connections, sent to loopback for as long as it runs.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';

/** How much of each kind was sent. */
export interface BadCounts {
  udpRandom: number;
  tcpZeroLength: number;
  tcpOversized: number;
  tcpRandom: number;
  idleOpened: number;
  slowlorisBytes: number;
}

export interface BadTraffic {
  readonly counts: BadCounts;
  stop(): void;
}

const framed = (m: Uint8Array): Buffer => Buffer.concat([Buffer.from([m.length >> 8, m.length & 0xff]), m]);

/**
 * Starts every generator against 127.0.0.1@port: 100 random datagrams a second (1 to 600 octets),
 * and every 200 ms one TCP connection in turn with a zero-length frame, an oversized length prefix
 * (65535, then 100 octets and silence) or random octets; `idle` connections held open and opened
 * again when the server closes them (tcp-timeout); one slowloris writing a valid query an octet
 * every 500 ms, again and again. Nothing waits for an answer: this is load the server must shed.
 */
export function startBadTraffic(port: number, idle = 20): BadTraffic {
  const counts: BadCounts = { udpRandom: 0, tcpZeroLength: 0, tcpOversized: 0, tcpRandom: 0, idleOpened: 0, slowlorisBytes: 0 };
  const sockets = new Set<net.Socket>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const udp = dgram.createSocket('udp4');
  udp.on('error', () => undefined);
  udp.on('message', () => undefined); // answers (FORMERR) are read and dropped

  const open = (onOpen: (s: net.Socket) => void): net.Socket => {
    const s = net.connect({ host: '127.0.0.1', port }, () => onOpen(s));
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('data', () => undefined);
    s.on('close', () => sockets.delete(s));
    return s;
  };

  timers.push(setInterval(() => {
    udp.send(crypto.randomBytes(1 + crypto.randomInt(600)), port, '127.0.0.1');
    counts.udpRandom++;
  }, 10));

  let turn = 0;
  timers.push(setInterval(() => {
    const kind = turn++ % 3;
    open((s) => {
      if (kind === 0) {
        s.end(Buffer.from([0, 0]));
        counts.tcpZeroLength++;
      } else if (kind === 1) {
        s.write(Buffer.concat([Buffer.from([0xff, 0xff]), crypto.randomBytes(100)])); // left for the server's timeout
        counts.tcpOversized++;
      } else {
        s.end(crypto.randomBytes(2 + crypto.randomInt(300)));
        counts.tcpRandom++;
      }
    });
  }, 200));

  const keepIdle = (): void => {
    if (stopped) return;
    counts.idleOpened++;
    open(() => undefined).once('close', () => setTimeout(keepIdle, 100));
  };
  for (let i = 0; i < idle; i++) keepIdle();

  const query = framed(dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'www.example.com', type: 'A' }] }));
  const slowloris = (): void => {
    if (stopped) return;
    let at = 0;
    const s = open(() => undefined);
    const drip = setInterval(() => {
      if (s.destroyed || at >= query.length) return clearInterval(drip);
      s.write(query.subarray(at, ++at));
      counts.slowlorisBytes++;
    }, 500);
    timers.push(drip);
    s.once('close', () => {
      clearInterval(drip);
      setTimeout(slowloris, 100);
    });
  };
  slowloris();

  return {
    counts,
    stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      udp.close();
    },
  };
}
