import type { FlowDefinition } from '../../api/types.ts';

/** The editor's undo history: whole definitions, which share the states an edit left alone. */
export interface History {
  past: FlowDefinition[];
  present: FlowDefinition;
  future: FlowDefinition[];
}

const maximumUndos = 200;

export function createHistory(present: FlowDefinition): History {
  return { past: [], present, future: [] };
}

/**
 * Records an edit. `base` is the definition the edit started from when the present has been
 * previewed since (a drag shows each move, and only the drop is one step to undo).
 */
export function commit(history: History, next: FlowDefinition, base: FlowDefinition = history.present): History {
  if (next === base) return { ...history, present: next };
  return { past: [...history.past, base].slice(-maximumUndos), present: next, future: [] };
}

/** Shows a definition without recording a step. */
export function preview(history: History, next: FlowDefinition): History {
  return { ...history, present: next };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const [next, ...future] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future };
}
