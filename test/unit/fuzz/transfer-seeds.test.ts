// The transfer-stream fuzz seeds are complete transfers for their modes, so mutation starts from streams that reach the end.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { frames, ID, now, ORIGIN, situationOf, target } from '../../../fuzz/targets/transfer-stream.js';
import { TsigResponseVerifier } from '../../../src/tsig/index.js';
import { conclude, TransferAttempt } from '../../../src/xfr/index.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fuzz/corpus/transfer-stream');

/** What reading a seed gives: the outcome's kind and serial, or the failure's code. */
function outcome(input: Uint8Array): string {
  const s = situationOf(input[0]);
  const a = new TransferAttempt({
    origin: ORIGIN, qtype: s.qtype, id: ID, serial: s.current?.serial ?? null, transport: s.transport, sizeLimit: s.sizeLimit,
    verifier: s.signed ? new TsigResponseVerifier(s.signed, now) : null,
  });
  for (const m of s.transport === 'udp' ? [input.subarray(1)] : frames(input.subarray(1))) {
    const end = a.push(m);
    if (end === null) continue;
    if (!end.ok) return end.error.code;
    const out = conclude(s.current, end);
    return out.ok ? `${out.kind} ${out.serial}` : out.error.code;
  }
  return 'incomplete';
}

const EXPECTED: Record<string, string> = {
  'axfr.bin': 'axfr 2', 'axfr-one-message.bin': 'axfr 2', 'axfr-tsig.bin': 'axfr 2', 'axfr-over-size-limit.bin': 'SIZE_LIMIT',
  'axfr-holding-copy.bin': 'axfr 3', 'ixfr.bin': 'ixfr 2', 'ixfr-tsig.bin': 'ixfr 2', 'ixfr-chain.bin': 'ixfr 3',
  'ixfr-axfr-style.bin': 'axfr 2', 'ixfr-up-to-date.bin': 'uptodate 1', 'ixfr-udp.bin': 'ixfr 2',
};

t.test('every seed reads to the end it was made for', async (t) => {
  const files = fs.readdirSync(dir).sort();
  t.same(files, Object.keys(EXPECTED).sort(), 'the seed set');
  for (const f of files) {
    const input = new Uint8Array(fs.readFileSync(path.join(dir, f)));
    t.equal(outcome(input), EXPECTED[f], f);
    t.doesNotThrow(() => target.run(input), `${f} through the target`);
  }
});

t.test('a signed seed with a changed MAC fails as TSIG', async (t) => {
  const signed = new Uint8Array(fs.readFileSync(path.join(dir, 'axfr-tsig.bin')));
  const forged = signed.slice();
  forged[forged.length - 10] ^= 0xff; // inside the last message's MAC
  t.equal(outcome(forged), 'TSIG');
});
