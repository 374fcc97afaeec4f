// rrl/slip: the truncated answer keeps ID, flags, rcode and question, sets TC and drops every record and the OPT.
import dnsPacket from 'dns-packet';
import t from 'tap';
import { slipResponse } from '../../../src/rrl/index.js';

const answer = new Uint8Array(dnsPacket.encode({
  id: 0xbeef,
  type: 'response',
  flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED,
  questions: [{ name: 'WwW.example.com', type: 'A', class: 'IN' }],
  answers: [{ name: 'www.example.com', type: 'A', ttl: 300, data: '192.0.2.1' }],
  authorities: [{ name: 'example.com', type: 'NS', ttl: 300, data: 'ns.example.com' }],
  additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232, flags: 0, options: [] } as unknown as dnsPacket.Answer],
}));

t.test('a positive answer slips to header and question with TC', async (t) => {
  const slip = slipResponse(answer);
  const d = dnsPacket.decode(Buffer.from(slip));
  t.equal(d.id, 0xbeef);
  t.equal(d.flag_tc, true);
  t.equal(d.flag_aa, true);
  t.equal(d.flag_rd, true);
  t.equal(slip[3] & 0x0f, 0, 'NOERROR');
  t.same(d.questions, [{ name: 'WwW.example.com', type: 'A', class: 'IN' }]);
  t.same([d.answers?.length, d.authorities?.length, d.additionals?.length], [0, 0, 0]);
  t.equal(slip.length, 12 + 17 + 4);
  t.equal(answer[2] & 0x02, 0, 'the answer itself is untouched');
});

t.test('rcode kept; no question or a malformed one leaves the header', async (t) => {
  const nx = answer.slice();
  nx[3] = (nx[3] & 0xf0) | 3;
  t.equal(slipResponse(nx)[3] & 0x0f, 3, 'NXDOMAIN');
  const noQuestion = answer.slice(0, 12);
  noQuestion.fill(0, 4, 12);
  t.equal(slipResponse(noQuestion).length, 12);
  const bad = answer.slice(0, 20);
  const s = slipResponse(bad);
  t.equal(s.length, 12);
  t.same(Array.from(s.subarray(4, 12)), [0, 0, 0, 0, 0, 0, 0, 0]);
  t.equal(slipResponse(new Uint8Array(5)).length, 5);
});
