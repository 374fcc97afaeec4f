// parseIpv4's one-pass scanner against the plain reading of inet_pton's rules (split, digits, no leading zero).
import t from 'tap';
import fc from 'fast-check';
import { parseIpv4 } from '../../../src/wire/rdata-addr.js';

/** The rule as stated: four parts of 1-3 ASCII digits, no leading zero, each at most 255. */
function reference(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    if (Number(p) > 255) return undefined;
    out.push(Number(p));
  }
  return out;
}

const got = (s: string): number[] | undefined => {
  const b = parseIpv4(s);
  return b === undefined ? undefined : Array.from(b);
};

t.test('examples', async (t) => {
  t.same(got('192.0.2.1'), [192, 0, 2, 1]);
  t.same(got('0.0.0.0'), [0, 0, 0, 0]);
  t.same(got('255.255.255.255'), [255, 255, 255, 255]);
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '1.2.3.', '.1.2.3', '1..2.3', '01.2.3.4', '1.2.3.00', '256.1.1.1', '1.2.3.4 ', '1.2.3.+4', '1.2.3.1000', '١.2.3.4', '0x1.2.3.4']) {
    t.equal(parseIpv4(bad), undefined, JSON.stringify(bad));
  }
});

t.test('property: the same verdict and octets as the reference', async (t) => {
  const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^[0-9.]{0,4}$/), fc.constantFrom('', '0', '00', '01', '255', '256', 'a', ' '));
  const text = fc.oneof(fc.array(part, { minLength: 1, maxLength: 6 }).map((a) => a.join('.')), fc.string({ maxLength: 16 }));
  fc.assert(fc.property(text, (s) => JSON.stringify(got(s)) === JSON.stringify(reference(s))), { numRuns: 20000 });
});
