import type { DiagramFlow, DiagramPort, DiagramWidget } from './diagram-flow.ts';

interface Step {
  number: string;
  /** The transition that leads here; absent for the start. */
  port?: DiagramPort;
  target: string;
}

/**
 * The ASCII diagram: a numbered outline in the spirit of Extended TwiML's (`1 - SAY "…"`,
 * `1.1 - …`). It starts at the Trigger and follows wired events depth-first in event order, one
 * nesting level per transition. A widget is spelled out once: a later transition to it points at
 * its number, as a loop when it leads back to a widget on the way here. Each widget says which
 * of its events end the flow.
 */
export function flowOutline(flow: DiagramFlow): string {
  const lines: string[] = [];
  const numbers = new Map<string, string>();
  // An explicit stack rather than recursion: a chain of a few thousand widgets is a valid flow.
  const pending: Step[] = flow.start ? [{ number: '1', target: flow.start.name }] : [];
  if (!flow.start) lines.push('(no Trigger: the flow has no widget to start at)');
  for (let step = pending.pop(); step; step = pending.pop()) {
    const { number, port } = step;
    const indent = '  '.repeat(number.split('.').length - 1);
    const via = port ? `${portLabel(port)} ` : '';
    const widget = flow.byName.get(step.target);
    const shown = numbers.get(step.target);
    if (!widget) {
      lines.push(`${indent}${number} - ${via}→ ${step.target} (no such widget)`);
    } else if (shown !== undefined) {
      const marker = number.startsWith(`${shown}.`) ? '↺ loops to' : '↪ goes to';
      lines.push(`${indent}${number} - ${via}${marker} ${shown} ${widget.name}`);
    } else {
      numbers.set(widget.name, number);
      lines.push(`${indent}${number} - ${port ? `${via}→ ` : ''}${describe(widget)}`);
      const ending = widget.ports.filter((exit) => exit.next === undefined).map(portLabel);
      if (ending.length > 0) lines.push(`${indent}  ■ end on ${ending.join(', ')}`);
      const wired = widget.ports.filter((exit) => exit.next !== undefined);
      pending.push(...wired.map((exit, index) => ({ number: `${number}.${index + 1}`, port: exit, target: exit.next! })).reverse());
    }
  }
  const unreachable = flow.widgets.filter((widget) => !flow.reachable.has(widget.name));
  if (unreachable.length > 0) lines.push('', 'Not reachable:', ...unreachable.map((widget) => `- ${describe(widget)}`));
  return lines.join('\n');
}

/** `match "1"` for a split row, so that the outline still says it is a match; else the event. */
function portLabel(port: DiagramPort): string {
  return port.condition === undefined ? port.event : `${port.event} "${port.condition}"`;
}

function describe(widget: DiagramWidget): string {
  return `${widget.name} (${widget.type})${widget.summary ? ` "${widget.summary}"` : ''}`;
}
