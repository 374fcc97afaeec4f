// Fuzz target: any text given to the zone file parser yields records and problems, never a throw or a hang.
import { parseName } from '../../src/wire/index.js';
import { MemoryZoneSource, parseZone } from '../../src/zonefile/index.js';

export const name = 'parse-zone';
const ORIGIN = parseName('fuzz.example.', null);

export function run(input: Uint8Array): void {
  const text = Buffer.from(input).toString('latin1');
  const source = new MemoryZoneSource({ 'fuzz.zone': text }, 97);
  for (const _ of parseZone({ file: 'fuzz.zone', origin: ORIGIN, source, onProblem: () => {} })) void _;
}
