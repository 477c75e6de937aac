import dagre from '@dagrejs/dagre';
import type { FlowDefinition, WidgetState } from '../../api/types.ts';
import { moveWidgets, type Offset } from './definition-edits.ts';

/** Imported flows without positions: every widget at the same place, a missing offset counting as 0,0. */
export function needsLayout(definition: FlowDefinition): boolean {
  const { states } = definition;
  if (states.length === 1) return states[0].properties.offset === undefined;
  const places = new Set(states.map(({ properties: { offset } }) => `${offset?.x ?? 0},${offset?.y ?? 0}`));
  return places.size === 1;
}

/** Lays the flow out top to bottom along its transitions, as Studio draws flows. */
export function layoutDefinition(definition: FlowDefinition, sizeOf: (state: WidgetState) => { width: number; height: number }): FlowDefinition {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 90, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const state of definition.states) graph.setNode(state.name, sizeOf(state));
  for (const state of definition.states) {
    for (const transition of state.transitions) {
      if (transition.next !== undefined && graph.hasNode(transition.next) && transition.next !== state.name) graph.setEdge(state.name, transition.next);
    }
  }
  dagre.layout(graph);
  const offsets = new Map<string, Offset>();
  for (const state of definition.states) {
    const { x, y, width, height } = graph.node(state.name);
    // dagre places centres; offsets are top-left corners.
    offsets.set(state.name, { x: x - width / 2, y: y - height / 2 });
  }
  return moveWidgets(definition, offsets);
}
