import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
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

/** One widget on the canvas: name, icon, type, summary, a problem marker, and a handle per event. */
export const WidgetNode = memo(function WidgetNode({ data, selected }: NodeProps<WidgetNodeType>) {
  const { state, declaration, handles, summary, issues, width, isTrigger } = data;
  const errors = issues?.filter((issue) => issue.severity === 'error').length ?? 0;
  return (
    <div className={`widget-node${selected ? ' selected' : ''}`} style={{ width }}>
      <Handle type="target" position={Position.Top} id="in" className="widget-node-handle" />
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
      {handles.map((handle, index) => (
        <Handle key={handle.id} type="source" position={Position.Bottom} id={handle.id} className="widget-node-handle" style={{ left: handleCentre(index, handles.length, width) }} title={handle.label} />
      ))}
    </div>
  );
});
