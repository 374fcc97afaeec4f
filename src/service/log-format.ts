// The readable form of a pino JSON log line, for a terminal: "[time] tsdns[pid]: level: message key=value".

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'name']);

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Local time as NSD prints it: 2026-11-29 10:09:08.121. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

/** One pino JSON line (without its newline) as a readable line with a newline; unparsable input passes through. */
export function formatLogLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = LEVELS[o.level as number] ?? String(o.level);
  const extra = Object.entries(o)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${showValue(v)}`);
  const time = typeof o.time === 'number' ? formatTime(o.time) : '';
  const msg = typeof o.msg === 'string' ? o.msg : '';
  return `[${time}] tsdns[${o.pid ?? ''}]: ${level}: ${msg}${extra.length > 0 ? ' ' + extra.join(' ') : ''}\n`;
}
