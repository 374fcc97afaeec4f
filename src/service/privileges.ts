// Dropping root after binding (nsd.conf username:, nsd -u), as NSD does: only as root, only to a known user.
import fs from 'node:fs';

export interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The user's uid and primary gid from /etc/passwd (Node has no getpwnam), or null when unknown. */
export function findAccount(name: string, passwd = '/etc/passwd'): Account | null {
  let text: string;
  try {
    text = fs.readFileSync(passwd, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 4 && f[0] === name) {
      const uid = Number(f[2]);
      const gid = Number(f[3]);
      if (Number.isInteger(uid) && Number.isInteger(gid)) return { name, uid, gid };
    }
  }
  return null;
}

export type DropResult = { readonly dropped: true; readonly account: Account } | { readonly dropped: false; readonly reason: string };

/**
 * Becomes `username` (supplementary groups set to its group, then gid, then uid: the order that still has the right to
 * each step) when running as root and the user exists; otherwise says why not. "" means stay as is.
 */
export function dropPrivileges(username: string): DropResult {
  if (username === '') return { dropped: false, reason: 'no username configured' };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { dropped: false, reason: 'not running as root' };
  const account = findAccount(username);
  if (account === null) return { dropped: false, reason: `user ${username} does not exist` };
  process.setgroups?.([account.gid]);
  process.setgid?.(account.gid);
  process.setuid?.(account.uid);
  return { dropped: true, account };
}
