// rrl/classify: NSD's response classes in NSD's order, from a response summary and from an answer plan.
import t from 'tap';
import { classifyPlan, classifyResponse, RRL_CLASS, rrlClassName, whitelistMask, RRL_ALL } from '../../../src/rrl/index.js';

const base = { rcode: 0, qtype: 1, qname: 'www', answerCount: 1, zone: 'apex' };

t.test('classes and their names follow rrl_classify', async (t) => {
  const c = (r: Partial<typeof base> & { referral?: string; wildcard?: string }) => classifyResponse({ ...base, ...r });
  t.same(c({ rcode: 3 }), { rclass: RRL_CLASS.nxdomain, name: 'apex' });
  t.same(c({ rcode: 3, referral: 'cut' }), { rclass: RRL_CLASS.nxdomain, name: 'apex' }, 'rcode first');
  t.same(c({ rcode: 5, zone: undefined }), { rclass: RRL_CLASS.error, name: '' });
  t.same(c({ rcode: 2 }), { rclass: RRL_CLASS.error, name: 'apex' });
  t.same(c({ referral: 'cut', qtype: 255 }), { rclass: RRL_CLASS.referral, name: 'cut' });
  t.same(c({ qtype: 255, wildcard: '*' }), { rclass: RRL_CLASS.any, name: 'www' });
  t.same(c({ qtype: 46, answerCount: 0 }), { rclass: RRL_CLASS.rrsig, name: 'www' });
  t.same(c({ wildcard: '*w', answerCount: 0 }), { rclass: RRL_CLASS.wildcard, name: '*w' });
  t.same(c({ answerCount: 0, qtype: 48 }), { rclass: RRL_CLASS.nodata, name: 'apex' });
  t.same(c({ qtype: 48 }), { rclass: RRL_CLASS.dnskey, name: 'www' });
  t.same(c({}), { rclass: RRL_CLASS.positive, name: 'www' });
});

const n = (key: string) => ({ key });
const rr = (owner: string, type: number) => ({ owner: n(owner), type });

t.test('classifyPlan finds referrals, the zone of the chain and the wildcard', async (t) => {
  const zones = [{ origin: n('z1') }, { origin: n('z2') }];
  t.same(classifyPlan({ rcode: 0, answer: [rr('q', 1)], authority: [rr('z1', 2)], zones }, 1, 'q'), { rclass: RRL_CLASS.positive, name: 'q' });
  t.same(classifyPlan({ rcode: 0, answer: [], authority: [rr('cut', 2)], zones }, 1, 'q'), { rclass: RRL_CLASS.referral, name: 'cut' });
  t.same(classifyPlan({ rcode: 0, answer: [rr('q', 5)], authority: [rr('cut', 2)], zones }, 1, 'q'), { rclass: RRL_CLASS.referral, name: 'cut' });
  t.same(classifyPlan({ rcode: 3, answer: [rr('q', 5)], authority: [rr('z2', 6)], zones }, 1, 'q'), { rclass: RRL_CLASS.nxdomain, name: 'z2' });
  t.same(classifyPlan({ rcode: 0, answer: [], authority: [rr('z1', 6)], zones }, 1, 'q'), { rclass: RRL_CLASS.nodata, name: 'z2' });
  t.same(classifyPlan({ rcode: 5, answer: [], authority: [], zones: [] }, 1, 'q'), { rclass: RRL_CLASS.error, name: '' });
  t.same(classifyPlan({ rcode: 0, answer: [rr('q', 1)], authority: [], zones, wildcard: n('*') }, 1, 'q'), { rclass: RRL_CLASS.wildcard, name: '*' });
});

t.test('whitelist masks and class names', async (t) => {
  t.equal(whitelistMask([]), 0);
  t.equal(whitelistMask(['nxdomain', 'dnskey']), RRL_CLASS.nxdomain | RRL_CLASS.dnskey);
  t.equal(whitelistMask(['all']), RRL_ALL);
  t.equal(whitelistMask(['bogus', 'toString']), 0);
  t.equal(rrlClassName(RRL_CLASS.wildcard), 'wildcard');
  t.equal(rrlClassName(RRL_CLASS.rrsig | 0x8000), 'rrsig');
  t.equal(rrlClassName(RRL_ALL), 'all');
  t.equal(rrlClassName(3), 'unknown');
});
