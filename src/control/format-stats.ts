// NSD's `nsd-control stats` text (remote.c print_stats): name=value lines in NSD's order and spelling.
import { MISC, QTYPE_SLOTS, RCODE_SLOTS, TRANSPORT_COUNT, type QuerySnapshot } from '../stats/index.js';
import type { StatsContext } from './api.js';

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE', 'RCODE11', 'RCODE12', 'RCODE13', 'RCODE14', 'RCODE15', 'BADVERS'];
const OPCODES = ['QUERY', 'IQUERY', 'STATUS', 'OTHER', 'NOTIFY', 'UPDATE'];
const CLASSES = ['CLASS0', 'IN', 'CLASS2', 'CH'];
const YXDOMAIN = 6;

/**
 * tsdns's counters that NSD has no name for, printed right after NSD's last counter (num.dropped) in this
 * order; a reader of NSD's output that skips names it does not know is not affected.
 */
export const TSDNS_ONLY_STATS = ['num.malformed', 'num.rrl_dropped', 'num.rrl_slipped', 'num.tcp_rejected', 'num.tcp_timeout', 'num.tcp_badlength'] as const;

/** Seconds with six decimals, as NSD prints timevals. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}

/** The per-type counts summed over the transports. */
function qtypeTotals(c: QuerySnapshot): Float64Array {
  const out = new Float64Array(QTYPE_SLOTS);
  for (let t = 0; t < TRANSPORT_COUNT; t++) for (let i = 0; i < QTYPE_SLOTS; i++) out[i] += c.qtype[t * QTYPE_SLOTS + i];
  return out;
}

function rcodeTotals(c: QuerySnapshot): Float64Array {
  const out = new Float64Array(RCODE_SLOTS);
  for (let t = 0; t < TRANSPORT_COUNT; t++) for (let i = 0; i < RCODE_SLOTS; i++) out[i] += c.rcode[t * RCODE_SLOTS + i];
  return out;
}

/**
 * The counters block (NSD print_stat_block): types 0..255 (those without a mnemonic only when not zero),
 * opcodes and classes (QUERY and IN always), rcodes (up to YXDOMAIN always), then the scalar counters.
 */
function statBlock(c: QuerySnapshot, typeName: (code: number) => string): string[] {
  const out: string[] = [];
  const types = qtypeTotals(c);
  for (let i = 0; i <= 255; i++) {
    const name = typeName(i);
    if (types[i] === 0 && /^TYPE\d+$/.test(name)) continue;
    out.push(`num.type.${name}=${types[i]}`);
  }
  for (let i = 0; i < OPCODES.length; i++) if (c.opcode[i] !== 0 || i === 0) out.push(`num.opcode.${OPCODES[i]}=${c.opcode[i]}`);
  for (let i = 0; i < CLASSES.length; i++) if (c.qclass[i] !== 0 || i === 1) out.push(`num.class.${CLASSES[i]}=${c.qclass[i]}`);
  const rcodes = rcodeTotals(c);
  for (let i = 0; i < RCODES.length; i++) if (rcodes[i] !== 0 || i <= YXDOMAIN) out.push(`num.rcode.${RCODES[i]}=${rcodes[i]}`);
  const m = c.misc;
  out.push(
    `num.edns=${m[MISC.EDNS]}`, `num.ednserr=${m[MISC.EDNS_ERROR]}`,
    `num.udp=${c.queries[0]}`, `num.udp6=${c.queries[1]}`, `num.tcp=${c.queries[2]}`, `num.tcp6=${c.queries[3]}`,
    'num.tls=0', 'num.tls6=0',
    `num.answer_wo_aa=${m[MISC.ANSWER_WO_AA]}`, 'num.rxerr=0', `num.txerr=${m[MISC.TXERR]}`,
    `num.raxfr=${m[MISC.AXFR]}`, `num.rixfr=${m[MISC.IXFR]}`,
    `num.truncated=${m[MISC.TRUNCATED]}`, `num.dropped=${m[MISC.DROPPED]}`,
  );
  // TSDNS_ONLY_STATS, in that order.
  const own = [MISC.MALFORMED, MISC.RRL_DROPPED, MISC.RRL_SLIPPED, MISC.TCP_REJECTED, MISC.TCP_TIMEOUT, MISC.TCP_BAD_LENGTH];
  for (let i = 0; i < own.length; i++) out.push(`${TSDNS_ONLY_STATS[i]}=${m[own[i]]}`);
  return out;
}

/** The whole `stats` / `stats_noreset` reply; `reset` starts the next report from zero. */
export function formatStats(ctx: StatsContext, reset: boolean, now: number = Date.now()): string {
  const { counts, elapsedMs } = ctx.stats.sinceReset(reset, now);
  const total = counts.queries.reduce((a, b) => a + b, 0);
  // NSD prints one line per server process (remote.c print_stats); with server-count > 1 those are the
  // workers, and the requests the primary answered (TCP, handed-on NOTIFY/transfers) are in num.queries only.
  const servers = ctx.serverQueries?.(reset) ?? [total];
  const lines = [
    ...servers.map((n, i) => `server${i}.queries=${n}`),
    `num.queries=${total}`,
    `time.boot=${seconds(now - ctx.stats.bootTime)}`,
    `time.elapsed=${seconds(elapsedMs)}`,
    'size.db.disk=0',
    `size.db.mem=${Math.round(ctx.dbMemory)}`,
    'size.xfrd.mem=0',
    `size.config.disk=${ctx.zonelistSize}`,
    `size.config.mem=${Math.round(ctx.configMemory)}`,
    ...statBlock(counts, ctx.typeName),
    `zone.master=${ctx.primaryZones}`,
    `zone.slave=${ctx.secondaryZones}`,
  ];
  return `${lines.join('\n')}\n`;
}
