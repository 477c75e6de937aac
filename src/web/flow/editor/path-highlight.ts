import type { PathStep } from '../flow-panel-props.ts';

/** An execution's path as the canvas looks it up: widgets, and `from|event|to` transitions. */
export interface PathHighlight {
  widgets: Set<string>;
  transitions: Set<string>;
}

export function pathHighlight(path: PathStep[] | undefined): PathHighlight | undefined {
  if (!path) return undefined;
  return {
    widgets: new Set(path.flatMap((step) => [step.from, step.to])),
    transitions: new Set(path.map((step) => transitionKey(step.from, step.event, step.to))),
  };
}

export function transitionKey(from: string, event: string, to: string): string {
  return `${from}|${event}|${to}`;
}
