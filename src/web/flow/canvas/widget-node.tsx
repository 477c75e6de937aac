import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import type { WidgetState, WidgetTypeJson } from '../../api/types.ts';
import { handleCentre } from '../editor/node-geometry.ts';
import type { Issue } from '../editor/validation-issues.ts';
import type { WidgetHandle } from '../editor/widget-handles.ts';
import { WidgetIcon } from './widget-icon.tsx';
import './widget-node.css';

export interface WidgetNodeData extends Record<string, unknown> {
  state: WidgetState;
  declaration: WidgetTypeJson | undefined;
  handles: WidgetHandle[];
  summary: string;
  issues: Issue[] | undefined;
  width: number;
  isTrigger: boolean;
}

export type WidgetNodeType = Node<WidgetNodeData, 'widget'>;

/** Below this zoom the text is too small to read: nodes draw only their name, which pans faster. */
const detailZoom = 0.35;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < detailZoom;

/** One widget on the canvas: name, icon, type, summary, a problem marker, and a handle per event. */
export const WidgetNode = memo(function WidgetNode({ data, selected }: NodeProps<WidgetNodeType>) {
  const { state, declaration, handles, summary, issues, width, isTrigger } = data;
  const compact = useStore(zoomedOut);
  const errors = issues?.filter((issue) => issue.severity === 'error').length ?? 0;
  const sourceHandles = handles.map((handle, index) => (
    <Handle key={handle.id} type="source" position={Position.Bottom} id={handle.id} className="widget-node-handle" style={{ left: handleCentre(index, handles.length, width) }} title={handle.label} />
  ));
  const targetHandle = <Handle type="target" position={Position.Top} id="in" className="widget-node-handle" />;
  if (compact) {
    return (
      <div className={`widget-node compact${selected ? ' selected' : ''}${errors > 0 ? ' has-errors' : ''}`} style={{ width }}>
        {targetHandle}
        <span className="widget-node-name">{state.name}</span>
        {sourceHandles}
      </div>
    );
  }
  return (
    <div className={`widget-node${selected ? ' selected' : ''}`} style={{ width }}>
      {targetHandle}
      <div className="widget-node-header">
        <WidgetIcon group={declaration?.group} />
        <span className="widget-node-name">{state.name}</span>
        {issues && issues.length > 0 && (
          <span className={`widget-node-issues ${errors > 0 ? 'error' : 'warning'}`} title={issues.map((issue) => `${issue.severity}: ${issue.message}`).join('\n')} aria-label={`${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`}>
            {issues.length}
          </span>
        )}
      </div>
      <div className="widget-node-type">
        {declaration?.label ?? state.type}
        {declaration?.runs === false && !isTrigger && <span className="widget-node-no-run" title="Switchboard cannot run this widget type yet">does not run here</span>}
      </div>
      <div className="widget-node-summary" title={summary}>{summary}</div>
      <div className="widget-node-events">
        {handles.map((handle) => <span key={handle.id} className="widget-node-event" title={handle.label}>{handle.label}</span>)}
      </div>
      {sourceHandles}
    </div>
  );
});
