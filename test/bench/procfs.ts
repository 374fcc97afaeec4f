// CPU time and memory of a server's process tree, read from /proc (Linux), so each server is measured alike.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks: number | undefined;

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (proc(5)); almost always 100. */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface StatFields {
  readonly ppid: number;
  readonly ticks: number;
}

/** ppid and utime+stime of one process; the comm field may hold spaces or parentheses, so split after the last ')'. */
function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15 (proc(5)).
  return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

/** The pid and all its live descendants: NSD forks its server and xfrd processes, and they do the work. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = readStat(Number(entry));
    if (st === undefined) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(Number(entry));
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU seconds (user + system) used so far by the tree under `root`, threads included. */
export function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) ticks += readStat(pid)?.ticks ?? 0;
  return ticks / ticksPerSecond();
}

export interface Memory {
  /** Resident set now, in KiB, summed over the tree. */
  readonly rssKb: number;
  /** Peak resident set, in KiB, summed over the tree (each process's own peak). */
  readonly hwmKb: number;
}

function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * VmRSS and VmHWM over the tree. NSD's forked server shares the zone pages with its parent copy-on-write,
 * so the sum overstates NSD's real footprint; the report shows the main process apart for that reason.
 */
export function memory(root: number, treeWide = true): Memory {
  const pids = treeWide ? processTree(root) : [root];
  let rssKb = 0;
  let hwmKb = 0;
  for (const pid of pids) {
    rssKb += statusKb(pid, 'VmRSS');
    hwmKb += statusKb(pid, 'VmHWM');
  }
  return { rssKb, hwmKb };
}

/** Proportional set size over the tree (shared pages split between sharers): the fair figure for forked servers. */
export function pssKb(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      // the process went away, or smaps_rollup is missing on this kernel
    }
  }
  return total;
}

/**
 * Busy CPU seconds of the whole machine so far (all cores): user, nice, system and steal from /proc/stat, to
 * see other load. Interrupt and softirq time are left out: on loopback the network stack's softirq work is
 * the bench's own traffic, charged to no process.
 */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[7]) / ticksPerSecond();
}
