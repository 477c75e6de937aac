import { useState } from 'react';
import { useRoute } from '../router.ts';
import { ExecutionDetail } from './executions/execution-detail.tsx';
import type { ExecutionFilter } from './executions/execution-list.ts';
import { ExecutionList } from './executions/execution-list-view.tsx';
import type { FlowPanelProps } from './flow-panel-props.ts';
import './executions-panel.css';

/**
 * The execution inspector: the flow's executions, filtered and live, and the one the route's
 * `execution` names, with its steps and context. The filters outlive opening an execution.
 */
export function ExecutionsPanel(props: FlowPanelProps) {
  const openSid = useRoute().query.get('execution');
  const [filter, setFilter] = useState<ExecutionFilter>({ contact: '' });
  return openSid
    ? <ExecutionDetail key={openSid} {...props} executionSid={openSid} />
    : <ExecutionList flowSid={props.flow.sid} filter={filter} onFilterChange={setFilter} />;
}
