// The query table: one case per behaviour, each answer as nsd 4.6.1 gave it for the same zones (fixtures.ts).
import type { QueryOptions } from '../../src/query/index.js';
import { MAIN } from './fixtures.js';

/**
 * One question and the answer nsd 4.6.1 gave (sections in dig's presentation format, compared
 * order-insensitively and ignoring case). `nsd` says what the case shows about NSD. Every case was
 * checked against a running nsd 4.6.1 with `node dist/test/query/nsd-verify.js --run` (see that file).
 */
export interface QueryCase {
  readonly name: string;
  readonly nsd: string;
  readonly zones?: Readonly<Record<string, string>>;
  readonly qname: string;
  /** Mnemonic or TYPEnnn. */
  readonly qtype: string;
  /** IN unless given. */
  readonly qclass?: string;
  readonly dnssecOk?: boolean;
  readonly opts?: Partial<QueryOptions>;
  /** Asked over UDP when verifying against nsd (refuse-any differs by transport); TCP otherwise. */
  readonly udp?: boolean;
  readonly rcode: string;
  readonly aa: boolean;
  readonly answer: readonly string[];
  readonly authority: readonly string[];
  readonly additional: readonly string[];
  /** The RFC 8914 EDE INFO-CODE nsd sent (extendedErrorOf); none when absent. */
  readonly ede?: number;
  /** requiredAdditional of the plan (a tsdns notion, RFC 9471); not compared with nsd. */
  readonly requiredAdditional?: number;
}

export const ZONES = MAIN;

const APEX_NS = ['example. 3600 IN NS ns1.example.', 'example. 3600 IN NS ns2.other.'];
const NS1 = ['ns1.example. 3600 IN A 192.0.2.1', 'ns1.example. 3600 IN AAAA 2001:db8::1'];
const SOA_NX = ['example. 300 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300'];
const SUB_NS = ['sub.example. 1800 IN NS ns.sub.example.'];
const SUB_NS_A = ['ns.sub.example. 1800 IN A 192.0.2.100'];
const SUB_SOA_NX = ['sub.example. 600 IN SOA ns.sub.example. hostmaster.sub.example. 2 7200 3600 1209600 600'];
const OTHER_NS = ['other. 900 IN NS ns.other.'];
const OTHER_NS_A = ['ns.other. 900 IN A 192.0.2.200'];
const OTHER_SOA_NX = ['other. 60 IN SOA ns.other. hostmaster.other. 3 7200 3600 1209600 60'];
const DELEG_NS = [
  'deleg.example. 3600 IN NS ns.deleg.example.',
  'deleg.example. 3600 IN NS ns1.sibling.example.',
  'deleg.example. 3600 IN NS ns1.example.',
  'deleg.example. 3600 IN NS ns.other.',
  'deleg.example. 3600 IN NS ns.nowhere.deleg.example.',
];
// In-domain glue (required, RFC 9471), sibling glue and in-zone addresses; not ns.other. (another zone).
const DELEG_GLUE = [
  'ns.deleg.example. 3600 IN A 192.0.2.80',
  'ns.deleg.example. 3600 IN AAAA 2001:db8::80',
  'ns1.sibling.example. 3600 IN A 192.0.2.90',
  ...NS1,
];
const WWW_A = 'www.example. 3600 IN A 192.0.2.10';
const MAIL = ['mail.example. 3600 IN A 192.0.2.20', 'mail.example. 3600 IN AAAA 2001:db8::20'];
const DNLONG =
  'dnlong.example. 3600 IN DNAME aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.' +
  'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.dddddddddddddddddddddddddddddddddddddddddd.';

function positive(answer: readonly string[]): Pick<QueryCase, 'rcode' | 'aa' | 'answer' | 'authority' | 'additional'> {
  return { rcode: 'NOERROR', aa: true, answer, authority: APEX_NS, additional: NS1 };
}

const NODATA = { rcode: 'NOERROR', aa: true, answer: [], authority: SOA_NX, additional: [] };
const NXDOMAIN = { rcode: 'NXDOMAIN', aa: true, answer: [], authority: SOA_NX, additional: [] };
const REFUSED = { rcode: 'REFUSED', aa: false, answer: [], authority: [], additional: [] };

const LONG = Array.from({ length: 299 }, (_, i) => `long${i + 1}.example. 3600 IN CNAME long${i + 2}.example.`);

export const CASES: readonly QueryCase[] = [
  // RFC 1034 4.3.2 step 3a and RFC 2308: exact answers and negative answers.
  { name: 'exact A', nsd: 'AA, apex NS in authority, its in-zone addresses in additional', qname: 'www.example.', qtype: 'A', ...positive([WWW_A]) },
  { name: 'mixed-case owner', nsd: 'matches ignoring case', qname: 'mixed.EXAMPLE.', qtype: 'A', ...positive(['MiXeD.example. 3600 IN A 192.0.2.11']) },
  { name: 'NXDOMAIN', nsd: 'SOA with TTL min(SOA TTL, MINIMUM) = 300', qname: 'nothere.example.', qtype: 'A', ...NXDOMAIN },
  { name: 'NODATA', nsd: 'NOERROR, SOA only, no NS', qname: 'www.example.', qtype: 'MX', ...NODATA },
  { name: 'empty non-terminal is NODATA', nsd: 'b.c exists because a.b.c does (RFC 8020)', qname: 'b.c.example.', qtype: 'A', ...NODATA },
  { name: 'below an empty non-terminal is NXDOMAIN', nsd: 'NXDOMAIN', qname: 'x.c.example.', qtype: 'A', ...NXDOMAIN },
  { name: 'SOA at the apex', nsd: 'SOA with its own TTL, apex NS added', qname: 'example.', qtype: 'SOA', ...positive(['example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300']) },
  { name: 'NS at the apex', nsd: 'NS in answer only (not repeated in authority), addresses added', qname: 'example.', qtype: 'NS', rcode: 'NOERROR', aa: true, answer: APEX_NS, authority: [], additional: NS1 },
  { name: 'per-record TTLs', nsd: 'each record keeps its own TTL', qname: 'ttldiff.example.', qtype: 'A', ...positive(['ttldiff.example. 100 IN A 192.0.2.1', 'ttldiff.example. 200 IN A 192.0.2.2']) },
  { name: 'RRSIG as plain data', nsd: 'answered like any type', qname: 'nsecnode.example.', qtype: 'RRSIG', ...positive(['nsecnode.example. 3600 IN RRSIG A 8 2 3600 20300101000000 20200101000000 12345 example. AAAAAAAA']) },
  { name: 'NSEC as plain data', nsd: 'answered like any type', qname: 'nsecnode.example.', qtype: 'NSEC', ...positive(['nsecnode.example. 3600 IN NSEC www.example. A RRSIG NSEC']) },
  { name: 'qtype 0', nsd: 'plain NODATA, not FORMERR or NOTIMP', qname: 'www.example.', qtype: 'TYPE0', ...NODATA },
  { name: 'meta type MAILB', nsd: 'plain NODATA', qname: 'www.example.', qtype: 'MAILB', ...NODATA },
  { name: 'meta type 128', nsd: 'plain NODATA', qname: 'www.example.', qtype: 'TYPE128', ...NODATA },
  { name: 'meta type TSIG at a missing name', nsd: 'plain NXDOMAIN', qname: 'nothere.example.', qtype: 'TSIG', ...NXDOMAIN },

  // Additional-section processing.
  {
    name: 'MX additional', nsd: 'A then AAAA of in-zone targets, a wildcard target synthesised, nothing for glue, other zones or missing names',
    qname: 'mx.example.', qtype: 'MX', rcode: 'NOERROR', aa: true,
    answer: ['mx.example. 3600 IN MX 10 mail.example.', 'mx.example. 3600 IN MX 20 mail.other.', 'mx.example. 3600 IN MX 30 ns.deleg.example.', 'mx.example. 3600 IN MX 40 host.wild.example.', 'mx.example. 3600 IN MX 50 nothere.example.'],
    authority: APEX_NS, additional: [...MAIL, 'host.wild.example. 3600 IN A 192.0.2.50', ...NS1],
  },
  { name: 'SRV additional', nsd: 'target addresses', qname: 'srv.example.', qtype: 'SRV', rcode: 'NOERROR', aa: true, answer: ['srv.example. 3600 IN SRV 0 0 80 www.example.'], authority: APEX_NS, additional: [WWW_A, 'www.example. 3600 IN AAAA 2001:db8::10', ...NS1] },
  { name: 'KX additional', nsd: 'target addresses', qname: 'kx.example.', qtype: 'KX', rcode: 'NOERROR', aa: true, answer: ['kx.example. 3600 IN KX 10 mail.example.'], authority: APEX_NS, additional: [...MAIL, ...NS1] },
  { name: 'RT additional', nsd: 'A, AAAA and X25 of the intermediate host', qname: 'rt.example.', qtype: 'RT', rcode: 'NOERROR', aa: true, answer: ['rt.example. 3600 IN RT 10 mail.example.'], authority: APEX_NS, additional: [...MAIL, 'mail.example. 3600 IN X25 "311061700956"', ...NS1] },
  { name: 'MB additional', nsd: 'target addresses', qname: 'mb.example.', qtype: 'MB', rcode: 'NOERROR', aa: true, answer: ['mb.example. 3600 IN MB mail.example.'], authority: APEX_NS, additional: [...MAIL, ...NS1] },
  { name: 'no additional for PTR', nsd: 'only the apex NS addresses', qname: 'ptr.example.', qtype: 'PTR', ...positive(['ptr.example. 3600 IN PTR www.example.']) },
  { name: 'no additional for NAPTR', nsd: 'only the apex NS addresses', qname: 'naptr.example.', qtype: 'NAPTR', ...positive(['naptr.example. 3600 IN NAPTR 100 10 "" "" "" www.example.']) },
  { name: 'no additional for AFSDB', nsd: 'only the apex NS addresses', qname: 'afsdb.example.', qtype: 'AFSDB', ...positive(['afsdb.example. 3600 IN AFSDB 1 mail.example.']) },

  // CNAME chains (RFC 1034 4.3.2 step 3a, 3.6.2), across every zone we serve.
  { name: 'CNAME followed', nsd: 'CNAME, target, then the apex NS of the last zone', qname: 'cname.example.', qtype: 'A', ...positive(['cname.example. 3600 IN CNAME www.example.', WWW_A]) },
  { name: 'qtype CNAME not followed', nsd: 'the CNAME is the answer', qname: 'cname.example.', qtype: 'CNAME', ...positive(['cname.example. 3600 IN CNAME www.example.']) },
  { name: 'CNAME to NODATA', nsd: 'CNAME plus the SOA', qname: 'cname.example.', qtype: 'MX', rcode: 'NOERROR', aa: true, answer: ['cname.example. 3600 IN CNAME www.example.'], authority: SOA_NX, additional: [] },
  { name: 'CNAME to NXDOMAIN', nsd: 'NXDOMAIN with the CNAME and the SOA', qname: 'cn-nx.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: ['cn-nx.example. 3600 IN CNAME nothere.example.'], authority: SOA_NX, additional: [] },
  { name: 'CNAME chain of 20', nsd: 'followed to the end', qname: 'c1.example.', qtype: 'A', ...positive([...Array.from({ length: 19 }, (_, i) => `c${i + 1}.example. 3600 IN CNAME c${i + 2}.example.`), 'c20.example. 3600 IN CNAME www.example.', WWW_A]) },
  { name: 'CNAME chain of 300', nsd: 'no chain length limit (answer of 300 records over TCP)', qname: 'long1.example.', qtype: 'A', ...positive([...LONG, 'long300.example. 3600 IN A 192.0.2.77']) },
  { name: 'CNAME loop', nsd: 'each CNAME once, then stop: NOERROR, AA, nothing else', qname: 'loop1.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['loop1.example. 3600 IN CNAME loop2.example.', 'loop2.example. 3600 IN CNAME loop1.example.'], authority: [], additional: [] },
  { name: 'CNAME to itself', nsd: 'one CNAME', qname: 'self.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['self.example. 3600 IN CNAME self.example.'], authority: [], additional: [] },
  { name: 'CNAME out of our zones', nsd: 'the chain ends: NOERROR, AA kept, no authority', qname: 'cn-out.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['cn-out.example. 3600 IN CNAME www.elsewhere.'], authority: [], additional: [] },
  { name: 'CNAME into the child zone', nsd: 'answered from the child, with the child apex NS', qname: 'cn-child.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['cn-child.example. 3600 IN CNAME www.sub.example.', 'www.sub.example. 1800 IN A 192.0.2.130'], authority: SUB_NS, additional: SUB_NS_A },
  { name: 'CNAME to NXDOMAIN in the child zone', nsd: "NXDOMAIN with the child's SOA", qname: 'cn-child-nx.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: ['cn-child-nx.example. 3600 IN CNAME nx.sub.example.'], authority: SUB_SOA_NX, additional: [] },
  { name: 'CNAME into another zone', nsd: "answered from other., with other.'s NS", qname: 'cn-other.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['cn-other.example. 3600 IN CNAME www.other.', 'www.other. 900 IN A 192.0.2.203'], authority: OTHER_NS, additional: OTHER_NS_A },
  { name: 'CNAME to NODATA in another zone', nsd: "other.'s SOA", qname: 'cn-other.example.', qtype: 'MX', rcode: 'NOERROR', aa: true, answer: ['cn-other.example. 3600 IN CNAME www.other.'], authority: OTHER_SOA_NX, additional: [] },
  { name: 'CNAME to NXDOMAIN in another zone', nsd: "NXDOMAIN, other.'s SOA, AA", qname: 'cn-other-nx.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: ['cn-other-nx.example. 3600 IN CNAME nx.other.'], authority: OTHER_SOA_NX, additional: [] },
  { name: 'CNAME to a delegated name', nsd: 'the referral after the CNAME, AA stays set', qname: 'cn-deleg.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['cn-deleg.example. 3600 IN CNAME host.deleg.example.'], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'CNAME to a wildcard', nsd: 'the wildcard answers the target', qname: 'cn-wild.example.', qtype: 'A', ...positive(['cn-wild.example. 3600 IN CNAME foo.wild.example.', 'foo.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'CNAME to a DNAME', nsd: 'DNAME and synthesised CNAME after the CNAME', qname: 'cn-dname.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: ['cn-dname.example. 3600 IN CNAME x.dn.example.', 'dn.example. 3600 IN DNAME other.', 'x.dn.example. 3600 IN CNAME x.other.'], authority: OTHER_SOA_NX, additional: [] },

  // RFC 4592 wildcards.
  { name: 'wildcard A', nsd: 'owner is the name asked for', qname: 'host.wild.example.', qtype: 'A', ...positive(['host.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'wildcard, two labels deep', nsd: 'matches any depth below the closest encloser', qname: 'a.b.wild.example.', qtype: 'A', ...positive(['a.b.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'wildcard MX with additional', nsd: 'MX target addresses added', qname: 'host.wild.example.', qtype: 'MX', rcode: 'NOERROR', aa: true, answer: ['host.wild.example. 3600 IN MX 10 mail.example.'], authority: APEX_NS, additional: [...MAIL, ...NS1] },
  { name: 'wildcard NODATA', nsd: 'SOA', qname: 'host.wild.example.', qtype: 'TXT', ...NODATA },
  { name: 'the wildcard itself', nsd: 'an exact match of *.wild', qname: '*.wild.example.', qtype: 'A', ...positive(['*.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'mixed-case wildcard match', nsd: 'owner in the case of the question', qname: 'HoSt.WiLd.example.', qtype: 'A', ...positive(['host.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'wildcard CNAME', nsd: 'synthesised CNAME, followed', qname: 'foo.wcname.example.', qtype: 'A', ...positive(['foo.wcname.example. 3600 IN CNAME www.example.', WWW_A]) },
  { name: 'wildcard CNAME to a wildcard', nsd: 'two synthesised CNAMEs', qname: 'foo.wchain.example.', qtype: 'A', ...positive(['foo.wchain.example. 3600 IN CNAME a.wchain2.example.', 'a.wchain2.example. 3600 IN CNAME www.example.', WWW_A]) },
  { name: 'wildcard CNAME loop', nsd: 'the wildcard CNAME at two owners, then stop', qname: 'foo.wloop.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['foo.wloop.example. 3600 IN CNAME x.wloop.example.', 'x.wloop.example. 3600 IN CNAME x.wloop.example.'], authority: [], additional: [] },
  { name: 'wildcard beside an existing name', nsd: '*.w matches foo.w', qname: 'foo.w.example.', qtype: 'A', ...positive(['foo.w.example. 3600 IN A 192.0.2.70']) },
  { name: 'empty non-terminal blocks the wildcard (NODATA)', nsd: 'y.w exists (x.y.w): NODATA, not the wildcard', qname: 'y.w.example.', qtype: 'A', ...NODATA },
  { name: 'empty non-terminal blocks the wildcard (NXDOMAIN)', nsd: 'closest encloser y.w has no wildcard child', qname: 'z.y.w.example.', qtype: 'A', ...NXDOMAIN },
  { name: 'wildcard below an empty non-terminal', nsd: '*.ent.w answers below the ENT ent.w', qname: 'foo.ent.w.example.', qtype: 'TXT', ...positive(['foo.ent.w.example. 3600 IN TXT "ent"']) },
  { name: 'empty wildcard', nsd: '*.ent2 exists only as a parent of deep.*.ent2: NODATA', qname: 'a.b.foo.ent2.example.', qtype: 'A', ...NODATA },

  // RFC 6672 DNAME.
  { name: 'DNAME followed', nsd: 'DNAME, CNAME with the DNAME TTL, the answer from other.', qname: 'www.dn.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['dn.example. 3600 IN DNAME other.', 'www.dn.example. 3600 IN CNAME www.other.', 'www.other. 900 IN A 192.0.2.203'], authority: OTHER_NS, additional: OTHER_NS_A },
  { name: 'DNAME, qtype CNAME', nsd: 'the synthesised CNAME is the answer, not followed', qname: 'www.dn.example.', qtype: 'CNAME', rcode: 'NOERROR', aa: true, answer: ['dn.example. 3600 IN DNAME other.', 'www.dn.example. 3600 IN CNAME www.other.'], authority: [], additional: [] },
  { name: 'DNAME, qtype DNAME below the owner', nsd: 'substituted and followed like any type', qname: 'www.dn.example.', qtype: 'DNAME', rcode: 'NOERROR', aa: true, answer: ['dn.example. 3600 IN DNAME other.', 'www.dn.example. 3600 IN CNAME www.other.'], authority: OTHER_SOA_NX, additional: [] },
  { name: 'DNAME at its owner', nsd: 'the owner itself is not substituted', qname: 'dn.example.', qtype: 'DNAME', ...positive(['dn.example. 3600 IN DNAME other.']) },
  { name: 'DNAME owner, other type', nsd: 'NODATA', qname: 'dn.example.', qtype: 'A', ...NODATA },
  { name: 'DNAME to NXDOMAIN', nsd: "NXDOMAIN with other.'s SOA", qname: 'nx.dn.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: ['dn.example. 3600 IN DNAME other.', 'nx.dn.example. 3600 IN CNAME nx.other.'], authority: OTHER_SOA_NX, additional: [] },
  { name: 'DNAME into a wildcard', nsd: 'followed into the same zone', qname: 'x.dnin.example.', qtype: 'A', ...positive(['dnin.example. 3600 IN DNAME wild.example.', 'x.dnin.example. 3600 IN CNAME x.wild.example.', 'x.wild.example. 3600 IN A 192.0.2.50']) },
  { name: 'DNAME into its own subtree', nsd: 'stops when the DNAME comes round again', qname: 'a.b.dnself.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['dnself.example. 3600 IN DNAME x.dnself.example.', 'a.b.dnself.example. 3600 IN CNAME a.b.x.dnself.example.'], authority: [], additional: [] },
  { name: 'DNAME loop through two DNAMEs', nsd: 'stops at the repeated synthesised CNAME', qname: 'x.dnloop.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['dnloop.example. 3600 IN DNAME dnloop2.example.', 'x.dnloop.example. 3600 IN CNAME x.dnloop2.example.', 'dnloop2.example. 3600 IN DNAME dnloop.example.', 'x.dnloop2.example. 3600 IN CNAME x.dnloop.example.'], authority: [], additional: [] },
  {
    name: 'DNAME result too long', nsd: 'YXDOMAIN with the DNAME only; EDE 0 "DNAME expansion became too large"',
    qname: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.dnlong.example.', qtype: 'A',
    rcode: 'YXDOMAIN', aa: true, answer: [DNLONG], authority: [], additional: [], ede: 0,
  },
  {
    name: 'DNAME result just fits', nsd: 'followed; the target is not ours', qname: 'x.dnlong.example.', qtype: 'A', rcode: 'NOERROR', aa: true,
    answer: [DNLONG, 'x.dnlong.example. 3600 IN CNAME x.' + DNLONG.slice('dnlong.example. 3600 IN DNAME '.length)], authority: [], additional: [],
  },

  // Referrals (RFC 1034 4.3.2 step 3b) and DS (RFC 4035 3.1.4.1).
  { name: 'referral at the cut', nsd: 'AA clear; in-domain, sibling and in-zone glue; not other zones', qname: 'deleg.example.', qtype: 'A', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'referral below the cut', nsd: 'the same referral', qname: 'host.deleg.example.', qtype: 'A', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'NS at the cut', nsd: 'a referral, not an answer', qname: 'deleg.example.', qtype: 'NS', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'glue name', nsd: 'a referral', qname: 'ns.deleg.example.', qtype: 'A', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'DS at the cut', nsd: 'answered by the parent, AA, no NS added', qname: 'deleg.example.', qtype: 'DS', rcode: 'NOERROR', aa: true, answer: ['deleg.example. 3600 IN DS 12345 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'], authority: [], additional: [] },
  { name: 'DS below the cut', nsd: 'a referral', qname: 'x.deleg.example.', qtype: 'DS', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'DS NODATA at a cut', nsd: 'NODATA from the parent', qname: 'sibling.example.', qtype: 'DS', ...NODATA },
  { name: 'DS at a served child apex', nsd: "the parent's DS, not the child's", qname: 'sub.example.', qtype: 'DS', rcode: 'NOERROR', aa: true, answer: ['sub.example. 3600 IN DS 1 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'], authority: [], additional: [] },
  { name: 'DS at an apex without a served parent', nsd: 'NODATA from the zone itself', qname: 'other.', qtype: 'DS', rcode: 'NOERROR', aa: true, answer: [], authority: OTHER_SOA_NX, additional: [] },
  { name: 'DS at a child apex the parent does not delegate', nsd: "NODATA with the parent's SOA", qname: 'a.nodeleg.example.', qtype: 'DS', ...NODATA },
  { name: 'DS at an ordinary name', nsd: 'NODATA', qname: 'www.example.', qtype: 'DS', ...NODATA },
  { name: 'DS at a CNAME', nsd: 'the CNAME is followed', qname: 'cname.example.', qtype: 'DS', rcode: 'NOERROR', aa: true, answer: ['cname.example. 3600 IN CNAME www.example.'], authority: SOA_NX, additional: [] },

  // Parent and child zone both served.
  { name: 'child apex NS', nsd: 'answered by the child', qname: 'sub.example.', qtype: 'NS', rcode: 'NOERROR', aa: true, answer: SUB_NS, authority: [], additional: SUB_NS_A },
  { name: 'child data', nsd: "the child's apex NS and its address", qname: 'www.sub.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['www.sub.example. 1800 IN A 192.0.2.130'], authority: SUB_NS, additional: SUB_NS_A },
  { name: 'child name that is also the NS target', nsd: 'its A is not repeated in additional', qname: 'ns.sub.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: SUB_NS_A, authority: SUB_NS, additional: [] },
  { name: 'child wildcard', nsd: 'answered by the child', qname: 'foo.wc.sub.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['foo.wc.sub.example. 1800 IN A 192.0.2.131'], authority: SUB_NS, additional: SUB_NS_A },
  { name: 'name only in the parent glue', nsd: "NODATA from the child (NSD's shared name table)", qname: 'glueonly.sub.example.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: [], authority: SUB_SOA_NX, additional: [] },
  { name: 'below a name only in the parent glue', nsd: 'NXDOMAIN from the child', qname: 'x.glueonly.sub.example.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: [], authority: SUB_SOA_NX, additional: [] },
  { name: 'parent glue hides the child wildcard', nsd: 'x.deep.sub exists in the parent: NODATA, not *.deep', qname: 'x.deep.sub.example.', qtype: 'TXT', rcode: 'NOERROR', aa: true, answer: [], authority: SUB_SOA_NX, additional: [] },
  { name: 'parent glue blocks the child wildcard below it', nsd: 'closest encloser x.deep.sub has no wildcard: NXDOMAIN', qname: 'y.x.deep.sub.example.', qtype: 'TXT', rcode: 'NXDOMAIN', aa: true, answer: [], authority: SUB_SOA_NX, additional: [] },
  { name: 'child wildcard elsewhere', nsd: '*.deep answers', qname: 'z.deep.sub.example.', qtype: 'TXT', rcode: 'NOERROR', aa: true, answer: ['z.deep.sub.example. 1800 IN TXT "deep"'], authority: SUB_NS, additional: SUB_NS_A },
  { name: 'name in no zone', nsd: 'REFUSED, AA clear, nothing else; EDE 20', qname: 'www.nowhere.', qtype: 'A', ...REFUSED, ede: 20 },

  // Odd corners.
  { name: 'NS and DNAME at one name, below it', nsd: 'the cut wins: a referral', qname: 'x.both.edge.', qtype: 'A', rcode: 'NOERROR', aa: false, answer: [], authority: ['both.edge. 700 IN NS ns.other.'], additional: [] },
  { name: 'NS and DNAME at one name, at it', nsd: 'a referral', qname: 'both.edge.', qtype: 'DNAME', rcode: 'NOERROR', aa: false, answer: [], authority: ['both.edge. 700 IN NS ns.other.'], additional: [] },
  { name: 'wildcard with NS and A', nsd: 'synthesised data, not a referral', qname: 'foo.wns.edge.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['foo.wns.edge. 700 IN A 192.0.2.9'], authority: ['edge. 700 IN NS ns.edge.'], additional: ['ns.edge. 700 IN A 192.0.2.1'] },
  { name: 'wildcard NS', nsd: 'the synthesised NS as an answer', qname: 'foo.wns.edge.', qtype: 'NS', rcode: 'NOERROR', aa: true, answer: ['foo.wns.edge. 700 IN NS ns.other.'], authority: ['edge. 700 IN NS ns.edge.'], additional: ['ns.edge. 700 IN A 192.0.2.1'] },
  { name: 'the wildcard NS name itself', nsd: 'a cut: a referral', qname: '*.wns.edge.', qtype: 'A', rcode: 'NOERROR', aa: false, answer: [], authority: ['*.wns.edge. 700 IN NS ns.other.'], additional: [] },
  { name: 'DNAME at a zone apex', nsd: 'substituted for names below the apex', qname: 'www.apexdn.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: ['apexdn. 800 IN DNAME other.', 'www.apexdn. 800 IN CNAME www.other.', 'www.other. 900 IN A 192.0.2.203'], authority: OTHER_NS, additional: OTHER_NS_A },
  { name: 'DNAME at a zone apex, the apex', nsd: 'the apex answers itself', qname: 'apexdn.', qtype: 'A', rcode: 'NOERROR', aa: true, answer: [], authority: ['apexdn. 80 IN SOA ns.other. hostmaster.other. 6 7200 3600 1209600 80'], additional: [] },

  // ANY (RFC 8482 4.1): one RRset.
  { name: 'ANY prefers A', nsd: 'first of A/AAAA/SOA/MX/PTR, no NS added', qname: 'multi.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['multi.example. 3600 IN A 192.0.2.110'], authority: [], additional: [] },
  { name: 'ANY at the apex', nsd: 'the SOA', qname: 'example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300'], authority: [], additional: [] },
  { name: 'ANY picks the last ordinary type', nsd: 'HINFO after TXT', qname: 'any1.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['any1.example. 3600 IN HINFO "c" "o"'], authority: [], additional: [] },
  { name: 'ANY MX gets additional', nsd: 'MX preferred, its target addresses added', qname: 'any2.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['any2.example. 3600 IN MX 10 mail.example.'], authority: [], additional: MAIL },
  { name: 'ANY of DNSSEC types only', nsd: 'the last of NSEC, RRSIG', qname: 'any3.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['any3.example. 3600 IN RRSIG A 8 2 3600 20300101000000 20200101000000 12345 example. AAAAAAAA'], authority: [], additional: [] },
  { name: 'ANY prefers ordinary over NSEC', nsd: 'TXT', qname: 'any4.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['any4.example. 3600 IN TXT "t"'], authority: [], additional: [] },
  { name: 'ANY takes the first preferred type', nsd: 'AAAA before A in load order', qname: 'any5.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['any5.example. 3600 IN AAAA 2001:db8::5'], authority: [], additional: [] },
  { name: 'ANY at a CNAME', nsd: 'the CNAME, not followed', qname: 'cname.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['cname.example. 3600 IN CNAME www.example.'], authority: [], additional: [] },
  { name: 'ANY at a wildcard', nsd: 'synthesised', qname: 'foo.wild.example.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['foo.wild.example. 3600 IN A 192.0.2.50'], authority: [], additional: [] },
  { name: 'ANY at an empty non-terminal', nsd: 'NODATA', qname: 'b.c.example.', qtype: 'ANY', ...NODATA },
  { name: 'ANY at a cut', nsd: 'a referral', qname: 'deleg.example.', qtype: 'ANY', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'ANY below a DNAME', nsd: 'substituted and followed', qname: 'x.dn.example.', qtype: 'ANY', rcode: 'NXDOMAIN', aa: true, answer: ['dn.example. 3600 IN DNAME other.', 'x.dn.example. 3600 IN CNAME x.other.'], authority: OTHER_SOA_NX, additional: [] },
  { name: 'ANY skips NSEC3', nsd: 'TXT, not the NSEC3', qname: 'n3mixed.other.', qtype: 'ANY', rcode: 'NOERROR', aa: true, answer: ['n3mixed.other. 900 IN TXT "x"'], authority: [], additional: [] },
  { name: 'refuse-any over UDP', nsd: 'empty NOERROR (TC=1 and no question on the wire)', qname: 'multi.example.', qtype: 'ANY', opts: { refuseAny: true }, udp: true, ...REFUSED, rcode: 'NOERROR' },

  // NSEC3 owners are not names (RFC 5155 7.2.8).
  { name: 'NSEC3-only owner', nsd: 'NXDOMAIN', qname: '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.other.', qtype: 'A', rcode: 'NXDOMAIN', aa: true, answer: [], authority: OTHER_SOA_NX, additional: [] },
  { name: 'NSEC3 query at an NSEC3-only owner', nsd: 'NXDOMAIN', qname: '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.other.', qtype: 'NSEC3', rcode: 'NXDOMAIN', aa: true, answer: [], authority: OTHER_SOA_NX, additional: [] },
  { name: 'NSEC3 query at a name with data', nsd: 'NODATA: NSEC3 only in proofs', qname: 'n3mixed.other.', qtype: 'NSEC3', rcode: 'NOERROR', aa: true, answer: [], authority: OTHER_SOA_NX, additional: [] },

  // Class ANY: answered, never authoritative.
  { name: 'class ANY positive', nsd: 'no AA, no NS', qname: 'www.example.', qtype: 'A', qclass: 'ANY', rcode: 'NOERROR', aa: false, answer: [WWW_A], authority: [], additional: [] },
  { name: 'class ANY NXDOMAIN', nsd: 'no AA, no SOA', qname: 'nothere.example.', qtype: 'A', qclass: 'ANY', rcode: 'NXDOMAIN', aa: false, answer: [], authority: [], additional: [] },
  { name: 'class ANY NODATA', nsd: 'empty', qname: 'www.example.', qtype: 'MX', qclass: 'ANY', rcode: 'NOERROR', aa: false, answer: [], authority: [], additional: [] },
  { name: 'class ANY referral', nsd: 'the usual referral', qname: 'deleg.example.', qtype: 'A', qclass: 'ANY', rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'class ANY CNAME to a referral', nsd: 'AA set by the referral after a CNAME, even for class ANY', qname: 'cn-deleg.example.', qtype: 'A', qclass: 'ANY', rcode: 'NOERROR', aa: true, answer: ['cn-deleg.example. 3600 IN CNAME host.deleg.example.'], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'class ANY CNAME', nsd: 'no AA', qname: 'cname.example.', qtype: 'A', qclass: 'ANY', rcode: 'NOERROR', aa: false, answer: ['cname.example. 3600 IN CNAME www.example.', WWW_A], authority: [], additional: [] },
  { name: 'class HS', nsd: 'REFUSED (and no question on the wire); EDE 21', qname: 'www.example.', qtype: 'A', qclass: 'HS', ...REFUSED, ede: 21 },
  { name: 'class 42', nsd: 'REFUSED; EDE 21', qname: 'www.example.', qtype: 'A', qclass: 'CLASS42', ...REFUSED, ede: 21 },

  // Class CH.
  { name: 'CH id.server', nsd: 'TXT identity, TTL 0, AA clear', qname: 'id.server.', qtype: 'TXT', qclass: 'CH', rcode: 'NOERROR', aa: false, answer: ['id.server. 0 CH TXT "myid"'], authority: [], additional: [] },
  { name: 'CH ID.SERVER', nsd: 'case does not matter', qname: 'ID.SERVER.', qtype: 'TXT', qclass: 'CH', rcode: 'NOERROR', aa: false, answer: ['ID.SERVER. 0 CH TXT "myid"'], authority: [], additional: [] },
  { name: 'CH hostname.bind', nsd: 'identity', qname: 'hostname.bind.', qtype: 'TXT', qclass: 'CH', rcode: 'NOERROR', aa: false, answer: ['hostname.bind. 0 CH TXT "myid"'], authority: [], additional: [] },
  { name: 'CH version.bind', nsd: 'version', qname: 'version.bind.', qtype: 'TXT', qclass: 'CH', rcode: 'NOERROR', aa: false, answer: ['version.bind. 0 CH TXT "myver"'], authority: [], additional: [] },
  { name: 'CH version.server ANY', nsd: 'ANY gets the TXT', qname: 'version.server.', qtype: 'ANY', qclass: 'CH', rcode: 'NOERROR', aa: false, answer: ['version.server. 0 CH TXT "myver"'], authority: [], additional: [] },
  { name: 'CH version.bind A', nsd: 'REFUSED; EDE 21', qname: 'version.bind.', qtype: 'A', qclass: 'CH', ...REFUSED, ede: 21 },
  { name: 'CH other name', nsd: 'REFUSED; EDE 21', qname: 'foo.bind.', qtype: 'TXT', qclass: 'CH', ...REFUSED, ede: 21 },
  { name: 'CH name of a zone', nsd: 'REFUSED: no CH zones; EDE 21', qname: 'www.example.', qtype: 'A', qclass: 'CH', ...REFUSED, ede: 21 },
  { name: 'hide-identity', nsd: 'REFUSED; EDE 18', qname: 'id.server.', qtype: 'TXT', qclass: 'CH', opts: { identity: undefined, version: undefined, refuseAny: true, minimalResponses: true }, ...REFUSED, ede: 18 },
  { name: 'hide-version', nsd: 'REFUSED; EDE 18', qname: 'version.bind.', qtype: 'TXT', qclass: 'CH', opts: { identity: undefined, version: undefined, refuseAny: true, minimalResponses: true }, ...REFUSED, ede: 18 },

  // minimal-responses.
  { name: 'minimal: positive', nsd: 'no NS, no additional', qname: 'www.example.', qtype: 'A', opts: { minimalResponses: true }, rcode: 'NOERROR', aa: true, answer: [WWW_A], authority: [], additional: [] },
  { name: 'minimal: MX', nsd: 'no additional', qname: 'mx.example.', qtype: 'MX', opts: { minimalResponses: true }, rcode: 'NOERROR', aa: true, answer: ['mx.example. 3600 IN MX 10 mail.example.', 'mx.example. 3600 IN MX 20 mail.other.', 'mx.example. 3600 IN MX 30 ns.deleg.example.', 'mx.example. 3600 IN MX 40 host.wild.example.', 'mx.example. 3600 IN MX 50 nothere.example.'], authority: [], additional: [] },
  { name: 'minimal: NS query', nsd: 'NS addresses still added', qname: 'example.', qtype: 'NS', opts: { minimalResponses: true }, rcode: 'NOERROR', aa: true, answer: APEX_NS, authority: [], additional: NS1 },
  { name: 'minimal: referral', nsd: 'glue still added', qname: 'deleg.example.', qtype: 'A', opts: { minimalResponses: true }, rcode: 'NOERROR', aa: false, answer: [], authority: DELEG_NS, additional: DELEG_GLUE, requiredAdditional: 2 },
  { name: 'minimal: CNAME', nsd: 'the chain only', qname: 'cname.example.', qtype: 'A', opts: { minimalResponses: true }, rcode: 'NOERROR', aa: true, answer: ['cname.example. 3600 IN CNAME www.example.', WWW_A], authority: [], additional: [] },
  { name: 'minimal: NXDOMAIN', nsd: 'SOA kept', qname: 'nothere.example.', qtype: 'A', opts: { minimalResponses: true }, ...NXDOMAIN },
];
