// The RR type codes the zone checks and flags depend on (RFC 1035, 2535, 4034, 5155, 6672).
export const T = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  SIG: 24,
  KEY: 25,
  NXT: 30,
  DNAME: 39,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  NSEC3: 50,
} as const;
