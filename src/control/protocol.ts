// NSD's control protocol (remote.c handle_req, nsd-control.c go_cmd): "NSDCT1 " then the command line, input lines to EOT.

/** The magic and version nsd-control 4.x sends first (NSD_CONTROL_VERSION 1). */
export const CONTROL_MAGIC = 'NSDCT1 ';
/** nsd-control ends the stdin of addzones/delzones with this line (0x04, end of transmission). */
export const END_OF_INPUT = '\x04';
/** NSD reads command lines into a 1024-octet buffer; input lines into 2048 octets. */
export const MAX_LINE = 2048;

/** The commands whose input lines follow the command line. */
const WITH_INPUT = new Set(['addzones', 'delzones']);

/** How far a received byte stream is. */
export type Parsed =
  | { readonly state: 'more' }
  | { readonly state: 'bad'; readonly reason: string }
  | { readonly state: 'done'; readonly line: string; readonly input: readonly string[] };

/**
 * Parses what a client sent so far. The command line is complete at its newline; addzones and
 * delzones also need their input up to the EOT line (or the end of the stream, when `ended`).
 */
export function parseRequestText(text: string, ended: boolean): Parsed {
  if (text.length < CONTROL_MAGIC.length) return ended ? { state: 'bad', reason: 'short header' } : { state: 'more' };
  if (!text.startsWith('NSDCT')) return { state: 'bad', reason: 'bad header' };
  if (!text.startsWith(CONTROL_MAGIC)) return { state: 'bad', reason: 'version mismatch' };
  const nl = text.indexOf('\n');
  if (nl < 0) {
    if (text.length > MAX_LINE) return { state: 'bad', reason: 'control line too long' };
    return ended ? { state: 'done', line: text.slice(CONTROL_MAGIC.length), input: [] } : { state: 'more' };
  }
  const line = text.slice(CONTROL_MAGIC.length, nl);
  const verb = line.trim().split(/[ \t]/)[0] ?? '';
  if (!WITH_INPUT.has(verb)) return { state: 'done', line, input: [] };
  const rest = text.slice(nl + 1).split('\n');
  const eot = rest.indexOf(END_OF_INPUT);
  if (eot >= 0) return { state: 'done', line, input: rest.slice(0, eot) };
  if (ended) return { state: 'done', line, input: rest.filter((l, i) => l !== '' || i < rest.length - 1) };
  return { state: 'more' };
}

/** What a client sends for a command (the words joined as nsd-control joins them) and its input lines. */
export function requestText(words: readonly string[], input: readonly string[] | null): string {
  const head = `${CONTROL_MAGIC}${words.map((w) => ` ${w}`).join('')}\n`;
  if (input === null) return head;
  return `${head}${input.map((l) => `${l}\n`).join('')}${END_OF_INPUT}\n`;
}
