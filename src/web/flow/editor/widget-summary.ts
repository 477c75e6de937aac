import type { WidgetState, WidgetTypeJson } from '../../api/types.ts';

const longest = 80;

/**
 * A node's one-line summary, from its declaration alone: the first required property that has
 * a value, else the first Liquid text, else any value; lists show their keys. A widget without
 * properties (the Trigger) shows where its events lead.
 */
export function widgetSummary(state: WidgetState, declaration: WidgetTypeJson | undefined): string {
  const specs = Object.entries(declaration?.properties ?? {});
  const ranked = [
    ...specs.filter(([, spec]) => spec.required),
    ...specs.filter(([, spec]) => !spec.required && spec.liquid && spec.types.includes('string')),
    ...specs.filter(([, spec]) => !spec.required && !(spec.liquid && spec.types.includes('string'))),
  ];
  for (const [key] of ranked) {
    const text = describeValue(state.properties[key]);
    if (text) return shorten(text);
  }
  return shorten(state.transitions.filter((transition) => transition.next !== undefined).map((transition) => `${transition.event} → ${transition.next}`).join(', '));
}

function shorten(text: string): string {
  return text.length > longest ? `${text.slice(0, longest - 1)}…` : text;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const keys = value.map((item: unknown) => (item && typeof item === 'object' ? (item as { key?: unknown }).key : undefined)).filter((key) => typeof key === 'string');
    return keys.length > 0 ? keys.join(', ') : '';
  }
  return '';
}
