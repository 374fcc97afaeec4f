// NSD's zonelist file (nsd.conf zonelistfile:): the zones added with nsd-control addzone, kept across restarts.
import fs from 'node:fs';
import path from 'node:path';

/** One zone of the list: its name as typed and the pattern that gives its options. */
export interface ZoneListEntry {
  readonly name: string;
  readonly pattern: string;
}

/** NSD's header lines (options.c zone_list_write_header). */
const HEADER = '# NSD zone list\n# name pattern\n';

/**
 * Reads the list. NSD writes "add <name> <pattern>" for each zone and overwrites removed ones with
 * "del ..." lines in place; only the "add" lines count. A missing file is an empty list.
 */
export function readZoneList(file: string): ZoneListEntry[] {
  if (file === '') return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: ZoneListEntry[] = [];
  for (const line of text.split('\n')) {
    const w = line.trim().split(/\s+/);
    if (w[0] === 'add' && w.length >= 3) out.push({ name: w[1], pattern: w[2] });
  }
  return out;
}

/**
 * Writes the whole list again (compacted: NSD keeps "del" holes, a rewrite is what NSD does at start),
 * to a temporary file that is renamed over the old one, so a crash leaves the old or the new list.
 */
export function writeZoneList(file: string, entries: readonly ZoneListEntry[]): void {
  if (file === '') return;
  const text = HEADER + entries.map((e) => `add ${e.name} ${e.pattern}\n`).join('');
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text, 'latin1');
  fs.renameSync(tmp, file);
}

/** The size of the list file (nsd-control stats size.config.disk), 0 when it does not exist. */
export function zoneListSize(file: string): number {
  try {
    return file === '' ? 0 : fs.statSync(file).size;
  } catch {
    return 0;
  }
}
