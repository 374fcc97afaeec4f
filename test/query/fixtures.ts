// The zones every query table case is answered from; the same files were served by nsd 4.6.1 (see nsd-verify.ts).

/** A chain of CNAMEs long1 -> long2 -> ... -> long300 (A): NSD follows chains without a length limit. */
const LONG_CHAIN = Array.from({ length: 299 }, (_, i) => `long${i + 1} CNAME long${i + 2}`).join('\n') + '\nlong300 A 192.0.2.77\n';

/** example.: the parent, with most behaviours (zone file text as nsd reads it). */
export const EXAMPLE = `$ORIGIN example.
$TTL 3600
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
@ NS ns2.other.
ns1 A 192.0.2.1
ns1 AAAA 2001:db8::1
www A 192.0.2.10
www AAAA 2001:db8::10
MiXeD A 192.0.2.11
mx MX 10 mail
mx MX 20 mail.other.
mx MX 30 ns.deleg
mx MX 40 host.wild
mx MX 50 nothere
mail A 192.0.2.20
mail AAAA 2001:db8::20
srv SRV 0 0 80 www
kx KX 10 mail
naptr NAPTR 100 10 "" "" "" www
ptr PTR www
rt RT 10 mail
mb MB mail
afsdb AFSDB 1 mail
cname CNAME www
c1 CNAME c2
c2 CNAME c3
c3 CNAME c4
c4 CNAME c5
c5 CNAME c6
c6 CNAME c7
c7 CNAME c8
c8 CNAME c9
c9 CNAME c10
c10 CNAME c11
c11 CNAME c12
c12 CNAME c13
c13 CNAME c14
c14 CNAME c15
c15 CNAME c16
c16 CNAME c17
c17 CNAME c18
c18 CNAME c19
c19 CNAME c20
c20 CNAME www
loop1 CNAME loop2
loop2 CNAME loop1
self CNAME self
cn-nx CNAME nothere
cn-out CNAME www.elsewhere.
cn-child CNAME www.sub
cn-child-nx CNAME nx.sub
cn-deleg CNAME host.deleg
cn-other CNAME www.other.
cn-other-nx CNAME nx.other.
cn-other-nodata CNAME www.other.
cn-wild CNAME foo.wild
cn-dname CNAME x.dn
*.wild A 192.0.2.50
*.wild MX 10 mail
*.wcname CNAME www
*.wloop CNAME x.wloop
*.wchain CNAME a.wchain2
*.wchain2 CNAME www
a.b.c A 192.0.2.60
*.w A 192.0.2.70
x.y.w A 192.0.2.71
*.ent.w TXT "ent"
deep.*.ent2 A 192.0.2.72
deleg NS ns.deleg
deleg NS ns1.sibling
deleg NS ns1
deleg NS ns.other.
deleg NS ns.nowhere.deleg
deleg DS 12345 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ns.deleg A 192.0.2.80
ns.deleg AAAA 2001:db8::80
sibling NS ns1.sibling
ns1.sibling A 192.0.2.90
sub NS ns.sub
ns.sub A 192.0.2.100
glueonly.sub A 192.0.2.101
dn DNAME other.
dnlong DNAME aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.dddddddddddddddddddddddddddddddddddddddddd.
dnself DNAME x.dnself
dnin DNAME wild
dnloop DNAME dnloop2
dnloop2 DNAME dnloop
multi A 192.0.2.110
multi TXT "hello"
multi HINFO "cpu" "os"
multi MX 10 mail
nsecnode NSEC www A NSEC RRSIG
nsecnode RRSIG A 8 2 3600 20300101000000 20200101000000 12345 example. AAAAAAAA
nsecnode A 192.0.2.120
ttldiff 100 A 192.0.2.1
ttldiff 200 A 192.0.2.2
any1 TXT "t"
any1 HINFO "c" "o"
any2 TXT "t"
any2 MX 10 mail
any2 HINFO "c" "o"
any3 NSEC www A
any3 RRSIG A 8 2 3600 20300101000000 20200101000000 12345 example. AAAAAAAA
any4 NSEC www A
any4 TXT "t"
any5 TXT "t"
any5 AAAA 2001:db8::5
any5 A 192.0.2.5
sub DS 1 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
x.deep.sub A 192.0.2.102
mail X25 "311061700956"
` + LONG_CHAIN;

/** sub.example.: a child zone served with its parent (the parent delegates it and has glue). */
export const SUB = `$ORIGIN sub.example.
$TTL 1800
@ SOA ns hostmaster 2 7200 3600 1209600 600
@ NS ns
ns A 192.0.2.100
www A 192.0.2.130
*.wc A 192.0.2.131
@ DS 1 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
*.deep TXT "deep"
`;

/** other.: an unrelated zone (CNAME and DNAME targets), with a few DNSSEC records served as plain data. */
export const OTHER = `$ORIGIN other.
$TTL 900
@ SOA ns hostmaster 3 7200 3600 1209600 60
@ NS ns
ns A 192.0.2.200
ns2 A 192.0.2.201
mail A 192.0.2.202
www A 192.0.2.203
@ RRSIG SOA 8 1 900 20300101000000 20200101000000 12345 other. AAAAAAAA
any3 NSEC www A
any3 RRSIG A 8 2 3600 20300101000000 20200101000000 12345 other. AAAAAAAA
@ DNSKEY 257 3 8 AwEAAag=
@ NSEC any3 NS SOA RRSIG NSEC DNSKEY
0p9mhaveqvm6t7vbl5lop2u3t2rp3tom NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG
n3mixed NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG
n3mixed TXT "x"
`;

/** a.nodeleg.example.: a child zone the parent does not delegate. */
export const NODELEG = `$ORIGIN a.nodeleg.example.
$TTL 500
@ SOA ns hostmaster 4 7200 3600 1209600 50
@ NS ns
ns A 192.0.2.210
`;

/** edge.: odd corners: a DNAME at the apex of a second zone, NS beside a DNAME, a wildcard with NS. */
export const EDGE = `$ORIGIN edge.
$TTL 700
@ SOA ns hostmaster 5 7200 3600 1209600 70
@ NS ns
ns A 192.0.2.1
both NS ns.other.
both DNAME other.
*.wns NS ns.other.
*.wns A 192.0.2.9
`;

/** apexdn.: a zone whose apex is a DNAME (RFC 6672 2.3 allows it). */
export const APEXDN = `$ORIGIN apexdn.
$TTL 800
@ SOA ns.other. hostmaster.other. 6 7200 3600 1209600 80
@ NS ns.other.
@ DNAME other.
`;

/** Origin -> zone text, the set most cases use. */
export const MAIN: Readonly<Record<string, string>> = {
  'example.': EXAMPLE,
  'sub.example.': SUB,
  'other.': OTHER,
  'a.nodeleg.example.': NODELEG,
  'edge.': EDGE,
  'apexdn.': APEXDN,
};
