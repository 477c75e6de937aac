import type { FlowPanelProps } from './flow-panel-props.ts';

/** Placeholder until the revisions panel lands. */
export function RevisionsPanel({ flow }: FlowPanelProps) {
  return <p className="muted">Revisions of {flow.friendly_name}</p>;
}
