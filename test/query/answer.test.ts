// The query table (cases.ts) against answerQuestion: every case is nsd 4.6.1's answer for the same zones.
import t from 'tap';
import { answerQuestion, extendedErrorOf } from '../../src/query/index.js';
import type { ZoneDb } from '../../src/zone/index.js';
import { CASES, ZONES, type QueryCase } from './cases.js';
import { dbFromText, DEFAULT_OPTIONS, normalise, planText, questionOf } from './helpers.js';

const dbs = new Map<Readonly<Record<string, string>>, ZoneDb>();

function dbFor(c: QueryCase): ZoneDb {
  const zones = c.zones ?? ZONES;
  let db = dbs.get(zones);
  if (db === undefined) {
    db = dbFromText(zones);
    dbs.set(zones, db);
  }
  return db;
}

for (const c of CASES) {
  t.test(`${c.name}: ${c.qname} ${c.qclass ?? 'IN'} ${c.qtype}`, async (t) => {
    const q = questionOf(c);
    const plan = answerQuestion(dbFor(c), q, { ...DEFAULT_OPTIONS, ...c.opts });
    const got = planText(plan);
    const want = { rcode: c.rcode, aa: c.aa, answer: normalise(c.answer), authority: normalise(c.authority), additional: normalise(c.additional) };
    t.same(got, want, `nsd 4.6.1: ${c.nsd}`);
    t.equal(extendedErrorOf(q, plan)?.code, c.ede, 'extended DNS error');
    if (c.requiredAdditional !== undefined) t.equal(plan.requiredAdditional, c.requiredAdditional, 'required glue');
    else t.equal(plan.requiredAdditional, 0, 'no required glue');
  });
}
