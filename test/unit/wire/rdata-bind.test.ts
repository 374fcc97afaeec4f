// Cross-check with BIND: our encoding of what named-compilezone prints equals our encoding of the original record.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { rdataFromText, typeFromText } from '../../../src/wire/index.js';
import { SAMPLES } from './rdata-samples.js';
import { hex, ORIGIN, tokenize, typeOf } from './rdata-support.js';
import { requireTool } from '../../support/tools.js';

// Samples this BIND refuses though NSD (and we) accept them: MD and MF ("obsolete"), the ohttp key
// (RFC 9540), keyNNNNN for a named key, NSEC without types, IPSECKEY without a key, a period as
// RRSIG original TTL, an unquoted URI target.
const BIND_CANNOT = new Set(['MD md.example.', 'MF mf.example.', 'HTTPS 2 . port=443 ohttp alpn=h3',
  'HTTPS 1 . key3=53 key1=dot', 'NSEC host.example.com.', 'IPSECKEY 1 0 3 .', 'URI 10 1 unquoted']);
const bindCannot = (s: { type: string; text: string }) => BIND_CANNOT.has(`${s.type} ${s.text}`) || / 1h /.test(s.text);

const tool = spawnSync('named-compilezone', ['-v'], { encoding: 'utf8' });

t.test('BIND prints every sample so that we read back the same bytes', async (t) => {
  if (!requireTool(t, !tool.error, 'named-compilezone', 'bind9-utils')) return;
  const dir = mkdtempSync(join(tmpdir(), 'tsdns-rdata-bind-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ NS ns1', 'ns1 A 192.0.2.53'];
  const want = new Map<string, { type: number; wire: string; text: string }>();
  SAMPLES.forEach((s, i) => {
    if (bindCannot(s)) return;
    const owner = s.type === 'SOA' ? '@' : `s${i}`; // BIND wants the SOA at the apex; there is one SOA sample
    lines.push(`${owner} ${s.type} ${s.text}`);
    const wire = hex(rdataFromText(typeOf(s.type), tokenize(s.text), ORIGIN));
    want.set(s.type === 'SOA' ? 'example.com.' : `s${i}.example.com.`, { type: typeOf(s.type), wire, text: s.text });
  });
  const file = join(dir, 'example.com.zone');
  writeFileSync(file, lines.join('\n') + '\n', 'latin1');
  const r = spawnSync('named-compilezone', ['-k', 'ignore', '-i', 'none', '-o', '-', 'example.com', file],
    { encoding: 'latin1', timeout: 30000 });
  if (r.status !== 0) t.comment(r.stderr, r.stdout.slice(0, 2000));
  t.equal(r.status, 0, 'named-compilezone loads the zone');
  let seen = 0;
  for (const line of r.stdout.split('\n')) {
    const m = /^((?:s[0-9]+\.)?example\.com\.)\s+[0-9]+\s+IN\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || !want.has(m[1])) continue;
    const w = want.get(m[1])!;
    if (typeFromText(m[2]) !== w.type) continue; // the apex NS
    const ours = hex(rdataFromText(w.type, tokenize(m[3]), ORIGIN));
    t.equal(ours, w.wire, `${m[2]} ${w.text} -> BIND '${m[3]}'`);
    seen++;
  }
  t.equal(seen, want.size, 'BIND printed every sample');
});
