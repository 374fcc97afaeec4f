// TSIG keys: nsd.conf algorithm names, base64 secrets (a bad one is a clear error), the case-insensitive keyring.
import t from 'tap';
import { TsdnsError } from '../../../src/wire/index.js';
import {
  algorithmByName, algorithmFromText, createTsigKey, TSIG_ALGORITHMS, TsigError, TsigKeyring,
} from '../../../src/tsig/index.js';
import { ALGORITHMS, n, SECRET } from './support.js';

t.test('every nsd.conf algorithm name maps to its RFC 8945 6 wire name and hash size', async (t) => {
  const expect: Record<string, [string, number, number]> = {
    'hmac-md5': ['hmac-md5.sig-alg.reg.int.', 16, 10],
    'hmac-sha1': ['hmac-sha1.', 20, 10],
    'hmac-sha224': ['hmac-sha224.', 28, 14],
    'hmac-sha256': ['hmac-sha256.', 32, 16],
    'hmac-sha384': ['hmac-sha384.', 48, 24],
    'hmac-sha512': ['hmac-sha512.', 64, 32],
  };
  t.equal(TSIG_ALGORITHMS.length, ALGORITHMS.length);
  for (const id of ALGORITHMS) {
    const a = algorithmFromText(id);
    t.ok(a, id);
    t.same([a!.name.toString(), a!.size, a!.minSize], expect[id], id);
    t.equal(algorithmByName(n(expect[id][0].toUpperCase())), a, `${id} by wire name, any case`);
    const k = createTsigKey('k.example.', id, SECRET);
    t.equal(k.algorithm.toString(), expect[id][0]);
  }
  t.equal(algorithmFromText('HMAC-SHA256')?.id, 'hmac-sha256');
  t.equal(algorithmFromText('sha256')?.id, 'hmac-sha256', 'NSD also takes the name without hmac-');
  t.equal(algorithmFromText('hmac-sha256.')?.id, 'hmac-sha256');
  t.equal(algorithmFromText('hmac-md5.sig-alg.reg.int')?.id, 'hmac-md5');
  t.equal(algorithmFromText('hmac-sha3'), undefined);
  t.equal(algorithmByName(n('gss-tsig.')), undefined);
});

t.test('a key: name made absolute, secret decoded, whitespace in the secret ignored', async (t) => {
  const k = createTsigKey('xfr.Example', 'hmac-sha256', SECRET);
  t.equal(k.name.toString(), 'xfr.Example.');
  t.equal(k.secret.length, 32);
  t.equal(Buffer.from(k.secret).toString('base64'), SECRET);
  const spaced = createTsigKey(n('xfr.example.'), 'hmac-sha256', `${SECRET.slice(0, 10)} \n${SECRET.slice(10)}`);
  t.same(spaced.secret, k.secret);
  t.ok(Object.isFrozen(k));
});

t.test('bad configuration is a TsigError with a stable code and a message naming the key', async (t) => {
  const cases: [string, string, string, string, RegExp][] = [
    ['bad base64', 'k.example', 'hmac-sha256', 'not*base64==', /k\.example\.: the secret is not valid base64/],
    ['wrong padding', 'k.example', 'hmac-sha256', 'abc', /not valid base64/],
    ['empty secret', 'k.example', 'hmac-sha256', '', /the secret is empty/],
    ['unknown algorithm', 'k.example', 'hmac-sha3', SECRET, /unknown algorithm "hmac-sha3"/],
    ['bad name', `${'a'.repeat(64)}.example`, 'hmac-sha256', SECRET, /key name/],
  ];
  const codes = ['TSIG_BAD_SECRET', 'TSIG_BAD_SECRET', 'TSIG_BAD_SECRET', 'TSIG_BAD_ALGORITHM', 'TSIG_BAD_NAME'];
  cases.forEach(([what, name, alg, secret, msg], i) => {
    try {
      createTsigKey(name, alg, secret);
      t.fail(`${what}: no error`);
    } catch (e) {
      t.ok(e instanceof TsigError && e instanceof TsdnsError, what);
      t.equal((e as TsigError).code, codes[i], what);
      t.match((e as Error).message, msg, what);
    }
  });
});

t.test('the keyring finds keys by name ignoring case and refuses duplicates', async (t) => {
  const a = createTsigKey('a.example', 'hmac-sha256', SECRET);
  const b = createTsigKey('B.example', 'hmac-sha1', SECRET);
  const ring = new TsigKeyring([a, b]);
  t.equal(ring.size, 2);
  t.equal(ring.get(n('A.EXAMPLE.')), a);
  t.equal(ring.get(n('b.example.')), b);
  t.equal(ring.get(n('c.example.')), undefined);
  t.same([...ring].map((k) => k.name.toString()), ['a.example.', 'B.example.']);
  t.throws(() => ring.add(createTsigKey('A.Example', 'hmac-md5', SECRET)), { code: 'TSIG_DUPLICATE_KEY' });
  t.throws(() => ring.add({ name: n('x.'), algorithm: n('hmac-sha3.'), secret: new Uint8Array(4) }), { code: 'TSIG_BAD_ALGORITHM' });
});
