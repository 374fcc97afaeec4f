// Duplicate detection: two rdatas are the same record when equal with their embedded names lower-cased.
import { lowerOctet, rdataNameFields } from '../wire/index.js';
import { bytesToLatin1, latin1ToBytes } from './latin1.js';

/**
 * The rdata (as latin1) with every embedded domain name lower-cased; the input itself when it has
 * none. NSD compares names in rdata ignoring case when it discards duplicates (zonec.c zrdatacmp),
 * but other octets exactly: TXT "a" and TXT "A" are two records.
 */
export function foldedRdata(type: number, data: string): string {
  const rdata = latin1ToBytes(data);
  let fields;
  try {
    fields = rdataNameFields(type, rdata);
  } catch {
    return data; // malformed names are compared as plain octets
  }
  if (fields.length === 0) return data;
  for (const f of fields) {
    for (let i = f.offset; i < f.offset + f.length; i++) rdata[i] = lowerOctet(rdata[i]);
  }
  return bytesToLatin1(rdata);
}
