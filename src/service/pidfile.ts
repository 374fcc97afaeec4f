// The pidfile NSD writes (nsd.conf pidfile:, nsd -P): the process id and a newline, removed on exit.
import fs from 'node:fs';
import { ServiceError } from './errors.js';

/** Writes the pidfile; "" means none. Throws ServiceError PIDFILE when it cannot be written. */
export function writePidfile(path: string, pid: number): void {
  if (path === '') return;
  try {
    fs.writeFileSync(path, `${pid}\n`);
  } catch (e) {
    throw new ServiceError('PIDFILE', `cannot write pidfile ${path}: ${(e as Error).message}`);
  }
}

/** Removes the pidfile if it still holds our pid (another instance may have taken it over). */
export function removePidfile(path: string, pid: number): void {
  if (path === '') return;
  try {
    if (fs.readFileSync(path, 'utf8').trim() === String(pid)) fs.unlinkSync(path);
  } catch {
    // Already gone, or not ours to remove.
  }
}
