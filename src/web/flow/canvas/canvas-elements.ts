import { Position, type Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { FlowDefinition, WidgetState, WidgetTypeJson } from '../../api/types.ts';
import { handleCentre, handleSize, nodeHeight, nodeWidth } from '../editor/node-geometry.ts';
import { transitionKey, type PathHighlight } from '../editor/path-highlight.ts';
import type { Issue, IssueIndex } from '../editor/validation-issues.ts';
import { handleTargets, widgetHandles } from '../editor/widget-handles.ts';
import { widgetSummary } from '../editor/widget-summary.ts';
import type { WidgetNodeType } from './widget-node.tsx';

interface NodeInputs {
  state: WidgetState;
  declaration: WidgetTypeJson | undefined;
  selected: boolean;
  issues: Issue[] | undefined;
  onPath: boolean | undefined;
}

/**
 * The React Flow nodes of a definition. A node object is rebuilt only when what it shows
 * changed, so React Flow and the memoised node component skip the rest: an edit or a drag in
 * a 2,000-widget flow redraws one node.
 */
export function useWidgetNodes(definition: FlowDefinition, types: ReadonlyMap<string, WidgetTypeJson>, selected: ReadonlySet<string>, issues: IssueIndex, path: PathHighlight | undefined): WidgetNodeType[] {
  const cache = useRef(new Map<string, { inputs: NodeInputs; node: WidgetNodeType }>());
  return useMemo(() => {
    const next = new Map<string, { inputs: NodeInputs; node: WidgetNodeType }>();
    const nodes = definition.states.map((state) => {
      const inputs: NodeInputs = { state, declaration: types.get(state.type), selected: selected.has(state.name), issues: issues.byWidget.get(state.name), onPath: path?.widgets.has(state.name) };
      const cached = cache.current.get(state.name);
      const node = cached && sameInputs(cached.inputs, inputs) ? cached.node : widgetNode(inputs, state.name === definition.initial_state);
      next.set(state.name, { inputs, node });
      return node;
    });
    cache.current = next;
    return nodes;
  }, [definition, types, selected, issues, path]);
}

function sameInputs(a: NodeInputs, b: NodeInputs): boolean {
  return a.state === b.state && a.declaration === b.declaration && a.selected === b.selected && a.issues === b.issues && a.onPath === b.onPath;
}

function widgetNode({ state, declaration, selected, issues, onPath }: NodeInputs, isTrigger: boolean): WidgetNodeType {
  const handles = widgetHandles(state, declaration);
  const width = nodeWidth(handles.length);
  return {
    id: state.name,
    type: 'widget',
    position: state.properties.offset ?? { x: 0, y: 0 },
    data: { state, declaration, handles, summary: widgetSummary(state, declaration), issues, width, isTrigger },
    selected,
    deletable: !isTrigger,
    ariaLabel: `${state.name}, ${declaration?.label ?? state.type}`,
    className: onPath ? 'on-path' : undefined,
    width,
    height: nodeHeight,
    measured: { width, height: nodeHeight },
    // Where the node's CSS puts its handles, so nodes off screen need no measuring.
    handles: [
      { id: 'in', type: 'target', position: Position.Top, x: width / 2 - handleSize / 2, y: -handleSize / 2, width: handleSize, height: handleSize },
      ...handles.map((handle, index) => ({
        id: handle.id, type: 'source' as const, position: Position.Bottom,
        x: handleCentre(index, handles.length, width) - handleSize / 2, y: nodeHeight - handleSize / 2, width: handleSize, height: handleSize,
      })),
    ],
  };
}

interface EdgeInputs {
  target: string;
  selected: boolean;
  onPath: boolean | undefined;
}

/** The edges: one per transition with a `next`, from the event's handle; cached like the nodes. */
export function useTransitionEdges(definition: FlowDefinition, types: ReadonlyMap<string, WidgetTypeJson>, selectedEdges: ReadonlySet<string>, path: PathHighlight | undefined): Edge[] {
  const cache = useRef(new Map<string, { inputs: EdgeInputs; edge: Edge }>());
  const previous = useRef<Edge[]>([]);
  return useMemo(() => {
    const names = new Set(definition.states.map((state) => state.name));
    const next = new Map<string, { inputs: EdgeInputs; edge: Edge }>();
    const edges: Edge[] = [];
    for (const state of definition.states) {
      for (const { handle, next: target } of handleTargets(state, types.get(state.type))) {
        if (target === undefined || !names.has(target)) continue;
        const id = `${state.name}:${handle.id}`;
        const inputs: EdgeInputs = { target, selected: selectedEdges.has(id), onPath: path?.transitions.has(transitionKey(state.name, handle.event, target)) };
        const cached = cache.current.get(id);
        const edge = cached && cached.inputs.target === target && cached.inputs.selected === inputs.selected && cached.inputs.onPath === inputs.onPath
          ? cached.edge
          : { id, source: state.name, sourceHandle: handle.id, target, targetHandle: 'in', selected: inputs.selected, className: inputs.onPath ? 'on-path' : undefined, ariaLabel: `Transition from ${state.name} on ${handle.label} to ${target}` };
        next.set(id, { inputs, edge });
        edges.push(edge);
      }
    }
    cache.current = next;
    // A new array makes React Flow rebuild its lookups of every edge: keep the old one when no
    // edge changed, as while a widget is dragged or its properties typed.
    if (edges.length !== previous.current.length || edges.some((edge, index) => edge !== previous.current[index])) previous.current = edges;
    return previous.current;
  }, [definition, types, selectedEdges, path]);
}
