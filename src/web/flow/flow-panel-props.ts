import type { FlowJson } from '../api/types.ts';

/** One transition an execution took, as its Step shows it. */
export interface PathStep {
  from: string;
  event: string;
  to: string;
}

/**
 * What the flow page gives each panel beside the canvas (simulator, executions, revisions).
 * The page owns the editor's state; panels reach it only through these.
 */
export interface FlowPanelProps {
  /** The flow as last saved on the server. */
  flow: FlowJson;
  /** Saves unsaved canvas changes as a draft revision (nothing when there are none); the saved flow. */
  saveDraft(): Promise<FlowJson>;
  /** Loads the flow from the server into the editor again, after a panel changed it there. */
  reloadFlow(): Promise<void>;
  /** Highlights an execution's path on the canvas; `undefined` clears it. */
  showPath(path: PathStep[] | undefined): void;
  /** Selects a widget on the canvas and shows it. */
  selectWidget(name: string): void;
}
