// cluster: the primary's sum of its own query counters and every worker's, field by field without naming fields.

/**
 * A counter object as stats/ keeps them: fields that are numeric typed arrays, numbers, or objects of
 * such. Summing walks whatever fields there are, so a counter added to stats/ is summed over the workers
 * without a change here.
 */
export type CounterObject = object;

type Fields = Record<string, unknown>;

function isNumericArray(v: unknown): v is Float64Array | Uint32Array | Int32Array {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

function isPlainObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v);
}

/** into += from, for every numeric field of `from` that `into` has in the same shape (others are left alone). */
export function addCounters(into: CounterObject, from: CounterObject): void {
  const a = into as Fields;
  for (const [k, v] of Object.entries(from as Fields)) {
    const t = a[k];
    if (isNumericArray(v) && isNumericArray(t) && t.length === v.length) {
      for (let i = 0; i < v.length; i++) t[i] += v[i];
    } else if (typeof v === 'number' && typeof t === 'number') {
      a[k] = t + v;
    } else if (isPlainObject(v) && isPlainObject(t)) {
      addCounters(t, v);
    }
  }
}

/** into := from, for every numeric field (typed arrays are overwritten in place, so references to them stay valid). */
export function setCounters(into: CounterObject, from: CounterObject): void {
  const a = into as Fields;
  for (const [k, v] of Object.entries(from as Fields)) {
    const t = a[k];
    if (isNumericArray(v) && isNumericArray(t) && t.length === v.length) t.set(v);
    else if (typeof v === 'number' && typeof t === 'number') a[k] = v;
    else if (isPlainObject(v) && isPlainObject(t)) setCounters(t, v);
  }
}

/** A deep copy of the numeric fields (what a worker sends; structured clone would do the same). */
export function copyCounters(from: CounterObject): CounterObject {
  const out: Fields = {};
  for (const [k, v] of Object.entries(from as Fields)) {
    if (isNumericArray(v)) out[k] = v.slice();
    else if (typeof v === 'number') out[k] = v;
    else if (isPlainObject(v)) out[k] = copyCounters(v);
  }
  return out;
}

/** A copy of the shape with every count at zero. */
function zeroLike(o: CounterObject): CounterObject {
  const out: Fields = {};
  for (const [k, v] of Object.entries(o as Fields)) {
    if (isNumericArray(v)) out[k] = new Float64Array(v.length);
    else if (typeof v === 'number') out[k] = 0;
    else if (isPlainObject(v)) out[k] = zeroLike(v);
  }
  return out;
}

/** The total of a `queries` field (requests per transport), as NSD's per-process query_count. */
function queriesIn(c: CounterObject | null): number {
  const q = c === null ? undefined : (c as Fields).queries;
  if (!isNumericArray(q)) return 0;
  let n = 0;
  for (let i = 0; i < q.length; i++) n += q[i];
  return n;
}

/**
 * The counters of each worker slot (server0, server1, ... as NSD numbers its server processes): the
 * last report of the worker in the slot, plus what the slot's earlier workers had counted when they
 * died, so the sums never go down when a worker is replaced (Prometheus counters stay monotonic).
 */
export class SlotCounters {
  private readonly latest: (CounterObject | null)[];
  private readonly retired: (CounterObject | null)[];
  private baseline: number[];

  constructor(readonly slots: number) {
    this.latest = new Array<CounterObject | null>(slots).fill(null);
    this.retired = new Array<CounterObject | null>(slots).fill(null);
    this.baseline = new Array<number>(slots).fill(0);
  }

  /** A worker's report: its counters since it started. */
  update(slot: number, counters: CounterObject): void {
    this.latest[slot] = counters;
  }

  /** The slot's worker is gone: what it reported last is kept, and its successor counts from zero. */
  retire(slot: number): void {
    const last = this.latest[slot];
    if (last === null) return;
    const r = this.retired[slot] ?? zeroLike(last);
    addCounters(r, last);
    this.retired[slot] = r;
    this.latest[slot] = null;
  }

  /** target := own + every slot's counters. */
  sumInto(target: CounterObject, own: CounterObject): void {
    setCounters(target, own);
    for (let s = 0; s < this.slots; s++) {
      const r = this.retired[s];
      const l = this.latest[s];
      if (r !== null) addCounters(target, r);
      if (l !== null) addCounters(target, l);
    }
  }

  /** Requests counted by each slot since the last reset (NSD's server<i>.queries); `reset` starts again from zero. */
  queriesSinceReset(reset: boolean): number[] {
    const totals = this.latest.map((l, s) => queriesIn(l) + queriesIn(this.retired[s]));
    const out = totals.map((n, s) => n - this.baseline[s]);
    if (reset) this.baseline = totals;
    return out;
  }
}
