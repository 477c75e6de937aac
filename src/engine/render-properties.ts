import type { RenderedProperties, WidgetDeclaration } from '../widgets/widget.ts';

/**
 * A widget's properties as its run sees them: defaults filled in, and each Liquid property (a
 * string, or the values of a key-value list) rendered with `render`.
 */
export function renderProperties(widget: WidgetDeclaration, properties: Record<string, unknown>, render: (template: string) => string): RenderedProperties {
  const rendered: RenderedProperties = { ...properties };
  for (const [key, spec] of Object.entries(widget.properties)) {
    const value = rendered[key] ?? spec.default;
    if (!spec.liquid) rendered[key] = value;
    else if (typeof value === 'string') rendered[key] = render(value);
    else if (spec.keyValueItems && Array.isArray(value)) {
      rendered[key] = value.map((item) =>
        item && typeof item === 'object' ? { ...item, value: render(String(item.value ?? '')) } : item,
      );
    } else rendered[key] = value;
  }
  return rendered;
}
