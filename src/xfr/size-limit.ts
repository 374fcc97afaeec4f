// size-limit-xfr counted as NSD counts it: the size of xfrd's temporary file of the transfer (difffile.c diff_write_packet).

/**
 * NSD 4 writes each accepted message of a transfer to a temporary file and fails the transfer when
 * the file grows past size-limit-xfr (xfrd.c xfrd_handle_received_xfr_packet: `xfrfile_size > limit`).
 * The file starts with a header: "XFRF", the committed flag (1 octet), the number of parts, two
 * timestamps (8 + 4 octets each), the old and new serial, then the zone name as text (with its final
 * dot) and the zone's pattern name, each after a 32-bit length: 49 octets plus the two names. Checked
 * against NSD 4.6.1: a 156-octet AXFR of zone sz.test gave "transferred zone data was too large 242".
 */
export function xfrFileHeaderOctets(zoneText: string, patternName: string): number {
  return 49 + utf8Length(zoneText) + utf8Length(patternName);
}

/** Each message in that file: "XXFR", its 32-bit length, the message, its length again. */
export const XFR_FILE_MESSAGE_OVERHEAD = 12;

/** The pattern NSD makes for a zone: clause of nsd.conf is "_implicit_" and the name as written there. */
export function implicitPatternName(zoneNameAsWritten: string): string {
  return `_implicit_${zoneNameAsWritten}`;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
