import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { onStreamEvent } from '../../api/event-stream.ts';
import type { ExecutionJson, StepJson } from '../../api/types.ts';
import { JsonTree } from '../../components/json-tree.tsx';
import type { FlowPanelProps } from '../flow-panel-props.ts';
import { endExecution, executionContext, executionPath, listSteps, pathOfSteps } from './execution-api.ts';
import { formatDateTime } from './format-time.ts';
import { StepTimeline } from './step-timeline.tsx';
import './execution-detail.css';

/**
 * One execution: its steps as a timeline, each with its context, and its context now. The
 * canvas highlights its path; every committed sprint (an `execution` event) reloads it.
 */
export function ExecutionDetail({ flow, showPath, selectWidget, executionSid }: FlowPanelProps & { executionSid: string }) {
  const [execution, setExecution] = useState<ExecutionJson>();
  const [steps, setSteps] = useState<StepJson[]>();
  const [context, setContext] = useState<Record<string, unknown>>();
  const [error, setError] = useState<string>();
  const [ending, setEnding] = useState(false);
  // Reloads can overlap when sprints come fast; only the latest one's answer is shown.
  const latestReload = useRef(0);

  const reload = useCallback(async () => {
    const reload = ++latestReload.current;
    try {
      const [loaded, loadedSteps, loadedContext] = await Promise.all([
        call<ExecutionJson>('GET', executionPath(flow.sid, executionSid)),
        listSteps(flow.sid, executionSid),
        executionContext(flow.sid, executionSid),
      ]);
      if (reload !== latestReload.current) return;
      setExecution(loaded);
      setSteps(loadedSteps);
      setContext(loadedContext);
      setError(undefined);
    } catch (failure) {
      if (reload === latestReload.current) setError((failure as Error).message);
    }
  }, [flow.sid, executionSid]);

  useEffect(() => {
    void reload();
    return onStreamEvent('execution', (changed) => {
      if (changed.sid === executionSid) void reload();
    });
  }, [reload, executionSid]);

  // The page's showPath may change on every render; the path follows the steps alone.
  const showPathNow = useRef(showPath);
  showPathNow.current = showPath;
  useEffect(() => {
    if (steps) showPathNow.current(pathOfSteps(steps));
  }, [steps]);
  useEffect(() => () => showPathNow.current(undefined), []);

  const end = async () => {
    setEnding(true);
    try {
      setExecution(await endExecution(flow.sid, executionSid));
      await reload();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setEnding(false);
    }
  };

  return (
    <article className="execution-detail" aria-labelledby="execution-heading">
      <a href={`#/flows/${flow.sid}?tab=executions`} className="back-link">← All executions</a>
      {error && <p role="alert" className="error">{error}</p>}
      {execution && (
        <header className="execution-header">
          <h2 id="execution-heading">
            {execution.contact_channel_address} <span className={`badge ${execution.status}`}>{execution.status}</span>
          </h2>
          <dl className="execution-facts">
            <dt>Execution</dt>
            <dd className="mono">{execution.sid}</dd>
            <dt>Started</dt>
            <dd><time dateTime={execution.date_created}>{formatDateTime(execution.date_created)}</time></dd>
            <dt>Revision</dt>
            <dd>{execution.flow_version}</dd>
          </dl>
          {execution.status === 'active' && (
            <button type="button" className="danger" disabled={ending} onClick={() => void end()}>End execution</button>
          )}
        </header>
      )}
      <section aria-labelledby="steps-heading">
        <h3 id="steps-heading">Steps{steps ? ` (${steps.length})` : ''}</h3>
        {steps ? <StepTimeline flowSid={flow.sid} steps={steps} selectWidget={selectWidget} /> : !error && <p className="muted">Loading steps…</p>}
      </section>
      <section aria-labelledby="context-heading">
        <h3 id="context-heading">Context now</h3>
        {context && <JsonTree value={context} label="Execution context" />}
      </section>
    </article>
  );
}
