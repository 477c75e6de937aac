/**
 * How deeply objects and arrays may nest in JSON taken from outside (a flow definition, an
 * Execution's `Parameters`). Real flows nest about 8 deep; much deeper JSON overflows the stack
 * of JSON.stringify when it is stored.
 */
export const maxJsonDepth = 64;

/** Whether a parsed JSON value nests objects and arrays more than `limit` deep (walked without recursion). */
export function nestsDeeperThan(value: unknown, limit = maxJsonDepth): boolean {
  const pending: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.item === null || typeof next.item !== 'object') continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.item)) pending.push({ item: child, depth: next.depth + 1 });
  }
  return false;
}

/** JSON text that holds an object, parsed; undefined for anything else, and for an object nested more than maxJsonDepth deep. */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    return isObject && !nestsDeeperThan(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
