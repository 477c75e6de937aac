import { useCallback, useMemo, useRef, useState } from 'react';
import type { FlowDefinition } from '../../api/types.ts';
import { commit, createHistory, preview, redo, undo, type History } from './history.ts';

/** The definition being edited, its undo history, what is selected, and whether it is saved. */
export interface FlowEditor {
  definition: FlowDefinition;
  selected: ReadonlySet<string>;
  unsaved: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The latest definition, for event handlers that may run before the next render. */
  current(): FlowDefinition;
  /** Whether the latest definition differs from the saved one (for handlers, like `current`). */
  hasUnsavedChanges(): boolean;
  /** The latest selection, for handlers, like `current`. */
  currentSelection(): ReadonlySet<string>;
  /** Starts over on a definition from the server (a load or a reload): no history, saved. */
  load(definition: FlowDefinition): void;
  /** Records an edit; `base` is where a previewed edit (a drag, typing) started. */
  commit(next: FlowDefinition, base?: FlowDefinition): void;
  /** Shows an edit in progress without recording an undo step. */
  preview(next: FlowDefinition): void;
  undo(): void;
  redo(): void;
  select(names: Iterable<string>): void;
  /** The server now holds this definition. */
  markSaved(definition: FlowDefinition): void;
}

interface EditorState {
  history: History;
  saved: FlowDefinition;
  selected: ReadonlySet<string>;
}

const emptyFlow: FlowDefinition = { description: '', initial_state: 'Trigger', states: [] };

export function useFlowEditor(): FlowEditor {
  const [state, setState] = useState<EditorState>(() => ({ history: createHistory(emptyFlow), saved: emptyFlow, selected: new Set() }));
  // Handlers read and write through the ref, so two edits in one event both land.
  const latest = useRef(state);
  const update = useCallback((change: (state: EditorState) => EditorState) => {
    latest.current = change(latest.current);
    setState(latest.current);
  }, []);

  const actions = useMemo(() => ({
    current: () => latest.current.history.present,
    hasUnsavedChanges: () => latest.current.history.present !== latest.current.saved,
    currentSelection: () => latest.current.selected,
    load: (definition: FlowDefinition) => update(() => ({ history: createHistory(definition), saved: definition, selected: new Set() })),
    commit: (next: FlowDefinition, base?: FlowDefinition) => update((state) => ({ ...state, history: commit(state.history, next, base) })),
    preview: (next: FlowDefinition) => update((state) => ({ ...state, history: preview(state.history, next) })),
    undo: () => update((state) => ({ ...state, history: undo(state.history) })),
    redo: () => update((state) => ({ ...state, history: redo(state.history) })),
    select: (names: Iterable<string>) => update((state) => ({ ...state, selected: new Set(names) })),
    markSaved: (definition: FlowDefinition) => update((state) => ({ ...state, saved: definition })),
  }), [update]);

  return {
    ...actions,
    definition: state.history.present,
    selected: state.selected,
    unsaved: state.history.present !== state.saved,
    canUndo: state.history.past.length > 0,
    canRedo: state.history.future.length > 0,
  };
}
