// Fuzz target: any text given to the zone file parser and the zone builder yields records and problems, never a throw.
import { parseName, type ZoneProblem } from '../../src/wire/index.js';
import { buildZone } from '../../src/zone/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';
import { latin1, type FuzzTarget } from '../engine/target.js';

// The root as origin: every owner is inside it, so the seed zones' records (example.org. and so
// on) reach the rdata parsers and the builder's checks instead of stopping at "out of zone".
const ORIGIN = parseName('.', null);
const INCLUDED = '$ORIGIN sub.fuzz.example.\nwww 300 IN A 192.0.2.1\n@ TXT "included" ; comment\n';

export const target: FuzzTarget = {
  name: 'parse-zone',
  covers: 'zonefile/parseZone (lexer, directives, $INCLUDE, $GENERATE, every rdata text form) and zone/buildZone with NSD\'s checks',
  maxLength: 8192,
  dictionary: [
    '$ORIGIN ', '$TTL ', '$INCLUDE inc.zone', '$INCLUDE inc.zone other.', '$GENERATE 1-20 ', '$GENERATE 1-3/2 h$ A 10.0.0.$',
    ' IN ', ' CH ', ' SOA ', ' NS ', ' A ', ' AAAA ', ' MX ', ' TXT ', ' CNAME ', ' DNAME ', ' SRV ', ' CAA ', ' SVCB ', ' HTTPS ',
    ' LOC ', ' NSEC ', ' NSEC3 ', ' RRSIG ', ' DS ', ' DNSKEY ', ' TYPE65534 ', ' CLASS4 ', '\\# ', '( ', ' )', '"', '\\', '\\065',
    '\\.', ';', '\n', '@', '*', '.', ' 3600 ', ' 1w2d ', ' 0 ', '2001:db8::1', '192.0.2.1',
  ],
  run(input: Uint8Array): void {
    const source = new MemoryZoneSource({ 'fuzz.zone': latin1(input), 'inc.zone': INCLUDED }, 97);
    const onProblem = (_p: ZoneProblem): void => {};
    const records = parseZone({ file: 'fuzz.zone', origin: ORIGIN, source, onProblem });
    buildZone(ORIGIN, records, onProblem, { endFile: 'fuzz.zone' });
  },
};
