// The floor server's ready answers: NSD's own answer to every distinct question of the query mixes.
import dgram from 'node:dgram';
import fs from 'node:fs';
import dnsPacket from 'dns-packet';
import { questionEnd } from './floor-server.js';

/** Distinct "name type" lines over the given dnsperf input files. */
export function distinctQuestions(files: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (line.trim() !== '') seen.add(line.trim());
  }
  return [...seen];
}

/** The query dnsperf sends for a line, without EDNS (the bench runs dnsperf without -e) and with RD set. */
function queryFor(line: string, id: number): Buffer {
  const [name, type] = line.split(/\s+/);
  return dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type: type as dnsPacket.RecordType }] });
}

/**
 * Asks the server at 127.0.0.1:port every question, 100 in flight, and resolves with question octets ->
 * answer. Retries the unanswered ones a few times: loopback UDP can drop under a burst.
 */
export async function collectAnswers(port: number, lines: readonly string[], deadlineMs = 120000): Promise<Map<string, Buffer>> {
  const sock = dgram.createSocket('udp4');
  const answers = new Map<string, Buffer>();
  const pending = new Map<number, string>();
  sock.on('message', (msg) => {
    const key = pending.get(msg.readUInt16BE(0));
    if (key === undefined) return;
    pending.delete(msg.readUInt16BE(0));
    answers.set(key, msg);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const end = Date.now() + deadlineMs;
  try {
    for (let pass = 0; pass < 5 && answers.size < lines.length && Date.now() < end; pass++) {
      const todo = lines.map((l) => queryFor(l, 0)).filter((q) => !answers.has(keyOf(q)));
      await sendWindowed(sock, port, todo, pending, end);
    }
  } finally {
    sock.close();
  }
  if (answers.size < lines.length) throw new Error(`the reference server answered ${answers.size} of ${lines.length} questions`);
  return answers;
}

function keyOf(q: Uint8Array): string {
  return Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('latin1', 12, questionEnd(q));
}

async function sendWindowed(sock: dgram.Socket, port: number, queries: Buffer[], pending: Map<number, string>, end: number): Promise<void> {
  const WINDOW = 100;
  for (let i = 0; i < queries.length && Date.now() < end; i += WINDOW) {
    const batch = queries.slice(i, i + WINDOW);
    pending.clear();
    for (const q of batch) {
      // IDs are unique within one batch (the batch is far smaller than 65536), so the reply finds its key.
      q.writeUInt16BE(pending.size, 0);
      pending.set(pending.size, keyOf(q));
      sock.send(q, port, '127.0.0.1');
    }
    const stop = Date.now() + 500;
    while (pending.size > 0 && Date.now() < stop) await new Promise((r) => setTimeout(r, 2));
  }
}

/** Writes the answers in the floor server's format (see readAnswers in floor-server.ts). */
export function writeAnswers(file: string, answers: Map<string, Buffer>): void {
  const parts: Buffer[] = [];
  for (const [key, answer] of answers) {
    const k = Buffer.from(key, 'latin1');
    const head = Buffer.alloc(2);
    head.writeUInt16BE(k.length);
    const alen = Buffer.alloc(2);
    alen.writeUInt16BE(answer.length);
    parts.push(head, k, alen, answer);
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}
