// Extended DNS Errors the answer engine decides (query/extendedErrorOf) reach the response's OPT, as NSD 4.6.1 sends them.
import t from 'tap';
import { DEFAULT_PROCESS_OPTIONS, QueryProcessor } from '../../../src/process/index.js';
import { decisionFromPlan } from '../../../src/process/plan-items.js';
import { answerQuestion } from '../../../src/query/index.js';
import { ZoneDb } from '../../../src/zone/index.js';
import { zoneOf, zoneText } from '../xfr/support.js';
import { harness, header, name, optOf, plan, query, UDP4 } from './support.js';

const edeOf = (b: Uint8Array): string[] | undefined => optOf(b)?.options.map((o) => Buffer.from(o.data ?? []).toString('hex'));
const other = (text: string): string => `0000${Buffer.from(text).toString('hex')}`;

t.test('the engine\'s rcode picks the EDE: YXDOMAIN, the NSEC3 collision SERVFAIL, REFUSED; none otherwise', async (t) => {
  const h = harness();
  h.plans.set('dname.example.com.', () => plan({ rcode: 6, aa: true }));
  h.plans.set('collide.example.com.', () => plan({ rcode: 2, aa: true }));
  h.plans.set('www.example.com.', () => plan({ rcode: 0, aa: true }));
  const ask = (q: string, edns = true) => h.processor.handle(query(q, 'A', edns ? { edns: {} } : {}), UDP4)!;
  t.same([header(ask('dname.example.com')).rcode, edeOf(ask('dname.example.com'))], [6, [other('DNAME expansion became too large')]]);
  t.same([header(ask('collide.example.com')).rcode, edeOf(ask('collide.example.com'))], [2, [other('NSEC3 hash collision')]]);
  t.same(edeOf(ask('elsewhere.test')), ['0014'], 'REFUSED: not authoritative (20)');
  t.same(edeOf(ask('www.example.com')), [], 'NOERROR: no EDE');
  t.equal(optOf(ask('dname.example.com', false)), undefined, 'without EDNS no OPT, so no EDE');
});

t.test('decisionFromPlan: the EDE with the question; the REFUSED one alone without it', async (t) => {
  const q = { qname: name('x.example.com.'), qtype: 1, qclass: 1, dnssecOk: false };
  t.same(decisionFromPlan(plan({ rcode: 6 }), 4, q).ede, { code: 0, text: 'DNAME expansion became too large' });
  t.same(decisionFromPlan(plan({ rcode: 2 }), 4, q).ede, { code: 0, text: 'NSEC3 hash collision' });
  t.same(decisionFromPlan(plan({ rcode: 5 }), 4, q).ede, { code: 20 });
  t.equal(decisionFromPlan(plan({ rcode: 0 }), 4, q).ede, undefined);
  t.same(decisionFromPlan(plan({ rcode: 5 })).ede, { code: 20 });
  t.equal(decisionFromPlan(plan({ rcode: 6 })).ede, undefined);
});

t.test('the real engine: a DNAME substitution longer than 255 octets is YXDOMAIN with NSD\'s EDE', async (t) => {
  const long = Array.from({ length: 3 }, () => 'a'.repeat(63)).join('.');
  const zone = zoneOf(zoneText(1, [`d 300 IN DNAME ${long}.example.com.`]));
  const db = new ZoneDb();
  db.set(zone);
  const served = { db, configured: new Set([zone.origin.key]), unloaded: new Set<string>() };
  const p = new QueryProcessor({ options: DEFAULT_PROCESS_OPTIONS, zones: () => served, engine: answerQuestion });
  const qname = `${Array.from({ length: 5 }, () => 'b'.repeat(10)).join('.')}.d.example.com`;
  const out = p.handle(query(qname, 'A', { edns: {} }), UDP4)!;
  t.equal(header(out).rcode, 6, 'YXDOMAIN (RFC 6672 2.2)');
  t.same(edeOf(out), [other('DNAME expansion became too large')]);
  const again = p.handle(query(qname, 'A', { edns: {} }), UDP4)!;
  t.same(edeOf(again), [other('DNAME expansion became too large')], 'the cached answer keeps it');
});
