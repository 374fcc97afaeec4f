// Test support for tsig/: keys, queries, a tiny signing responder, loopback UDP/TCP listeners, and running dig/kdig.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import {
  decodeMessage, FLAG, MessageWriter, parseName, RCODE, rdataFromText, type Name, type ResourceRecord, SECTION, TYPE,
} from '../../../src/wire/index.js';
import {
  createTsigKey, signResponse, type TsigKey, type TsigKeyring, TsigStreamSigner, tsigResponseSize, verifyRequest,
} from '../../../src/tsig/index.js';

export const ALGORITHMS = ['hmac-md5', 'hmac-sha1', 'hmac-sha224', 'hmac-sha256', 'hmac-sha384', 'hmac-sha512'] as const;
/** A 32-octet secret in base64. */
export const SECRET = 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=';
export const OTHER_SECRET = 'c2VjcmV0IHRoYXQgaXMgbm90IHRoZSByaWdodCBvbmU=';
/** A fixed clock for the unit tests: 2023-11-14T22:13:20Z. */
export const NOW = 1700000000;
export const clock = (): number => NOW;

export function n(text: string): Name {
  return parseName(text, null);
}

export function key(alg = 'hmac-sha256', name = 'tsig-key.example.', secret = SECRET): TsigKey {
  return createTsigKey(name, alg, secret);
}

/** A record from presentation text: rr('example.com.', 'SOA', 'ns1 admin 1 2 3 4 5'). */
export function rr(owner: string, type: keyof typeof TYPE, text: string, ttl = 3600): ResourceRecord {
  const o = n(owner);
  const tokens = text.split(' ').map((t) => ({ text: t, quoted: false }));
  return { owner: o, type: TYPE[type], class: 1, ttl, rdata: rdataFromText(TYPE[type], tokens, o) };
}

/** An unsigned query, finished: id, one question, optionally an OPT. */
export function query(qname = 'example.com.', qtype: number = TYPE.SOA, id = 0x1234, edns = false): Uint8Array {
  const w = new MessageWriter(512);
  w.setId(id);
  w.setFlags(FLAG.RD);
  if (edns) w.setEdns({ udpSize: 1232 });
  w.addQuestion(n(qname), qtype, 1);
  return w.finish().slice();
}

/**
 * What a signing server answers: the request's TSIG checked with `keyring`, the question echoed, the
 * records from `answer` on success, the TSIG error rcode otherwise, signed as RFC 8945 5.3 says.
 */
export function respond(req: Uint8Array, keyring: TsigKeyring, now: () => number, answer: (qname: Name) => ResourceRecord[]): Uint8Array {
  const v = verifyRequest(req, keyring, now);
  const m = decodeMessage(req);
  const w = new MessageWriter(4096);
  w.setId(m.header.id);
  w.setFlags(FLAG.QR | FLAG.AA | (m.header.rd ? FLAG.RD : 0) | (m.header.opcode << 11));
  w.setRcode(v && !v.ok ? v.rcode : RCODE.NOERROR);
  const q = m.questions[0];
  w.addQuestion(q.qname, q.qtype, q.qclass);
  if (v) w.reserve(tsigResponseSize(v));
  if (!v || v.ok) for (const r of answer(q.qname)) w.addRecord(r, SECTION.ANSWER);
  const out = v ? signResponse(w, v, now) : w.finish();
  if (!out) throw new Error('TSIG did not fit');
  return out.slice();
}

/**
 * An AXFR answer split over messages of `perMessage` records each (SOA first and last, RFC 5936 2.2),
 * every message signed by one TsigStreamSigner (or the unsigned error answer when the TSIG fails).
 */
export function axfrMessages(req: Uint8Array, keyring: TsigKeyring, now: () => number, records: ResourceRecord[], perMessage: number): Uint8Array[] {
  const v = verifyRequest(req, keyring, now);
  if (!v || !v.ok) return [respond(req, keyring, now, () => [])];
  const m = decodeMessage(req);
  const q = m.questions[0];
  const signer = new TsigStreamSigner(v, now);
  const out: Uint8Array[] = [];
  for (let i = 0; i < records.length; i += perMessage) {
    const w = new MessageWriter(65535);
    w.setId(m.header.id);
    w.setFlags(FLAG.QR | FLAG.AA);
    if (i === 0) w.addQuestion(q.qname, q.qtype, q.qclass); // RFC 5936 2.2.1: the question in the first message only
    w.reserve(signer.reserveSize);
    for (const r of records.slice(i, i + perMessage)) if (!w.addRecord(r, SECTION.ANSWER)) throw new Error('AXFR record did not fit');
    const signed = signer.sign(w);
    if (!signed) throw new Error('TSIG did not fit');
    out.push(signed.slice());
  }
  return out;
}

export interface Listener {
  readonly port: number;
  readonly requests: Uint8Array[];
  close(): Promise<void>;
}

/** A UDP responder on 127.0.0.1 (an ephemeral port): every datagram goes to `handle`, its result is sent back. */
export async function udpListener(handle: (req: Uint8Array) => Uint8Array | null, port = 0): Promise<Listener> {
  const sock = dgram.createSocket('udp4');
  const requests: Uint8Array[] = [];
  sock.on('message', (msg, rinfo) => {
    requests.push(new Uint8Array(msg));
    const reply = handle(new Uint8Array(msg));
    if (reply) sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, '127.0.0.1', () => resolve());
  });
  return { port: sock.address().port, requests, close: () => new Promise<void>((resolve) => sock.close(() => resolve())) };
}

/** A TCP responder on 127.0.0.1: each framed request (RFC 1035 4.2.2) gets the framed messages `handle` returns. */
export async function tcpListener(handle: (req: Uint8Array) => Uint8Array[]): Promise<Listener> {
  const requests: Uint8Array[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    let acc = Buffer.alloc(0);
    s.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        const req = new Uint8Array(acc.subarray(2, 2 + acc.readUInt16BE(0)));
        acc = acc.subarray(2 + req.length);
        requests.push(req);
        for (const m of handle(req)) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(m.length, 0);
          s.write(Buffer.concat([len, m]));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return { port, requests, close };
}

/** Runs a command with a deadline; resolves with its output (stdout and stderr together) and exit code. */
export function run(cmd: string, args: string[], timeoutMs = 10000): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number | null) ?? 1 : 0;
      resolve({ out: `${stdout}${stderr}`, code: typeof code === 'number' ? code : 1 });
    });
  });
}

/**
 * Sends one request over TCP and collects the framed replies until the answer holds two SOA records (the
 * end of an AXFR, RFC 5936 2.2), a reply has a non-zero rcode, the server closes, or the deadline passes.
 */
export function tcpAxfr(port: number, req: Uint8Array, timeoutMs = 10000): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const replies: Uint8Array[] = [];
    let soas = 0;
    let acc = Buffer.alloc(0);
    const sock = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => finish(), timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      sock.destroy();
      resolve(replies);
    }
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(req.length, 0);
      sock.write(Buffer.concat([len, req]));
    });
    sock.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      while (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        const m = new Uint8Array(acc.subarray(2, 2 + acc.readUInt16BE(0)));
        acc = acc.subarray(2 + m.length);
        replies.push(m);
        const dm = decodeMessage(m);
        soas += dm.answers.filter((a) => a.type === TYPE.SOA).length;
        if (soas >= 2 || dm.header.rcode !== 0) return finish();
      }
    });
    sock.on('error', () => finish());
    sock.on('close', () => finish());
  });
}
