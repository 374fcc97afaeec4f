// TTL text: NSD's strtottl (digits, s/m/h/d/w units in any case, uint32 wrap) and its limits.
import t from 'tap';
import { parseTtl } from '../../../src/zonefile/index.js';

t.test('values as NSD 4.6 reads them', async (t) => {
  const cases: Array<[string, number]> = [
    ['0', 0], ['3600', 3600], ['07', 7], ['1s', 1], ['1m', 60], ['1h', 3600], ['1d', 86400], ['1w', 604800],
    ['1H', 3600], ['1W2D', 777600], ['1w2d3h4m5s', 788645], ['1h30', 3630], ['5s5', 10], ['1h1h', 7200],
    ['h', 0], ['2147483647', 2147483647], ['4294967295', 4294967295], ['4294967296', 0], ['99999999999', 1215752191],
    ['4294967296h', 0],
  ];
  for (const [text, v] of cases) t.equal(parseTtl(text), v, text);
});

t.test('not a TTL', async (t) => {
  for (const text of ['', '1x', '-1', '+5', '1 h', '1.5', 'IN', '\u00e9', '1h\u0131']) t.equal(parseTtl(text), -1, JSON.stringify(text));
});
