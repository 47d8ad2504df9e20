/**
 * Subset matching for expectations: every field named must be present with the value given;
 * numbers may be compared ({gt, gte, lt, lte}); nested maps match recursively; arrays match
 * element by element. Returns the first mismatch as a path, or undefined.
 */
export function mismatch(expected: unknown, seen: unknown, path = ''): string | undefined {
  if (isComparison(expected)) {
    if (typeof seen !== 'number') return `${path || 'value'}: expected a number, saw ${JSON.stringify(seen)}`;
    const { gt, gte, lt, lte } = expected;
    if (gt !== undefined && !(seen > gt)) return `${path}: expected > ${gt}, saw ${seen}`;
    if (gte !== undefined && !(seen >= gte)) return `${path}: expected >= ${gte}, saw ${seen}`;
    if (lt !== undefined && !(seen < lt)) return `${path}: expected < ${lt}, saw ${seen}`;
    if (lte !== undefined && !(seen <= lte)) return `${path}: expected <= ${lte}, saw ${seen}`;
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(seen)) return `${path}: expected a list, saw ${JSON.stringify(seen)}`;
    if (expected.length !== seen.length) return `${path}: expected ${expected.length} entries, saw ${seen.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], seen[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (seen === null || typeof seen !== 'object')
      return `${path || 'value'}: expected a map, saw ${JSON.stringify(seen)}`;
    for (const [key, value] of Object.entries(expected)) {
      const m = mismatch(value, (seen as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(expected, seen)
    ? undefined
    : `${path || 'value'}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`;
}

function isComparison(value: unknown): value is { gt?: number; gte?: number; lt?: number; lte?: number } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'gt' || k === 'gte' || k === 'lt' || k === 'lte');
}

/** Read `a.b.c` from a value. */
export function pathValue(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Replace ${name} in every string of a value with the captured variables. */
export function substitute<T>(value: T, variables: ReadonlyMap<string, unknown>): T {
  if (typeof value === 'string') {
    const whole = /^\$\{([\w.]+)\}$/.exec(value);
    if (whole && variables.has(whole[1]!)) return variables.get(whole[1]!) as T;
    return value.replace(/\$\{([\w.]+)\}/g, (text, name: string) =>
      variables.has(name) ? String(variables.get(name)) : text,
    ) as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((v) => substitute(v, variables)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, substitute(v, variables)]),
    ) as T;
  return value;
}
