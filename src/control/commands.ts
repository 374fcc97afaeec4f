// The nsd-control verbs (NSD remote.c execute_cmd): argument parsing, the call on the ControlApi, NSD's replies.
import type { ControlApi, Outcome } from './api.js';
import { formatStats } from './format-stats.js';
import { formatZoneStatus } from './format-zonestatus.js';

/** One request: the command line after the NSDCT header, and the lines sent after it (addzones, delzones). */
export interface ControlRequest {
  readonly line: string;
  readonly input: readonly string[];
}

type Handler = (api: ControlApi, arg: string, input: readonly string[]) => string | Promise<string>;

const OK = 'ok\n';

/** Outcome to text: its lines, then "ok" or "error <reason>". */
function reply(o: Outcome): string {
  const before = (o.lines ?? []).map((l) => `${l}\n`).join('');
  if (o.ok) return o.noOk === true ? before : `${before}${OK}`;
  return `${before}${errorLine(o.error)}`;
}

/** NSD writes both "error zone x not configured" and "error: no such key": a reason starting with ':' keeps it. */
function errorLine(reason: string): string {
  if (reason === '') return ''; // a warning already printed as a line (NSD delzone of a zone not present)
  return `error${reason.startsWith(':') ? '' : ' '}${reason}\n`;
}

/** NSD find_arg2: the last word is the second argument; without one, NSD's error. */
function twoArgs(arg: string): [string, string] | null {
  const words = arg.split(/\s+/).filter((w) => w !== '');
  if (words.length < 2) return null;
  return [words.slice(0, -1).join(' '), words[words.length - 1]];
}

const orNull = (arg: string): string | null => (arg === '' ? null : arg);

function verbosity(api: ControlApi, arg: string): string {
  if (arg === '') return `verbosity ${api.verbosity(null)}\n`;
  if (!/^\d+$/.test(arg)) return `error in verbosity number syntax: ${arg}\n`;
  api.verbosity(Number(arg));
  return OK;
}

function addzone(api: ControlApi, arg: string): string {
  const a = twoArgs(arg);
  return a === null ? `error could not find next argument after ${arg}\n` : reply(api.addZone(a[0], a[1]));
}

function changezone(api: ControlApi, arg: string): string {
  const a = twoArgs(arg);
  return a === null ? `error could not find next argument after ${arg}\n` : reply(api.changeZone(a[0], a[1]));
}

/** addzones / delzones: one zone per input line, NSD's per-line report and a count. */
function bulk(api: ControlApi, input: readonly string[], add: boolean): string {
  let out = '';
  let n = 0;
  for (const line of input) {
    if (line.trim() === '') continue;
    let o: Outcome;
    if (add) {
      const a = twoArgs(line);
      o = a === null ? { ok: false, error: `could not find next argument after ${line}` } : api.addZone(a[0], a[1]);
    } else {
      o = api.delZone(line.trim());
    }
    for (const l of o.lines ?? []) out += `${l}\n`;
    if (o.ok) {
      out += `${add ? 'added' : 'removed'}: ${line}\n`;
      n++;
    } else {
      out += `${errorLine(o.error)}error for input line '${add ? (twoArgs(line)?.[0] ?? line) : line}'\n`;
    }
  }
  return `${out}${add ? 'added' : 'deleted'} ${n} zones\n`;
}

function zonestatus(api: ControlApi, arg: string): string {
  const r = api.zoneStatus(orNull(arg));
  return r.ok ? r.zones.map(formatZoneStatus).join('') : errorLine(r.error);
}

function printTsig(api: ControlApi, arg: string): string {
  const keys = api.keys().filter((k) => arg === '' || k.name === arg);
  if (arg !== '' && keys.length === 0) return `error: no such key with name: ${arg}\n`;
  return keys.map((k) => `key: name: "${k.name}" secret: "${k.secret}" algorithm: ${k.algorithm}\n`).join('');
}

function updateTsig(api: ControlApi, arg: string): string {
  if (arg === '') return 'error: missing argument (keyname)\n';
  const a = twoArgs(arg);
  return a === null ? `error could not find next argument after ${arg}\nerror: missing argument (secret)\n` : reply(api.updateKey(a[0], a[1]));
}

function addTsig(api: ControlApi, arg: string): string {
  const words = arg.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return 'error: missing argument (keyname)\n';
  if (words.length === 1) return `error could not find next argument after ${arg}\nerror: missing argument (secret)\n`;
  return reply(api.addKey(words[0], words[1], words[2] ?? 'hmac-sha256'));
}

function assocTsig(api: ControlApi, arg: string): string {
  if (arg === '') return 'error: missing argument (zonename)\n';
  const a = twoArgs(arg);
  return a === null ? `error could not find next argument after ${arg}\nerror: missing argument (keyname)\n` : reply(api.assocKey(a[0], a[1]));
}

function health(api: ControlApi): string {
  const h = api.health();
  const lines = [h.healthy ? 'healthy' : 'error unhealthy'];
  for (const z of h.zones) {
    const serial = z.serial === null ? 'none' : String(z.serial);
    lines.push(`zone: ${z.zone} ${z.role} serial ${serial} ${z.healthy ? 'ok' : `bad: ${z.problems.join('; ')}`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The verbs, as NSD matches them: a name followed by the end, a space or a tab. */
export const COMMANDS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['stop', (api) => (api.stop(), OK)],
  ['reload', (api, arg) => reply(api.reload(orNull(arg)))],
  ['write', async (api, arg) => reply(await api.write(orNull(arg)))],
  ['status', (api) => {
    const s = api.status();
    return `version: ${s.version}\nverbosity: ${s.verbosity}\nratelimit: ${s.ratelimit}\n`;
  }],
  ['stats_noreset', async (api) => formatStats(await api.stats(), false)],
  ['stats', async (api) => formatStats(await api.stats(), true)],
  ['log_reopen', (api) => reply(api.logReopen())],
  ['addzone', addzone],
  ['delzone', (api, arg) => reply(api.delZone(arg))],
  ['changezone', changezone],
  ['addzones', (api, _arg, input) => bulk(api, input, true)],
  ['delzones', (api, _arg, input) => bulk(api, input, false)],
  ['notify', (api, arg) => reply(api.notify(orNull(arg)))],
  ['transfer', (api, arg) => reply(api.transfer(orNull(arg), false))],
  ['force_transfer', (api, arg) => reply(api.transfer(orNull(arg), true))],
  ['zonestatus', zonestatus],
  ['verbosity', verbosity],
  ['repattern', async (api) => reply(await api.reconfig())],
  ['reconfig', async (api) => reply(await api.reconfig())],
  ['serverpid', (api) => `${api.serverPid()}\n`],
  ['print_tsig', printTsig],
  ['update_tsig', updateTsig],
  ['add_tsig', addTsig],
  ['assoc_tsig', assocTsig],
  ['del_tsig', (api, arg) => (arg === '' ? 'error: missing argument (keyname)\n' : reply(api.delKey(arg)))],
  ['health', health],
]);

/** Runs one request and returns the reply text; a failure starts a line with "error". */
export async function runCommand(api: ControlApi, req: ControlRequest): Promise<string> {
  const p = req.line.replace(/^\s+/, '');
  const m = /^(\S+)(?:[ \t]+(.*))?$/s.exec(p);
  const name = m?.[1] ?? '';
  const handler = COMMANDS.get(name);
  if (handler === undefined) return `error unknown command '${p}'\n`;
  const arg = (m?.[2] ?? '').trim();
  try {
    const out = await handler(api, arg, req.input);
    await api.settled?.(); // server-count > 1: reply once every server process serves what the verb changed
    return out;
  } catch (e) {
    return `error ${e instanceof Error ? e.message : String(e)}\n`;
  }
}
