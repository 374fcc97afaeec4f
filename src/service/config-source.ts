// The file-backed ConfigSource: nsd.conf text read with node:fs, include globs expanded like glob(3).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { globComponentToRegExp, hasGlobMagic, type ConfigSource } from '../config/index.js';

// strerror(3) wording, so messages read like NSD's "cannot open include file 'f': No such file or directory".
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
};

function why(err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  const text = (typeof e?.code === 'string' && STRERROR[e.code]) || (err instanceof Error ? err.message : String(err));
  return new Error(text);
}

/** Join a directory (""=working directory, "/"=root) and a name. */
function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** The entries of a directory matching one glob component; an unreadable directory matches nothing. */
function matchDir(dir: string, component: string): string[] {
  const re = globComponentToRegExp(component);
  try {
    return readdirSync(dir === '' ? '.' : dir).filter((n) => re.test(n)).map((n) => joinPath(dir, n));
  } catch {
    return [];
  }
}

/**
 * Expand `*`, `?` and `[...]` in any component of a path (Node 20 has no fs.glob). Results exist
 * and are sorted, as glob(3) without GLOB_NOSORT returns them; relative patterns stay relative.
 */
export function globFiles(pattern: string): string[] {
  let found = [pattern.startsWith('/') ? '/' : ''];
  for (const part of pattern.split('/').filter((p) => p !== '')) {
    found = hasGlobMagic(part) ? found.flatMap((d) => matchDir(d, part)) : found.map((d) => joinPath(d, part));
  }
  return found.filter((f) => f !== '' && existsSync(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads config files from the file system (UTF-8); relative paths are relative to the working directory, as in NSD. */
export class FileConfigSource implements ConfigSource {
  read(path: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw why(err);
    }
  }

  glob(pattern: string): string[] {
    return globFiles(pattern);
  }
}
