// include-pattern: nesting, the order settings are applied in, and NSD's per-option inheritance rules.
import t from 'tap';
import { NESTED } from './fixtures.js';
import { brief, load, problemsOf } from './support.js';


t.test('nested patterns: each include applies the pattern where it is written', async (t) => {
  const { config } = load(NESTED);
  const [a, b, c] = config.zones;
  t.same(config.patterns.map((p) => [p.name, p.includes]), [['base', []], ['mid', ['base']], ['top', ['mid']]]);
  t.same(a?.patterns, ['top']);
  t.same(a?.inherited, ['base', 'mid', 'top'], 'deepest first');
  t.same(a?.provideXfr.map((x) => x.spec), ['10.0.0.9', '10.0.0.1', '10.0.0.2'], 'own line first, then the pattern lines');
  t.same(a?.notify.map((x) => x.spec), ['10.0.0.3@5353']);
  t.equal(a?.maxRefreshTime, 50, "top's 99 came before include-pattern mid, whose 50 overrides it");
  t.equal(a?.notifyRetry, 3, 'set after the include');
  t.equal(b?.notifyRetry, 7, 'from base');
  t.equal(a?.allowAxfrFallback, false);
  t.equal(a?.zonefile, 'base/%s');
  t.equal(a?.zonefilePath, '/etc/nsd/base/a.example');
  t.equal(c?.zonefile, 'own');
  t.same(a?.rrlWhitelist, ['nxdomain', 'any']);
  t.equal(b?.multiMasterCheck, true, 'turned on by mid');
  t.equal(a?.multiMasterCheck, false, "the zone's own no after the include");
  const off = load('pattern:\n name: p\n multi-master-check: no\nzone:\n name: x\n zonefile: z\n multi-master-check: yes\n include-pattern: p\n');
  t.equal(off.config.zones[0]?.multiMasterCheck, true, 'a pattern can only turn multi-master-check on');
});

t.test('size-limit-xfr is copied from the pattern even when unset there (as NSD does)', async (t) => {
  const { config } = load(NESTED);
  t.equal(config.zones[1]?.sizeLimitXfr, 1000, 'b: 5 before the include is replaced');
  t.equal(config.zones[2]?.sizeLimitXfr, 5, 'c: 5 after the include stays');
  const reset = load('pattern:\n name: p\nzone:\n name: x\n zonefile: z\n size-limit-xfr: 9\n include-pattern: p\n');
  t.equal(reset.config.zones[0]?.sizeLimitXfr, 0);
});

t.test('a pattern must be defined above its use; names are unique and case-sensitive', async (t) => {
  t.same(brief(problemsOf('zone:\n name: x\n zonefile: z\n include-pattern: later\npattern:\n name: later\n')), [
    '4: could not find pattern later (include-pattern needs a pattern defined above it)',
  ]);
  t.same(brief(problemsOf('pattern:\n name: p\n include-pattern: p\n')), [
    '3: could not find pattern p (include-pattern needs a pattern defined above it)',
  ]);
  t.same(brief(problemsOf('pattern:\n name: p\npattern:\n name: p\n')), ['3: duplicate pattern p']);
  t.same(brief(problemsOf('pattern:\n zonefile: z\n')), ['1: pattern has no name']);
  t.same(brief(problemsOf('pattern:\n name: "a b"\n')), ["2: bad value for name: space is not allowed in pattern name: 'a b'"]);
  t.equal(load('pattern:\n name: P\npattern:\n name: p\n').config.patterns.length, 2);
});

t.test('zones: a name is required, unique whatever the case or final dot', async (t) => {
  t.same(brief(problemsOf('zone:\n zonefile: z\n')), ['1: zone has no name']);
  t.same(brief(problemsOf('zone:\n name: ex.com\n zonefile: a\nzone:\n name: EX.com.\n zonefile: b\n')), ['4: duplicate zone EX.com.']);
  t.same(brief(problemsOf('zone:\n name: ex..com\n zonefile: a\n')), ["2: bad value for name: bad domain name 'ex..com': empty label"]);
});

t.test('the checks nsd-checkconf adds for zones', async (t) => {
  t.same(brief(problemsOf('zone:\n name: ex.com\n')), [
    '1: zone ex.com is a primary zone but has no zonefile. Where can the data come from?',
  ]);
  t.same(brief(problemsOf('zone:\n name: ex.com\n zonefile: z\n allow-notify: 192.0.2.1 NOKEY\n')), [
    '1: zone ex.com has allow-notify but no request-xfr items. Where can it get a zone transfer when a notify is received?',
  ]);
  const sec = load('zone:\n name: ex.com\n request-xfr: 192.0.2.1 NOKEY\n').config.zones[0];
  t.match(sec, { role: 'secondary', zonefile: null, zonefilePath: null });
});
