import type { FlowPanelProps } from './flow-panel-props.ts';

/** Placeholder until the executions panel lands. */
export function ExecutionsPanel({ flow }: FlowPanelProps) {
  return <p className="muted">Executions of {flow.friendly_name}</p>;
}
