// NSD's `nsd-control zonestatus` text (remote.c print_zonestatus), with tsdns' load errors added.
import type { SerialSince, ZoneStatusInfo } from './api.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** NSD's xfrd_pretty_time: local time as %Y-%m-%dT%H:%M:%S. */
export function prettyTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function serialLine(label: string, s: SerialSince | null): string {
  return s === null ? `\t${label}: none` : `\t${label}: "${s.serial >>> 0} since ${prettyTime(s.since)}"`;
}

/**
 * One zone. Like NSD: the pattern for zones from the zone list, the NOTIFYs in flight, "state: master"
 * for a primary; a secondary's state, served and commit serials, the notified serial or the wait, and a
 * transfer in progress. tsdns adds the served serial of a primary and the errors of a failed load.
 */
export function formatZoneStatus(z: ZoneStatusInfo): string {
  const out = [`zone:\t${z.name}`];
  if (z.pattern !== null) out.push(`\tpattern: ${z.pattern}`);
  if (z.notify !== null) out.push(`\tnotify: "send ${z.notify.targets.join(' ')} with serial ${z.notify.serial >>> 0}"`);
  if (z.role === 'primary') {
    out.push('\tstate: master');
    out.push(serialLine('served-serial', z.served));
  } else {
    out.push(`\tstate: ${z.state ?? 'refreshing'}`);
    out.push(serialLine('served-serial', z.served));
    out.push(serialLine('commit-serial', z.commit));
    if (z.notified !== null) out.push(serialLine('notified-serial', z.notified));
    else if (z.waitSeconds !== null) out.push(`\twait: "${Math.round(z.waitSeconds)} sec between attempts"`);
    if (z.transfer !== null) out.push(`\ttransfer: "${z.transfer}"`);
  }
  for (const e of z.loadErrors) out.push(`\terror: "${e.replace(/"/g, "'")}"`);
  return `${out.join('\n')}\n`;
}
