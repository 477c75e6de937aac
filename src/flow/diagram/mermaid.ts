import { portName, type DiagramFlow, type DiagramWidget } from './diagram-flow.ts';

/**
 * The Mermaid diagram, for Markdown: a `flowchart TD` with one node per widget (labelled with its
 * name and type; the start is a stadium) and one edge per wired transition, labelled with its
 * event or, for a split row, the row's friendly name. Transitions that end the flow draw nothing.
 */
export function flowMermaid(flow: DiagramFlow): string {
  const ids = nodeIds(flow.widgets);
  const lines = ['flowchart TD'];
  for (const widget of flow.widgets) {
    const label = `"${escapeLabel(widget.name)}<br/><small>${escapeLabel(widget.type)}</small>"`;
    lines.push(`  ${ids.get(widget)}${widget === flow.start ? `([${label}])` : `[${label}]`}`);
  }
  for (const widget of flow.widgets) {
    for (const port of widget.ports) {
      const target = port.next === undefined ? undefined : flow.byName.get(port.next);
      if (target) lines.push(`  ${ids.get(widget)} -->|"${escapeLabel(portName(port))}"| ${ids.get(target)}`);
    }
  }
  const unreachable = flow.widgets.filter((widget) => !flow.reachable.has(widget.name));
  if (unreachable.length > 0) {
    lines.push('  classDef unreachable stroke-dasharray: 5 5');
    lines.push(`  class ${unreachable.map((widget) => ids.get(widget)).join(',')} unreachable`);
  }
  return lines.join('\n');
}

/**
 * Mermaid ids allow letters, digits and `_`, and some words (`end`) are keywords, so every id is
 * `w_` and the name's safe characters, numbered when two names clean up to the same id.
 */
function nodeIds(widgets: DiagramWidget[]): Map<DiagramWidget, string> {
  const ids = new Map<DiagramWidget, string>();
  const taken = new Set<string>();
  for (const widget of widgets) {
    const base = `w_${widget.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let suffix = 2; taken.has(id); suffix++) id = `${base}_${suffix}`;
    taken.add(id);
    ids.set(widget, id);
  }
  return ids;
}

/** Mermaid's entity codes (`#34;`) for the characters that would end or mark up a quoted label. */
function escapeLabel(text: string): string {
  return text.replace(/["#<>&|`\n]/g, (character) => `#${character.charCodeAt(0)};`);
}
