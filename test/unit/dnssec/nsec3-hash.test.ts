// NSEC3 hashing (RFC 5155 5) against the RFC's own example zone (Appendix A: salt aabbccdd, 12 iterations).
import t from 'tap';
import { nsec3Hash } from '../../../src/dnssec/index.js';
import { fromHex, parseName } from '../../../src/wire/index.js';

const SALT = fromHex('aabbccdd')!;

// RFC 5155 Appendix A (also what ldns-nsec3-hash -s aabbccdd -t 12 prints).
const VECTORS: Record<string, string> = {
  'example.': '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom',
  'a.example.': '35mthgpgcu1qg68fab165klnsnk3dpvl',
  'ai.example.': 'gjeqe526plbf1g8mklp59enfd789njgi',
  '*.w.example.': 'r53bq7cc2uvmubfu5ocmm6pers9tk9en',
  'x.y.w.example.': '2vptu5timamqttgl4luu9kg21e0aor3s',
};

t.test('RFC 5155 Appendix A hashes', async (t) => {
  for (const [name, hash] of Object.entries(VECTORS)) t.equal(nsec3Hash(parseName(name, null).key, SALT, 12), hash, name);
});

t.test('the name is hashed in canonical (lower-case) form, RFC 4034 6.2', async (t) => {
  t.equal(nsec3Hash(parseName('A.EXAMPLE.', null).key, SALT, 12), VECTORS['a.example.']);
});

t.test('no salt and no extra iterations: one SHA-1 of the wire name', async (t) => {
  // ldns-nsec3-hash -t 0 example.
  t.equal(nsec3Hash(parseName('example.', null).key, new Uint8Array(0), 0), '3msev9usmd4br9s97v51r2tdvmr9iqo1');
});
