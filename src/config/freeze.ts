// Deep freeze for the loaded config: a snapshot nobody can change after loading.

/** Freeze an object graph of plain objects and arrays, depth-first. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
