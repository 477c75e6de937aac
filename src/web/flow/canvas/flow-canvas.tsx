import { Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange, type OnBeforeDelete } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type DragEvent, type Ref } from 'react';
import type { FlowDefinition, WidgetState, WidgetTypeJson } from '../../api/types.ts';
import type { PathStep } from '../flow-panel-props.ts';
import { addWidget, deleteWidgets, freeOffset, moveWidgets, newWidget, setTransition, type Offset } from '../editor/definition-edits.ts';
import { nodeHeight, nodeWidth, widgetSize } from '../editor/node-geometry.ts';
import type { FlowEditor } from '../editor/use-flow-editor.ts';
import type { IssueIndex } from '../editor/validation-issues.ts';
import { pathHighlight } from '../editor/path-highlight.ts';
import { useTransitionEdges, useWidgetNodes } from './canvas-elements.ts';
import { DotGrid } from './dot-grid.tsx';
import { FlowMiniMap } from './flow-minimap.tsx';
import { WidgetNode, type WidgetNodeType } from './widget-node.tsx';
import './flow-canvas.css';

/** The drag-and-drop type palette items carry: the widget type. */
export const widgetDragType = 'application/x-switchboard-widget';

/** What the page can ask of the canvas. */
export interface CanvasHandle {
  /** Moves the view to put the widget in the middle. */
  centreOn(name: string): void;
  /** Adds a widget below the selected one (or in the middle of the view) and selects it. */
  addWidget(type: string): void;
  fitView(): void;
}

interface FlowCanvasProps {
  editor: FlowEditor;
  types: ReadonlyMap<string, WidgetTypeJson>;
  issues: IssueIndex;
  path: PathStep[] | undefined;
  /** A widget was double-clicked: show its form. */
  onOpenWidget(name: string): void;
  ref?: Ref<CanvasHandle>;
}

const nodeTypes = { widget: WidgetNode };
/** Past this many widgets the first view shows the Trigger at full size rather than the whole flow. */
const fitAllUpTo = 150;
const gap = 60;

/** The flow drawn with React Flow: drag, connect, select, delete, drop widgets from the palette. */
export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasView {...props} />
    </ReactFlowProvider>
  );
}

function CanvasView({ editor, types, issues, path, onOpenWidget, ref }: FlowCanvasProps) {
  const flow = useReactFlow<WidgetNodeType>();
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const highlight = useMemo(() => pathHighlight(path), [path]);
  const nodes = useWidgetNodes(editor.definition, types, editor.selected, issues, highlight);
  const edges = useTransitionEdges(editor.definition, types, selectedEdges, highlight);
  const dragBase = useRef<FlowDefinition | undefined>(undefined);
  const surface = useRef<HTMLDivElement>(null);
  // Fitting waits for the render that passes the new nodes to React Flow (whose store takes them
  // in its own effects, which run before this component's).
  const [fitRequests, setFitRequests] = useState(0);
  useEffect(() => {
    if (fitRequests > 0) void flow.fitView({ maxZoom: 1 });
  }, [fitRequests, flow]);

  const place = useCallback((type: string, wanted: Offset) => {
    const declaration = types.get(type);
    if (!declaration) return;
    const current = editor.current();
    const sizeOf = (state: WidgetState) => widgetSize(state, types);
    const topLeft = freeOffset(current, wanted, sizeOf(newWidget(declaration, '', wanted)), sizeOf);
    const { definition, name } = addWidget(current, declaration, topLeft);
    editor.commit(definition);
    editor.select([name]);
  }, [editor, types]);

  useImperativeHandle(ref, () => ({
    centreOn(name) {
      const offset = editor.current().states.find((state) => state.name === name)?.properties.offset ?? { x: 0, y: 0 };
      const node = nodes.find((each) => each.id === name);
      void flow.setCenter(offset.x + (node?.width ?? 0) / 2, offset.y + nodeHeight / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
    },
    addWidget(type) {
      const definition = editor.current();
      const [selectedName] = editor.currentSelection();
      const selected = definition.states.find((state) => state.name === selectedName);
      if (selected?.properties.offset) {
        place(type, { x: selected.properties.offset.x, y: selected.properties.offset.y + nodeHeight + gap });
        return;
      }
      const pane = surface.current?.getBoundingClientRect();
      const centre = pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
      place(type, { x: centre.x - nodeWidth(0) / 2, y: centre.y - nodeHeight / 2 });
    },
    fitView() {
      setFitRequests((count) => count + 1);
    },
  }), [editor, flow, nodes, place]);

  const onNodesChange = useCallback((changes: NodeChange<WidgetNodeType>[]) => {
    const moved = new Map<string, Offset>();
    let selection: Set<string> | undefined;
    for (const change of changes) {
      if (change.type === 'position' && change.position) moved.set(change.id, change.position);
      if (change.type === 'select') {
        selection ??= new Set(editor.currentSelection());
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
    }
    if (moved.size > 0) {
      // A mouse drag is one undo step, recorded when it stops; an arrow key's move is one itself.
      const next = moveWidgets(editor.current(), moved);
      if (dragBase.current) editor.preview(next);
      else editor.commit(next);
    }
    if (selection) editor.select(selection);
  }, [editor]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of changes) {
        if (change.type === 'select') {
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
        }
      }
      return next;
    });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (!connection.sourceHandle) return;
    editor.commit(setTransition(editor.current(), connection.source, connection.sourceHandle, connection.target));
  }, [editor]);

  // The Trigger cannot be deleted; its node says so, and this keeps it out of mixed selections.
  const onBeforeDelete: OnBeforeDelete<WidgetNodeType, Edge> = useCallback(async ({ nodes, edges }) => ({ nodes: nodes.filter((node) => node.deletable !== false), edges }), []);

  const onDelete = useCallback(({ nodes, edges }: { nodes: WidgetNodeType[]; edges: Edge[] }) => {
    const doomed = new Set(nodes.map((node) => node.id));
    let definition = deleteWidgets(editor.current(), doomed);
    for (const edge of edges) {
      if (!doomed.has(edge.source) && !doomed.has(edge.target) && edge.sourceHandle) definition = setTransition(definition, edge.source, edge.sourceHandle, undefined);
    }
    editor.commit(definition);
    editor.select([...editor.currentSelection()].filter((name) => !doomed.has(name)));
    setSelectedEdges(new Set());
  }, [editor]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(widgetDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(widgetDragType);
    if (!type) return;
    event.preventDefault();
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    place(type, { x: point.x - nodeWidth(0) / 2, y: point.y - nodeHeight / 2 });
  }, [flow, place]);

  const big = editor.definition.states.length > fitAllUpTo;
  return (
    <div ref={surface} className={`flow-canvas-surface${highlight ? ' showing-path' : ''}`}>
      <ReactFlow<WidgetNodeType>
        aria-label="Flow canvas"
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={() => {
          dragBase.current = editor.current();
        }}
        onNodeDragStop={() => {
          if (dragBase.current) editor.commit(editor.current(), dragBase.current);
          dragBase.current = undefined;
        }}
        onNodeDoubleClick={(_, node) => onOpenWidget(node.id)}
        onBeforeDelete={onBeforeDelete}
        onDelete={onDelete}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={['Delete', 'Backspace']}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={big ? { nodes: [{ id: editor.definition.initial_state }], maxZoom: 1, minZoom: 1 } : { maxZoom: 1 }}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <DotGrid gap={24} />
        <Controls position="bottom-left" />
        <FlowMiniMap definition={editor.definition} types={types} selected={editor.selected} />
      </ReactFlow>
    </div>
  );
}
