// Query counters: one observe per request, by transport, qtype and rcode; stats resets only the reported view.
import t from 'tap';
import dnsPacket from 'dns-packet';
import { MISC, QTYPE_OTHER, QTYPE_SLOTS, RCODE_SLOTS, ServerStats, EventCounters } from '../../../src/stats/index.js';

const query = (type: string) => dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'a.test', type: type as 'A' }] });
const response = (rcode: number, flags = 0, qd = 1) => {
  const b = Buffer.alloc(12);
  b[2] = 0x80 | flags;
  b[3] = rcode;
  b[5] = qd;
  return b;
};

t.test('observe counts transport, qtype, class, rcode and the flags of the answer', async (t) => {
  const s = new ServerStats(1000);
  const q = s.queries;
  q.observe(query('A'), response(0, 0x04), { transport: 'udp', family: 4 }, { qtype: 1, qclass: 1, edns: 1 });
  q.observe(query('A'), response(3, 0x04 | 0x02), { transport: 'udp', family: 6 }, { qtype: 1, qclass: 1, edns: 0 });
  q.observe(query('A'), response(0, 0), { transport: 'tcp', family: 4 }, { qtype: 65534, qclass: 3, edns: 2 });
  q.observe(query('A'), null, { transport: 'udp', family: 4 }, { qtype: 1, qclass: 1, edns: 0 });
  q.observe(query('A'), response(1, 0, 0), { transport: 'udp', family: 4 }, { qtype: 999, qclass: 1, edns: 0 });
  q.observe(query('AXFR'), 'stream', { transport: 'tcp', family: 4 }, { qtype: 252, qclass: 1, edns: 0 });
  q.observe(new Uint8Array(5), null, { transport: 'udp', family: 4 }, { qtype: 0, qclass: 0, edns: 0 });
  t.same([...q.queries], [4, 1, 2, 0], 'udp, udp6, tcp, tcp6');
  t.equal(q.qtype[0 * QTYPE_SLOTS + 1], 1);
  t.equal(q.qtype[1 * QTYPE_SLOTS + 1], 1);
  t.equal(q.qtype[2 * QTYPE_SLOTS + QTYPE_OTHER], 1, 'types above 255 share a slot');
  t.equal(q.qtype[2 * QTYPE_SLOTS + 252], 1, 'AXFR stream');
  t.equal(q.rcode[1 * RCODE_SLOTS + 3], 1, 'NXDOMAIN over udp6');
  t.equal(q.rcode[2 * RCODE_SLOTS + 16], 1, 'BADVERS from the request EDNS version');
  t.equal(q.rcode[0 * RCODE_SLOTS + 1], 1, 'FORMERR');
  t.equal(q.misc[MISC.DROPPED], 2, 'no answer, and too short to parse');
  t.equal(q.misc[MISC.TRUNCATED], 1);
  t.equal(q.misc[MISC.ANSWER_WO_AA], 0 + 0, 'BADVERS is not NOERROR');
  t.equal(q.misc[MISC.MALFORMED], 2, 'FORMERR answered, and too short for a header');
  t.equal(q.misc[MISC.EDNS], 1);
  t.equal(q.misc[MISC.EDNS_ERROR], 1);
  t.equal(q.misc[MISC.AXFR], 1);
  t.equal(q.qclass[3], 1, 'CH');
  t.equal(q.opcode[0], 6, 'QUERY opcode of every parsable request');
});

t.test('stats resets the reported view, never the counters', async (t) => {
  const s = new ServerStats(0);
  const ctx = { transport: 'udp', family: 4 } as const;
  s.queries.observe(query('A'), response(0, 0x04), ctx, { qtype: 1, qclass: 1, edns: 0 });
  const a = s.sinceReset(true, 1500);
  t.equal(a.counts.queries[0], 1);
  t.equal(a.elapsedMs, 1500);
  s.queries.observe(query('A'), response(0, 0x04), ctx, { qtype: 1, qclass: 1, edns: 0 });
  const b = s.sinceReset(false, 2000);
  t.equal(b.counts.queries[0], 1, 'only what came after the reset');
  t.equal(b.elapsedMs, 500);
  t.equal(s.sinceReset(false, 2000).counts.queries[0], 1, 'noreset keeps it');
  t.equal(s.queries.queries[0], 2, 'the cumulative counter (Prometheus) keeps going up');
});

t.test('event counters by label values', async (t) => {
  const e = new EventCounters();
  e.add('transfer_in', ['axfr', 'ok']);
  e.add('transfer_in', ['axfr', 'ok']);
  e.add('transfer_in', ['ixfr', 'failed'], 3);
  t.equal(e.get('transfer_in', ['axfr', 'ok']), 2);
  t.equal(e.sum('transfer_in', [undefined, 'failed']), 3);
  t.same(e.samples('transfer_in'), [{ labels: { kind: 'axfr', result: 'ok' }, value: 2 }, { labels: { kind: 'ixfr', result: 'failed' }, value: 3 }]);
  t.same(e.samples('reconfig'), []);
});
