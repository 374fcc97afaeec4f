// What transfers persist: the saved zone copy, the kept differences and the refresh state, each written atomically.
import fs from 'node:fs';
import path from 'node:path';
import type { Name } from '../wire/index.js';
import { decodeJournal, decodeRefreshState, encodeRefreshState, Journal, type JournalLimits, type JournalStore, type RefreshState, type StateStore, type ZoneWriter } from '../xfr/index.js';
import type { ZoneContents } from '../zone/index.js';
import { zoneLines } from '../zonefile/index.js';

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK = 1 << 16;

/**
 * Writes `chunks` to `file` so that a crash never leaves a half-written file: a temporary file in the
 * same directory (created when missing), fsync, rename over the old one, then fsync of the directory.
 */
export async function writeAtomically(file: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  // A secondary's first copy may go to a directory that does not exist yet ("secondary/%s.zone"); NSD makes it too.
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const fh = await fs.promises.open(tmp, 'w', 0o644);
  try {
    for (const c of chunks) await fh.write(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await fs.promises.rename(tmp, file);
  try {
    const dir = await fs.promises.open(path.dirname(file), 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    // Not every file system lets a directory be opened and synced; the rename is done either way.
  }
}

/** The zone as text, one record per line (zonefile/ writer), in chunks; latin1 so every octet is kept. */
function* zoneText(zone: ZoneContents): Generator<string> {
  yield `; tsdns saved copy of zone ${zone.origin} serial ${zone.serial}, written ${new Date().toISOString()}\n`;
  let buf = '';
  for (const line of zoneLines(zone.records(), { origin: zone.origin })) {
    buf += line;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** A secondary's saved copy: the zone file, rewritten after every transfer (NSD writes it the same way). */
export class ZoneFileWriter implements ZoneWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Writes are queued: two transfers close together never interleave their files. */
  write(zone: ZoneContents): Promise<void> {
    const next = this.chain.then(() => writeAtomically(this.file, zoneText(zone)));
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** The kept differences of a zone, in a file next to its zone file. */
export class JournalFile implements JournalStore {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  static forZoneFile(zonefile: string): JournalFile {
    return new JournalFile(`${zonefile}.tsdns-journal`);
  }

  save(bytes: Uint8Array): Promise<void> {
    const next = this.chain.then(() => writeAtomically(this.file, [bytes]));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * The journal as last saved, or an empty one when there is none. It is kept only when it ends at
   * `serial` (the zone as loaded): a zone file edited while tsdns was down makes old differences lead
   * nowhere. Returns the reason when a saved journal was dropped.
   */
  load(origin: Name, limits: JournalLimits, serial: number | undefined): { journal: Journal; dropped: string | null } {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(this.file);
    } catch {
      return { journal: new Journal(origin, limits), dropped: null };
    }
    try {
      const j = decodeJournal(bytes, origin, limits);
      if (j.length > 0 && j.lastSerial !== serial) {
        return { journal: new Journal(origin, limits), dropped: `it ends at serial ${j.lastSerial}, the zone is at ${serial ?? 'none'}` };
      }
      return { journal: j, dropped: null };
    } catch (e) {
      return { journal: new Journal(origin, limits), dropped: (e as Error).message };
    }
  }
}

/**
 * The refresh state of every secondary zone (NSD's xfrdfile), one JSON file: an object of zone name
 * to saved state. Saving one zone rewrites the file atomically; saves are queued.
 */
export class StateFile {
  private readonly states = new Map<string, RefreshState>();
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Reads the file; returns the problem when it exists but cannot be used (then every zone starts afresh). */
  load(): string | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const o = JSON.parse(text) as { format?: unknown; zones?: Record<string, unknown> };
      if (o.format !== 'tsdns-xfrd' || typeof o.zones !== 'object' || o.zones === null) return 'not a tsdns state file';
      for (const [zone, v] of Object.entries(o.zones)) this.states.set(zone, decodeRefreshState(JSON.stringify(v)));
      return null;
    } catch (e) {
      this.states.clear();
      return (e as Error).message;
    }
  }

  get(zone: string): RefreshState | null {
    return this.states.get(zone) ?? null;
  }

  /** The StateStore of one zone. */
  store(zone: string): StateStore {
    return { save: (s) => this.save(zone, s) };
  }

  private save(zone: string, state: RefreshState): Promise<void> {
    this.states.set(zone, state);
    const next = this.chain.then(() => {
      const zones: Record<string, unknown> = {};
      for (const [z, s] of this.states) zones[z] = JSON.parse(encodeRefreshState(s));
      return writeAtomically(this.file, [JSON.stringify({ format: 'tsdns-xfrd', zones }, null, 1) + '\n']);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
