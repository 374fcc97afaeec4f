// zonefile: substitutions %s %1 %2 %3 %z %y %x, with the results NSD 4.6.1 itself produced for these names.
import t from 'tap';
import { expandZoneTemplate, parseDnsName, underZonesdir, type DnsName } from '../../../src/config/index.js';
import { NSD_EXPANSIONS, T } from './fixtures.js';
import { load } from './support.js';



t.test('the substitution table matches NSD', async (t) => {
  for (const [name, want] of NSD_EXPANSIONS) {
    const dn = parseDnsName(name) as DnsName;
    t.equal(expandZoneTemplate(T, name, dn.lowerLabels), want, name);
  }
  t.equal(expandZoneTemplate('zones/%1/%2/%3/%s.zone', 'example.com', ['example', 'com']), 'zones/e/x/a/example.com.zone');
  t.equal(expandZoneTemplate('%z/%y/thezone', 'example.com', ['example', 'com']), 'com/example/thezone');
  t.equal(expandZoneTemplate('plain.zone', 'example.com', ['example', 'com']), 'plain.zone');
  t.equal(expandZoneTemplate('%s/%s-%q', 'a.b', ['a', 'b']), 'a.b/a.b-%q', 'every %s; unknown % escapes stay');
});

t.test('NSD replaces in order, each over the previous result', async (t) => {
  // %1 of "%z.example" is "%", so "%1z" becomes "%z", which the later %z step replaces (replace_str order).
  t.equal(expandZoneTemplate('%1z', '%z.example', ['%z', 'example']), 'example');
});

t.test('zone files are relative to zonesdir', async (t) => {
  t.equal(underZonesdir('/etc/nsd', 'a.zone'), '/etc/nsd/a.zone');
  t.equal(underZonesdir('/etc/nsd/', 'a.zone'), '/etc/nsd/a.zone');
  t.equal(underZonesdir('/etc/nsd', '/var/z/a.zone'), '/var/z/a.zone');
  t.equal(underZonesdir('', 'a.zone'), 'a.zone');
  const { config } = load('server:\n zonesdir: /srv/zones\npattern:\n name: p\n zonefile: "%1/%s.zone"\nzone:\n name: Example.com.\n include-pattern: p\nzone:\n name: x.org\n zonefile: /abs/x\n');
  t.match(config.zones[0], { name: 'Example.com.', key: 'example.com.', zonefile: '%1/%s.zone', zonefilePath: '/srv/zones/E/Example.com..zone' });
  t.equal(config.zones[1]?.zonefilePath, '/abs/x');
});

t.test('zonesdir applies even when the server: clause comes after the zones', async (t) => {
  const { config } = load('zone:\n name: late.example\n zonefile: "%s.zone"\nserver:\n zonesdir: /z\n');
  t.equal(config.zones[0]?.zonefilePath, '/z/late.example.zone');
});

t.test('zonestats is substituted for each zone too', async (t) => {
  const { config } = load('zone:\n name: example.net\n zonefile: z\n zonestats: "%s"\n');
  t.equal(config.zones[0]?.zonestats, 'example.net');
});
