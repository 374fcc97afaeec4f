// tsdns-checkzone's DNSSEC warnings: RRSIG validity against the clock, NSEC and NSEC3 chains, on the signed fixtures.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { checkzone } from '../../../src/cli/checkzone-command.js';
import { checkSignedZone } from '../../../src/dnssec/index.js';
import { FIXTURE_DIR } from '../../query/dnssec-golden.js';
import { zoneFromText } from '../../query/helpers.js';

const text = (file: string) => fs.readFileSync(path.join(FIXTURE_DIR, file), 'latin1');
// The fixtures are signed from 2025-01-01 to 2045-01-01 (test/query/dnssec-verify.ts).
const NOW = Date.UTC(2030, 0, 1) / 1000;
const codes = (zone: string, file: string, now = NOW) => checkSignedZone(zoneFromText(zone, text(file)), now).map((w) => w.code);
const without = (file: string, re: RegExp) => text(file).split('\n').filter((l) => !re.test(l)).join('\n');
const check = (z: string, now = NOW) => checkSignedZone(zoneFromText('example.', z), now);

t.test('the signed fixtures are clean', async (t) => {
  for (const f of ['example.nsec', 'example.nsec3', 'example.optout']) t.same(codes('example.', f), [], f);
  t.same(codes('secure.example.', 'secure.example.signed'), []);
});

t.test('RRSIG validity (RFC 4034 3.1.5): expired, expiring within a week, not yet valid', async (t) => {
  const end = Date.UTC(2045, 0, 1) / 1000;
  t.same(codes('example.', 'example.nsec', end - 6 * 86400), ['RRSIG_EXPIRING']);
  t.same(codes('example.', 'example.nsec', end - 8 * 86400), []);
  t.same(codes('example.', 'example.nsec', end + 1), ['RRSIG_EXPIRED']);
  t.same(codes('example.', 'example.nsec', Date.UTC(2024, 5, 1) / 1000), ['RRSIG_NOT_YET_VALID']);
  const [w] = checkSignedZone(zoneFromText('example.', text('example.nsec')), end + 1);
  t.match(w.message, /^\d+ RRSIGs have expired, the first: example\. RRSIG \w+ \(valid 2025-01-01T00:00:00Z to 2045-01-01T00:00:00Z\)$/);
  t.same(codes('example.', 'example.nsec', end + 2 ** 31 + 30 * 86400), ['RRSIG_NOT_YET_VALID'], 'serial arithmetic: 2^31 s later wraps round');
});

t.test('NSEC chain: a name without its NSEC, and an NSEC pointing past a name', async (t) => {
  t.same(check(without('example.nsec', /^www\.example\.\s+\d+\s+IN\s+NSEC\s/)).map((w) => w.code), ['NSEC_MISSING']);
  const broken = check(without('example.nsec', /^mx\.example\./));
  t.same(broken.map((w) => w.code), ['NSEC_CHAIN_BROKEN']);
  t.match(broken[0].message, /the NSEC at mail\.example\. points to mx\.example\., the next name is ns1\.example\./);
});

t.test('NSEC3 chain: a missing NSEC3 breaks the chain and leaves a name out', async (t) => {
  const owners = text('example.nsec3').split('\n').filter((l) => /\sIN\s+NSEC3\s/.test(l) && !/\sSOA\s/.test(l)).map((l) => l.split(/\s/)[0]);
  const gone = check(without('example.nsec3', new RegExp(`^${owners[2].replace(/\./g, '\\.')}`)));
  t.same(gone.map((w) => w.code), ['NSEC3_CHAIN_BROKEN', 'NSEC3_MISSING']);
});

t.test('opt-out: unsigned delegations may be left out, names with data may not (RFC 5155 6)', async (t) => {
  t.same(codes('example.', 'example.optout'), [], 'dnssec-signzone -A leaves insecure.example. and deep.x.y.example. out');
  const z = text('example.optout');
  const owners = z.split('\n').filter((l) => /\sIN\s+NSEC3\s/.test(l) && /\sA\s+RRSIG\s*$/.test(l)).map((l) => l.split(/\s/)[0]);
  const gone = check(without('example.optout', new RegExp(`^${owners[0].replace(/\./g, '\\.')}`)));
  t.same(gone.map((w) => w.code), ['NSEC3_CHAIN_BROKEN', 'NSEC3_MISSING']);
});

t.test('an NSEC3PARAM NSD cannot use', async (t) => {
  const z = text('example.nsec3').replace(/(\sIN\s+NSEC3PARAM\s+)1 0 /, '$11 1 ');
  t.same(check(z).map((w) => w.code), ['NSEC3_UNUSABLE']);
});

t.test('tsdns-checkzone prints the warnings and still says ok', async (t) => {
  const out: string[] = [];
  const err: string[] = [];
  const file = path.join(FIXTURE_DIR, 'example.nsec');
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), now: () => Date.UTC(2046, 0, 1) };
  t.equal(checkzone(['example', file], io), 0);
  t.same(out, ['zone example is ok\n']);
  t.match(err.join(''), new RegExp(`^${file.replace(/[.]/g, '\\.')}: warning: \\d+ RRSIGs have expired, the first: `));
  err.length = 0;
  t.equal(checkzone(['example', file], { ...io, now: () => Date.UTC(2030, 0, 1) }), 0);
  t.same(err, [], 'no warning while the signatures are good');
});
