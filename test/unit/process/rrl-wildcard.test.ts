// RRL with the real answer engine: a wildcard answer counts under the wildcard (NSD rrl_classify), and limited answers reach the traffic sink.
import t from 'tap';
import { DEFAULT_PROCESS_OPTIONS, QueryProcessor, Traffic, type RequestContext, type TrafficSink } from '../../../src/process/index.js';
import { answerQuestion } from '../../../src/query/index.js';
import { ResponseRateLimiter } from '../../../src/rrl/index.js';
import { parseName } from '../../../src/wire/index.js';
import { ZoneDb } from '../../../src/zone/index.js';
import { zoneOf, zoneText } from '../xfr/support.js';
import { header, query } from './support.js';

const TC = 0x0200;
const RATE = 10;
const ZONE = zoneText(1, ['*.wild 300 IN A 192.0.2.7', '*.wild 300 IN TXT "w"', 'www 300 IN A 192.0.2.80', 'www2 300 IN A 192.0.2.81']);

function setup(sink?: TrafficSink) {
  const db = new ZoneDb();
  const zone = zoneOf(ZONE);
  db.set(zone);
  const served = { db, configured: new Set([zone.origin.key]), unloaded: new Set<string>() };
  const rrl = new ResponseRateLimiter({ size: 4096, ratelimit: RATE, slip: 2, ipv4PrefixLength: 24, ipv6PrefixLength: 56, whitelistRatelimit: 0 }, { seed: 3 });
  const clock = { ms: 9_000_000 };
  const processor = new QueryProcessor({ options: DEFAULT_PROCESS_OPTIONS, zones: () => served, engine: answerQuestion, rrl, now: () => clock.ms, traffic: sink });
  return { db, processor, clock };
}

const udp: RequestContext = { transport: 'udp', family: 4, address: '192.0.2.10', port: 5353 };

/** Full answers (no TC) among n queries for qname(i). */
function answered(p: QueryProcessor<ZoneDb>, n: number, qname: (i: number) => string, qtype = 'A'): number {
  let full = 0;
  for (let i = 0; i < n; i++) {
    const out = p.handle(query(qname(i), qtype, { id: i }), udp);
    if (out !== null && (header(out).flags & TC) === 0) full++;
  }
  return full;
}

t.test('the engine names the wildcard an answer came from, and only then', async (t) => {
  const { db } = setup();
  const ask = (name: string, qtype: number) => answerQuestion(db, { qname: parseName(name, null), qtype, qclass: 1, dnssecOk: false }, {
    minimalResponses: false, refuseAny: false, identity: undefined, version: undefined,
  });
  t.equal(ask('a.b.wild.example.com.', 1).wildcard?.toString(), '*.wild.example.com.', 'synthesised A');
  t.equal(ask('x.wild.example.com.', 15).wildcard?.toString(), '*.wild.example.com.', 'wildcard NODATA too (NSD sets it before answering)');
  t.notOk('wildcard' in ask('www.example.com.', 1), 'an exact answer has no wildcard field');
  t.notOk('wildcard' in ask('nope.example.com.', 1), 'NXDOMAIN neither');
});

t.test('distinct names under one wildcard from one source are limited like one name (NSD: counted under the wildcard)', async (t) => {
  const { processor } = setup();
  const wild = answered(processor, 100, (i) => `n${i}.wild.example.com`);
  t.equal(wild, 2 * RATE - 1, `${wild} of 100 distinct wildcard names answered in one second: one bucket`);
  // Positive answers for real names count under each name: two names get two buckets.
  const { processor: p2 } = setup();
  const two = answered(p2, 100, (i) => (i % 2 === 0 ? 'www.example.com' : 'www2.example.com'));
  t.equal(two, 2 * (2 * RATE - 1), 'two exact names: two buckets');
  const { processor: p3 } = setup();
  t.equal(answered(p3, 40, () => 'www.example.com'), 2 * RATE - 1, 'one exact name: one bucket, the same limit');
});

t.test('the wildcard class survives the answer cache and is apart from positive answers', async (t) => {
  const { processor } = setup();
  t.equal(answered(processor, 60, () => 'same.wild.example.com'), 2 * RATE - 1, 'one cached wildcard answer');
  t.equal(answered(processor, 30, () => 'www.example.com'), 2 * RATE - 1, 'a positive answer of the same source has its own bucket');
});

t.test('dropped and slipped answers are reported to the traffic sink with the source', async (t) => {
  const seen: [number, string | undefined][] = [];
  const { processor } = setup({ note: (kind, address) => seen.push([kind, address]) });
  answered(processor, 41, () => 'www.example.com');
  const drops = seen.filter(([k]) => k === Traffic.RRL_DROPPED).length;
  const slips = seen.filter(([k]) => k === Traffic.RRL_SLIPPED).length;
  t.same([drops, slips], [11, 11], '41 - 19 answered: every 2nd slipped');
  t.ok(seen.every(([, a]) => a === '192.0.2.10'));
  seen.length = 0;
  const bad = Buffer.from(query('www.example.com', 'A'));
  bad[5] = 2; // QDCOUNT 2 with one question: FORMERR
  processor.handle(bad, udp);
  processor.handle(new Uint8Array(5), udp);
  processor.handle(query('elsewhere.test', 'A'), { ...udp, address: '198.51.100.9' });
  t.same(seen, [[Traffic.MALFORMED, '192.0.2.10'], [Traffic.MALFORMED, '192.0.2.10'], [Traffic.REFUSED, '198.51.100.9']]);
});
