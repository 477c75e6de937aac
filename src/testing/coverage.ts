import type { Step } from '../engine/execution-state.ts';
import type { FlowDefinition } from '../flow/definition.ts';

/** One widget of a flow, whether tests entered it, and which of its wired events they took. */
export interface WidgetCoverage {
  name: string;
  type: string;
  entered: boolean;
  transitions: Array<{ event: string; next: string; taken: boolean }>;
}

export interface FlowCoverage {
  flow: string;
  widgets: WidgetCoverage[];
  widgetsEntered: number;
  widgetCount: number;
  transitionsTaken: number;
  transitionCount: number;
}

/**
 * What the tests of a flow exercised. Widgets are every state but the Trigger; transitions are
 * the wired ones (widget × event with a `next`; a split's `match` once per condition), including the Trigger's: an unwired event only
 * ends the execution, and a Trigger event no channel of the tests uses would count against them.
 */
export function flowCoverage(flow: string, definition: FlowDefinition, steps: Step[]): FlowCoverage {
  const enteredNames = new Set(steps.map((step) => step.transitioned_to));
  // A split has one `match` per condition: a transition is its widget, event and destination.
  const taken = new Set(steps.map((step) => `${step.transitioned_from}\u0000${step.name}\u0000${step.transitioned_to}`));
  const widgets = definition.states.map((state) => ({
    name: state.name,
    type: state.type,
    entered: state.type === 'trigger' || enteredNames.has(state.name),
    // Two conditions of a split that lead to the same widget are one path: a step cannot tell them apart.
    transitions: [...new Map(state.transitions.filter((transition) => transition.next).map((transition) => [`${transition.event}\u0000${transition.next}`, transition])).values()].map((transition) => ({
      event: transition.event,
      next: transition.next as string,
      taken: taken.has(`${state.name}\u0000${transition.event}\u0000${transition.next}`),
    })),
  }));
  const counted = widgets.filter((widget) => widget.type !== 'trigger');
  const transitions = widgets.flatMap((widget) => widget.transitions);
  return {
    flow,
    widgets,
    widgetsEntered: counted.filter((widget) => widget.entered).length,
    widgetCount: counted.length,
    transitionsTaken: transitions.filter((transition) => transition.taken).length,
    transitionCount: transitions.length,
  };
}

/** Whole percent, rounded down so that 89.9% never reads as 90%. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100);
}

/** The table `--coverage` prints: one row per widget, then the flow's totals. */
export function coverageTable(coverage: FlowCoverage): string[] {
  const rows = coverage.widgets.map((widget) => {
    const events = widget.transitions.map((transition) => `${transition.taken ? '✓' : '✗'} ${transition.event}→${transition.next}`).join('  ');
    return [widget.type === 'trigger' ? '' : widget.entered ? '✓' : '✗', widget.name, widget.type, events];
  });
  const widths = [1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  return [
    `${coverage.flow}: widgets ${coverage.widgetsEntered}/${coverage.widgetCount} (${percent(coverage.widgetsEntered, coverage.widgetCount)}%), transitions ${coverage.transitionsTaken}/${coverage.transitionCount} (${percent(coverage.transitionsTaken, coverage.transitionCount)}%)`,
    ...rows.map(([mark, name, type, events]) => `  ${mark || ' '} ${name.padEnd(widths[0])}  ${type.padEnd(widths[1])}  ${events}`.trimEnd()),
  ];
}
