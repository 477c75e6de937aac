import type { FlowPanelProps } from './flow-panel-props.ts';

/** Placeholder until the simulator panel lands. */
export function SimulatorPanel({ flow }: FlowPanelProps) {
  return <p className="muted">Simulator of {flow.friendly_name}</p>;
}
