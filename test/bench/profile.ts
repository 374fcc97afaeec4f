// Summarises a `node --cpu-prof` .cpuprofile: self and total time per function, and time per kind of code.
// Run alone: node dist/test/bench/profile.js <file.cpuprofile> [top]
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  /** Microseconds on the monotonic clock, the same one process.hrtime reads. */
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  readonly key: string;
  readonly kind: string;
  /** Milliseconds sampled in the function itself. */
  readonly selfMs: number;
  /** Milliseconds sampled in it or anything it called. */
  readonly totalMs: number;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  /** Sampled time less (idle): what the process spent working. */
  readonly busyMs: number;
  readonly functions: readonly FunctionTime[];
  /** Self time per kind: tsdns code, bench code, node internals, GC, native/kernel ("program"), idle. */
  readonly kinds: ReadonlyMap<string, number>;
}

/** Where a frame's code lives; "(program)" is V8's name for time in native code outside JS (syscalls included). */
function kindOf(f: CallFrame): string {
  if (f.functionName === '(idle)') return 'idle';
  if (f.functionName === '(garbage collector)') return 'gc';
  if (f.functionName === '(program)') return 'native (program)';
  if (f.url.includes('/dist/src/')) return 'tsdns';
  if (f.url.includes('/dist/test/')) return 'bench';
  if (f.url.startsWith('node:') || f.url === '') return 'node internals';
  return 'dependencies';
}

function keyOf(f: CallFrame): string {
  const name = f.functionName === '' ? '(anonymous)' : f.functionName;
  if (f.url === '') return name;
  const file = f.url.includes('/dist/') ? f.url.slice(f.url.indexOf('/dist/') + 6) : f.url.replace(/^file:\/\//, '');
  return `${name} ${path.normalize(file)}:${f.lineNumber + 1}`;
}

/** A span of the monotonic clock in microseconds (process.hrtime.bigint() / 1000n): the samples to count. */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

/**
 * Self and total time per function key: each sample's interval is charged to its node, and to every distinct
 * ancestor. With a window, only the samples taken in it count (the load, not the start-up or the shutdown).
 */
export function summariseProfile(profile: CpuProfile, window?: Window): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const kinds = new Map<string, number>();
  const kindByKey = new Map<string, string>();
  let sampledMs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (window !== undefined && (at < window.fromUs || at > window.toUs)) continue;
    // timeDeltas[i] is the gap before sample i; the gap after it (the next delta) is the time it stood for.
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]);
    if (leaf === undefined) continue;
    sampledMs += ms;
    const key = keyOf(leaf.callFrame);
    kindByKey.set(key, kindOf(leaf.callFrame));
    self.set(key, (self.get(key) ?? 0) + ms);
    kinds.set(kindOf(leaf.callFrame), (kinds.get(kindOf(leaf.callFrame)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id) as ProfileNode;
      const k = keyOf(node.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      kindByKey.set(k, kindOf(node.callFrame));
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const functions = [...total.keys()]
    .filter((k) => k !== '(root)')
    .map((k) => ({ key: k, kind: kindByKey.get(k) ?? '', selfMs: self.get(k) ?? 0, totalMs: total.get(k) ?? 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return { sampledMs, busyMs: sampledMs - (kinds.get('idle') ?? 0), functions, kinds };
}

export function readProfile(file: string, window?: Window): ProfileSummary {
  return summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, window);
}

/** A markdown table of the top `n` functions by self time, percentages of the busy (non-idle) time. */
export function profileTable(s: ProfileSummary, n: number): string {
  const pct = (ms: number): string => `${((100 * ms) / s.busyMs).toFixed(1)}%`;
  const rows = ['| self | total | function (file:line) | kind |', '|---:|---:|---|---|'];
  for (const f of s.functions.filter((f) => f.kind !== 'idle').slice(0, n)) {
    rows.push(`| ${pct(f.selfMs)} | ${pct(f.totalMs)} | \`${f.key}\` | ${f.kind} |`);
  }
  const kinds = [...s.kinds].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]);
  const idle = s.kinds.get('idle') ?? 0;
  return [
    `Busy ${(s.busyMs / 1000).toFixed(2)} s of ${(s.sampledMs / 1000).toFixed(2)} s sampled (idle ${((100 * idle) / s.sampledMs).toFixed(1)}%). Self time by kind: ${kinds.map(([k, ms]) => `${k} ${pct(ms)}`).join(', ')}.`,
    '',
    ...rows,
  ].join('\n');
}

/** Top functions by total (inclusive) time within tsdns's own code: which stages of the pipeline cost what. */
export function stageTable(s: ProfileSummary, n: number): string {
  const pct = (ms: number): string => `${((100 * ms) / s.busyMs).toFixed(1)}%`;
  const rows = ['| total | self | function (file:line) |', '|---:|---:|---|'];
  const ours = s.functions.filter((f) => f.kind === 'tsdns').sort((a, b) => b.totalMs - a.totalMs);
  for (const f of ours.slice(0, n)) rows.push(`| ${pct(f.totalMs)} | ${pct(f.selfMs)} | \`${f.key}\` |`);
  return rows.join('\n');
}

if (process.argv[1]?.endsWith('profile.js') && process.argv[2] !== undefined) {
  const s = readProfile(process.argv[2]);
  const n = Number(process.argv[3] ?? 25);
  process.stdout.write(`${profileTable(s, n)}\n\n${stageTable(s, n)}\n`);
}
