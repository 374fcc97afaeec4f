// Properties: on any text the parser never throws and never hangs, only reports; results do not depend on chunking.
import t from 'tap';
import fc from 'fast-check';
import { isSubdomain, parseName } from '../../../src/wire/index.js';
import { HEAD, parseText } from './support.js';

const ZONE = parseName('example.com.', null);

// Pieces of zone file syntax, so random text hits the interesting paths far more often than plain noise would.
const PIECES = [
  ' ', '\t', '\n', '\r\n', '\r', '(', ')', ';', '"', '\\', '\\0', '\\256', '\\"', '$', '@', '.', '*', '#', '\\#',
  'a', 'Z', '0', '9', '1h', '3600', 'IN', 'CH', 'CLASS1', 'A', 'TXT', 'MX', 'SOA', 'NS', 'TYPE1', 'TYPE65535',
  '$TTL', '$ORIGIN', '$INCLUDE', '$FOO', 'example.com.', 'sub', '192.0.2.1', '10', '\u00e9', '\u00ff', '\u0000',
];

const zoneText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((a) => a.join('')),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

const FILES = { 'inc.db': 'x A 192.0.2.9\n$INCLUDE zone.db\n', 'sub/other.db': '( "' };

t.test('never throws, never hangs; problems carry positions; records are in the zone', async (t) => {
  let runs = 0;
  fc.assert(
    fc.property(zoneText, fc.integer({ min: 1, max: 9 }), fc.boolean(), (text, chunkSize, withHead) => {
      runs++;
      const started = Date.now();
      const r = parseText((withHead ? HEAD : '') + text, { files: FILES, chunkSize });
      if (Date.now() - started > 2000) return false;
      for (const p of r.problems) {
        if (p.line < 1 || p.col < 1 || !p.code || !p.message) return false;
      }
      return r.records.every((x) => isSubdomain(x.record.owner, ZONE) && x.line >= 1 && x.col >= 1);
    }),
    { numRuns: 1500 },
  );
  t.equal(runs, 1500);
});

t.test('the result is the same whatever the chunk size', async (t) => {
  fc.assert(
    fc.property(zoneText, fc.integer({ min: 1, max: 17 }), (text, chunkSize) => {
      const whole = parseText(HEAD + text, { files: FILES });
      const cut = parseText(HEAD + text, { files: FILES, chunkSize });
      return JSON.stringify([cut.lines, cut.where, cut.problems.map((p) => p.message)]) ===
        JSON.stringify([whole.lines, whole.where, whole.problems.map((p) => p.message)]);
    }),
    { numRuns: 500 },
  );
  t.pass('chunking does not change records or problems');
});

t.test('a pathological input (one huge unclosed parenthesis) stays linear', async (t) => {
  const started = Date.now();
  const r = parseText(HEAD + 'x TXT ( ' + '"abc" def\n'.repeat(200000), { chunkSize: 4096 });
  t.same(r.where, ['error UNCLOSED_PAREN 5:7']);
  t.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});
