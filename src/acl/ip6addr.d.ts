// Types for the parts of the ip6addr package (0.2.x, no bundled types) that acl/ uses.
declare module 'ip6addr' {
  interface Addr {
    kind(): 'ipv4' | 'ipv6';
    toString(opts?: { format?: 'auto' | 'v4' | 'v4-mapped' | 'v6'; zeroElide?: boolean; zeroPad?: boolean }): string;
    /** The address as 16 octets (IPv4 as its IPv4-mapped IPv6 form). */
    toBuffer(buf?: Uint8Array): Uint8Array;
    compare(other: Addr | string): number;
  }
  interface CIDR {
    contains(addr: Addr | string): boolean;
    prefixLength(): number;
    address(): Addr;
  }
  interface AddrRange {
    contains(addr: Addr | string): boolean;
    first(): Addr;
    last(): Addr;
  }
  function parse(input: string | number): Addr;
  function createCIDR(addr: string | Addr, plen?: number): CIDR;
  function createAddrRange(first: string | Addr, last: string | Addr): AddrRange;
  function compare(a: Addr | string, b: Addr | string): number;
  const ip6addr: { parse: typeof parse; createCIDR: typeof createCIDR; createAddrRange: typeof createAddrRange; compare: typeof compare };
  export default ip6addr;
}
