// The floor: a bare node:dgram server that looks the question bytes up in a Map of ready answers and sends them.
// No decoding and no DNS logic, so its cost per query is what node:dgram itself costs (issue 7): no JavaScript
// server on this stack can do better. Run: node floor-server.js <answers-file> <port> [sync-lookup]
import dgram from 'node:dgram';
import fs from 'node:fs';

/** The answers file: repeated [u16 key length][key: question octets][u16 answer length][answer octets]. */
export function readAnswers(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  const map = new Map<string, Buffer>();
  let at = 0;
  while (at + 2 <= buf.length) {
    const klen = buf.readUInt16BE(at);
    const key = buf.toString('latin1', at + 2, at + 2 + klen);
    at += 2 + klen;
    const alen = buf.readUInt16BE(at);
    map.set(key, buf.subarray(at + 2, at + 2 + alen));
    at += 2 + alen;
  }
  return map;
}

/** Where the question section ends: past the name's labels, the root octet, QTYPE and QCLASS. */
export function questionEnd(msg: Uint8Array): number {
  let at = 12;
  while (at < msg.length && msg[at] !== 0) at += msg[at] + 1;
  return at + 5;
}

/**
 * dgram's `lookup` socket option, answering synchronously. An unconnected socket's send() resolves the
 * destination through dns.lookup even for an IP literal (an isIP test and a process.nextTick hop per
 * datagram); the address in rinfo is always a literal, so the bench's variant skips all of that.
 */
function literalLookup(host: string, _opts: unknown, cb: (err: Error | null, address: string, family: number) => void): void {
  cb(null, host, 4);
}

function serve(answers: Map<string, Buffer>, port: number, syncLookup: boolean): void {
  const sock = dgram.createSocket(syncLookup ? { type: 'udp4', lookup: literalLookup as never } : { type: 'udp4' });
  sock.on('message', (msg, rinfo) => {
    const ready = answers.get(msg.toString('latin1', 12, questionEnd(msg)));
    if (ready === undefined) return;
    // A fresh copy per send: the send may complete after the next message has arrived.
    const out = Buffer.allocUnsafe(ready.length);
    ready.copy(out);
    out[0] = msg[0];
    out[1] = msg[1];
    sock.send(out, rinfo.port, rinfo.address);
  });
  sock.bind(port, '127.0.0.1', () => process.stdout.write(`floor ready on ${port} with ${answers.size} answers\n`));
  process.on('SIGTERM', () => sock.close(() => process.exit(0)));
}

if (process.argv[1]?.endsWith('floor-server.js')) {
  const [file, port, variant] = process.argv.slice(2);
  serve(readAnswers(file), Number(port), variant === 'sync-lookup');
}
