// The rate-limited bad-traffic log: counted always, one line per kind a second at most (with the count and an example), at NSD's verbosity.
import t from 'tap';
import { Traffic } from '../../../src/process/index.js';
import type { Logger } from '../../../src/service/logger.js';
import { TrafficLog } from '../../../src/service/traffic-log.js';
import { MISC, MISC_SLOTS } from '../../../src/stats/index.js';

interface Line {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly msg: string;
}

function setup(verbosity = 2, now?: () => number) {
  const lines: Line[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => lines.push({ level, fields, msg });
  const log = { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  const misc = new Float64Array(MISC_SLOTS);
  const level = { v: verbosity };
  const traffic = new TrafficLog({ log, misc, verbosity: () => level.v, now });
  t.teardown(() => traffic.flushAll());
  return { lines, misc, traffic, level };
}

t.test('the first of a kind is logged at once; the rest of that second in one line with the count', async (t) => {
  const clock = { ms: 1_000_000 };
  const { lines, misc, traffic } = setup(2, () => clock.ms);
  traffic.note(Traffic.RRL_DROPPED, '192.0.2.1');
  t.same(lines.map((l) => l.msg), ['ratelimit: answers dropped: 1, e.g. from 192.0.2.1']);
  for (let i = 0; i < 500; i++) traffic.note(Traffic.RRL_DROPPED, `192.0.2.${i % 200}`);
  t.equal(lines.length, 1, 'nothing more within the second');
  clock.ms += 1000;
  traffic.note(Traffic.RRL_DROPPED, '198.51.100.7');
  t.equal(lines.length, 2);
  t.same(lines[1].fields, { traffic: 'rrl_dropped', count: 501, example: '198.51.100.7' }, 'the suppressed ones are counted in the next line');
  t.equal(misc[MISC.RRL_DROPPED], 502, 'every one is counted');
  traffic.note(Traffic.TCP_TIMEOUT, '192.0.2.9');
  t.equal(lines.length, 3, 'another kind has its own second');
});

t.test('a burst that stops is still written, by a timer', async (t) => {
  const { lines, traffic } = setup(2);
  traffic.note(Traffic.MALFORMED, '192.0.2.1');
  for (let i = 0; i < 9; i++) traffic.note(Traffic.MALFORMED, '192.0.2.2');
  t.equal(lines.length, 1);
  // The timer is due a second after the first line; give a loaded machine room.
  const end = Date.now() + 3000;
  while (lines.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  t.equal(lines.length, 2);
  t.match(lines[1], { level: 'info', fields: { traffic: 'malformed', count: 9, example: '192.0.2.2' } });
});

t.test('below verbosity 2 only the counters move; sendto failures are logged at any verbosity (NSD LOG_ERR)', async (t) => {
  const clock = { ms: 5_000 };
  const { lines, misc, traffic, level } = setup(1, () => clock.ms);
  traffic.note(Traffic.RRL_SLIPPED, '192.0.2.1');
  traffic.note(Traffic.TCP_REJECTED, '192.0.2.1');
  traffic.note(Traffic.REFUSED, '192.0.2.1');
  t.same(lines, []);
  t.same([misc[MISC.RRL_SLIPPED], misc[MISC.TCP_REJECTED]], [1, 1]);
  t.equal(misc.reduce((a, b) => a + b, 0), 2, 'REFUSED is counted by the query counters (rcode), not here');
  level.v = 0;
  traffic.note(Traffic.SEND_FAILED, '192.0.2.3');
  t.match(lines, [{ level: 'error', msg: 'sendto failed: 1, e.g. from 192.0.2.3' }]);
  t.equal(misc[MISC.TXERR], 1);
  clock.ms += 2000;
  level.v = 2;
  traffic.note(Traffic.TCP_BAD_LENGTH, undefined);
  t.match(lines[1], { level: 'warn', msg: 'TCP connections closed: packet too small: 1' }, 'raised at run time (tsdns-control verbosity)');
});
