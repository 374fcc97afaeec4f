// Seed capture: a tiny UDP listener on loopback that saves every query it gets (from dig, kdig) into a corpus folder.
// Usage: node dist/fuzz/capture.js <folder> [port] [seconds]   (answers each query with its own header, QR set)
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';

const [dir, portText = '5399', secondsText = '30'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: capture.js <folder> [port] [seconds]');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
const socket = dgram.createSocket('udp4');
let n = 0;
socket.on('message', (msg, rinfo) => {
  const file = path.join(dir, `captured-${String(++n).padStart(3, '0')}.bin`);
  fs.writeFileSync(file, msg);
  // An empty answer with QR set, so the client stops waiting.
  const answer = Buffer.from(msg.subarray(0, 12));
  if (answer.length === 12) {
    answer[2] |= 0x80;
    answer.fill(0, 4, 12);
    socket.send(answer, rinfo.port, rinfo.address);
  }
});
socket.bind(Number(portText), '127.0.0.1', () => console.log(`capturing into ${dir} on 127.0.0.1:${portText}`));
setTimeout(() => {
  socket.close();
  console.log(`${n} queries captured`);
}, Number(secondsText) * 1000);
