// Cheap coverage feedback: V8's precise block coverage through node:inspector, in the fuzzing thread itself.
import { Session } from 'node:inspector';

interface Range {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}

interface FunctionCoverage {
  readonly ranges: readonly Range[];
}

interface ScriptCoverage {
  readonly scriptId: string;
  readonly url: string;
  readonly functions: readonly FunctionCoverage[];
}

/** Per script: the source characters ever executed, and a scratch map of the last take. */
interface ScriptState {
  ever: Uint8Array;
  now: Uint8Array;
}

/**
 * The one inspector session of the thread. V8 keeps block counters only for code compiled while
 * precise coverage is on: stopped and started again, it reports whole functions only, so it is
 * started once and left on for the life of the thread.
 */
let shared: Session | null = null;

function session(): Session {
  if (shared === null) {
    shared = new Session();
    shared.connect();
    post(shared, 'Profiler.enable');
    post(shared, 'Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }
  return shared;
}

/** Same-thread inspector calls answer synchronously, so the callback has run when post returns. */
function post(s: Session, method: string, params?: object): unknown {
  let result: unknown;
  let error: Error | null = null;
  s.post(method, params, (e, r) => {
    error = e;
    result = r;
  });
  if (error) throw error;
  return result;
}

/**
 * Tracks which source characters of the code under test (scripts whose URL contains `filter`) have
 * run. V8's precise coverage resets its counters on every take, so a take after a batch of inputs
 * tells what that batch reached. V8 reports nested ranges with counts and merges ranges whose counts
 * agree, so range boundaries change from take to take; painting each take onto a per-character map
 * (outer ranges first, inner ones over them) gives a measure that does not depend on that.
 */
export class CoverageTracker {
  private readonly session = session();
  private readonly scripts = new Map<string, ScriptState>();
  /** Source characters of src/ executed so far (the figure a run reports). */
  covered = 0;

  /** One tracker at a time per thread: every take resets the counters for all. */
  constructor(private readonly filter = '/dist/src/') {}

  /** The coverage since the previous take. */
  take(): readonly ScriptCoverage[] {
    const all = post(this.session, 'Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
    return all.result.filter((s) => s.url.includes(this.filter));
  }

  /** True when `taken` reached code not reached before; nothing is recorded. */
  isNew(taken: readonly ScriptCoverage[]): boolean {
    for (const s of taken) if (this.apply(s, false) > 0) return true;
    return false;
  }

  /** Records `taken`; returns how many source characters it reached for the first time. */
  merge(taken: readonly ScriptCoverage[]): number {
    let found = 0;
    for (const s of taken) found += this.apply(s, true);
    this.covered += found;
    return found;
  }

  /** Ends this tracker's measure (coverage itself stays on: see session()). */
  stop(): void {
    this.scripts.clear();
  }

  private apply(script: ScriptCoverage, record: boolean): number {
    const fns = [...script.functions].filter((f) => f.ranges.length > 0);
    if (fns.length === 0) return 0;
    // Outer functions first, so a function nested in another paints over its parent's count.
    fns.sort((a, b) => a.ranges[0].startOffset - b.ranges[0].startOffset || b.ranges[0].endOffset - a.ranges[0].endOffset);
    const state = this.state(script.scriptId, Math.max(...fns.map((f) => f.ranges[0].endOffset)));
    for (const f of fns) for (const r of f.ranges) state.now.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
    let found = 0;
    for (const f of fns) {
      const r = f.ranges[0];
      if (r.count === 0) continue;
      for (let i = r.startOffset; i < r.endOffset; i++) {
        if (state.now[i] === 1 && state.ever[i] === 0) {
          found++;
          if (record) state.ever[i] = 1;
        }
      }
    }
    return found;
  }

  private state(id: string, length: number): ScriptState {
    let s = this.scripts.get(id);
    if (s === undefined) {
      s = { ever: new Uint8Array(length), now: new Uint8Array(length) };
      this.scripts.set(id, s);
    } else if (s.ever.length < length) {
      const ever = new Uint8Array(length);
      ever.set(s.ever);
      s.ever = ever;
      s.now = new Uint8Array(length);
    }
    return s;
  }
}
