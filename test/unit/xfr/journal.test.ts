// The journal: ixfr-number and ixfr-size bounds, chain restarts, byte round trip, and damaged files rejected whole.
import { createHash } from 'node:crypto';
import t from 'tap';
import { computeDiff, decodeJournal, type Diff, diffSize, encodeJournal, Journal } from '../../../src/xfr/index.js';
import { n, ORIGIN, sortedTexts, zoneOf, zoneText } from './support.js';

/** Versions 1..count of a zone, each adding one host. */
function versions(count: number): ReturnType<typeof zoneOf>[] {
  const out = [];
  for (let v = 1; v <= count; v++) {
    const lines = [];
    for (let i = 1; i < v; i++) lines.push(`h${i} 300 IN A 192.0.2.${i}`);
    out.push(zoneOf(zoneText(v, lines)));
  }
  return out;
}

function chain(count: number): Diff[] {
  const vs = versions(count);
  return vs.slice(1).map((z, i) => computeDiff(vs[i], z));
}

t.test('bounded by ixfr-number: the oldest go first', async (t) => {
  const j = new Journal(ORIGIN, { ixfrNumber: 3, ixfrSize: 0 });
  for (const d of chain(7)) t.equal(j.add(d), 'added');
  t.equal(j.length, 3);
  t.equal(j.firstSerial, 4);
  t.equal(j.lastSerial, 7);
  t.equal(j.chainFrom(3), null, 'dropped');
  t.same(j.chainFrom(5)?.map((d) => d.oldSerial), [5, 6]);
  t.same(j.chainFrom(7), null, 'nothing starts at the newest serial');
});

t.test('bounded by ixfr-size', async (t) => {
  const diffs = chain(6);
  const one = diffSize(diffs[0]);
  const j = new Journal(ORIGIN, { ixfrNumber: 100, ixfrSize: one * 2 + 10 });
  for (const d of diffs) j.add(d);
  t.ok(j.size <= one * 2 + 10);
  t.equal(j.length, 2);
  t.equal(j.lastSerial, 6);
  const tiny = new Journal(ORIGIN, { ixfrNumber: 5, ixfrSize: 10 });
  t.equal(tiny.add(diffs[0]), 'too-large');
  t.equal(tiny.length, 0);
});

t.test('a difference that does not continue the chain restarts it; others are refused', async (t) => {
  const diffs = chain(5);
  const j = new Journal(ORIGIN);
  j.add(diffs[0]);
  j.add(diffs[1]);
  t.equal(j.add(diffs[3]), 'restarted');
  t.equal(j.length, 1);
  t.equal(j.firstSerial, 4);
  t.equal(j.add({ ...diffs[0], newSerial: 1 }), 'not-newer');
  t.equal(new Journal(ORIGIN, { ixfrNumber: 0, ixfrSize: 0 }).add(diffs[0]), 'disabled');
  t.equal(j.diffs.length, 1);
  j.clear();
  t.equal(j.length, 0);
  t.equal(j.size, 0);
});

t.test('round trip through bytes', async (t) => {
  const j = new Journal(ORIGIN, { ixfrNumber: 10, ixfrSize: 0 }, chain(5));
  const bytes = encodeJournal(j);
  const back = decodeJournal(bytes, n('EXAMPLE.com.'), { ixfrNumber: 10, ixfrSize: 0 });
  t.equal(back.length, 4);
  for (let i = 0; i < 4; i++) {
    const a = j.diffs[i];
    const b = back.diffs[i];
    t.equal(b.oldSerial, a.oldSerial);
    t.equal(b.newSerial, a.newSerial);
    t.same(sortedTexts(b.removed), sortedTexts(a.removed));
    t.same(sortedTexts(b.added), sortedTexts(a.added));
    t.same(sortedTexts([b.oldSoa, b.newSoa]), sortedTexts([a.oldSoa, a.newSoa]));
  }
  t.same(encodeJournal(decodeJournal(bytes, ORIGIN, { ixfrNumber: 10, ixfrSize: 0 })), bytes, 'encoding is deterministic');
  const fewer = decodeJournal(bytes, ORIGIN, { ixfrNumber: 2, ixfrSize: 0 });
  t.equal(fewer.length, 2, 'the limits in force are applied on load');
  const empty = decodeJournal(encodeJournal(new Journal(ORIGIN)), ORIGIN);
  t.equal(empty.length, 0);
});

/** Replaces the checksum so only the content check can catch the damage. */
function resum(b: Uint8Array): Uint8Array {
  const out = b.slice();
  const body = out.subarray(0, out.length - 32);
  out.set(createHash('sha256').update(body).digest(), out.length - 32);
  return out;
}

t.test('damaged journals are rejected whole, with a clear code', async (t) => {
  const bytes = encodeJournal(new Journal(ORIGIN, undefined, chain(4)));
  for (const at of [0, 9, 20, Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
    const bad = bytes.slice();
    bad[at] ^= 0x20;
    t.throws(() => decodeJournal(bad, ORIGIN), { name: 'XfrError' }, `a flipped bit at ${at}`);
  }
  const flipped = bytes.slice();
  flipped[Math.floor(bytes.length / 2)] ^= 1;
  t.throws(() => decodeJournal(flipped, ORIGIN), { code: 'JOURNAL_CHECKSUM' });
  t.throws(() => decodeJournal(bytes.subarray(0, bytes.length - 5), ORIGIN), { code: 'JOURNAL_CHECKSUM' }, 'cut short');
  t.throws(() => decodeJournal(bytes.subarray(0, 20), ORIGIN), { code: 'JOURNAL_TRUNCATED' });
  t.throws(() => decodeJournal(new Uint8Array(100), ORIGIN), { code: 'JOURNAL_BAD_MAGIC' });
  const v2 = bytes.slice();
  v2[9] = 2;
  t.throws(() => decodeJournal(resum(v2), ORIGIN), { code: 'JOURNAL_BAD_VERSION' });
  t.throws(() => decodeJournal(bytes, n('example.net.')), { code: 'JOURNAL_WRONG_ZONE' });
  // Damage behind a valid checksum (a buggy writer): the content checks still refuse it.
  const counted = bytes.slice();
  const countAt = 12 + 1 + ORIGIN.wire.length;
  counted[countAt + 3] += 1; // one difference more than present
  t.throws(() => decodeJournal(resum(counted), ORIGIN), { code: 'JOURNAL_CORRUPT' });
  const trailing = new Uint8Array(bytes.length + 3);
  trailing.set(bytes.subarray(0, bytes.length - 32));
  t.throws(() => decodeJournal(resum(trailing), ORIGIN), { code: 'JOURNAL_CORRUPT' }, 'octets after the last difference');
  const serial = bytes.slice();
  serial[countAt + 4 + 3] ^= 1; // the first difference's old serial no longer matches its SOA
  t.throws(() => decodeJournal(resum(serial), ORIGIN), { code: 'JOURNAL_CORRUPT' });
});
