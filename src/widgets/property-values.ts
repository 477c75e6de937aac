import type { RenderedProperties } from './widget.ts';

/**
 * Reading rendered widget properties, whose JSON types real exports do not always respect:
 * a string trimmed (anything else is empty), a whole number from Studio's numeric strings,
 * and `[{key, value}]` lists as name/value pairs.
 */

export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A whole number, written as a number or a numeric string (`"3600"`), else the fallback. */
export function wholeNumber(value: unknown, fallback: number): number {
  const written = typeof value === 'number' ? String(value) : text(value);
  return /^\d+$/.test(written) ? Number(written) : fallback;
}

/** A `[{key, value}]` property as name/value pairs; items without a key are left out. */
export function keyValuePairs(props: RenderedProperties, name: string): Array<[string, string]> {
  const list = props[name];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { key, value } = item as { key?: unknown; value?: unknown };
    return typeof key === 'string' && key !== '' ? [[key, value === undefined || value === null ? '' : String(value)] as [string, string]] : [];
  });
}
