import { useEffect, useRef, useState } from 'react';
import { callFile } from '../../api/client.ts';
import { onStreamEvent } from '../../api/event-stream.ts';
import type { ExecutionJson, StepJson } from '../../api/types.ts';
import { executionHref, listExecutions, listSteps, pathOfSteps } from '../executions/execution-api.ts';
import { downloadText } from '../flow-files.ts';
import type { FlowPanelProps } from '../flow-panel-props.ts';

interface LatestExecutionProps {
  flowSid: string;
  /** The contacts the simulator acts as: its executions are the ones followed. */
  contacts: string[];
  /** An execution the simulator just started (a REST trigger). */
  started?: ExecutionJson;
  refreshToken: number;
  showPath: FlowPanelProps['showPath'];
}

/**
 * The simulator's latest execution, live: its status, its steps so far and a link to it in the
 * Executions tab; the canvas follows its path. "Save as test" downloads it as a flow test file,
 * which the server writes (the same writer as `switchboard chat --record`).
 */
export function LatestExecution({ flowSid, contacts, started, refreshToken, showPath }: LatestExecutionProps) {
  const [execution, setExecution] = useState<ExecutionJson>();
  const [loadedSteps, setLoadedSteps] = useState<{ executionSid: string; steps: StepJson[] }>();
  const [saveError, setSaveError] = useState<string>();
  const steps = loadedSteps && loadedSteps.executionSid === execution?.sid ? loadedSteps.steps : [];
  const contactKey = contacts.join(' ');

  useEffect(() => {
    const followed = contactKey.split(' ');
    let current = true;
    listExecutions(flowSid, {}).then(
      (page) => current && setExecution((known) => newer(known, page.executions.find((each) => followed.includes(each.contact_channel_address)))),
      () => undefined,
    );
    const stop = onStreamEvent('execution', (changed) => {
      if (changed.flow_sid === flowSid && followed.includes(changed.contact_channel_address)) setExecution(changed);
    });
    return () => {
      current = false;
      stop();
    };
  }, [flowSid, contactKey, refreshToken]);

  useEffect(() => {
    if (started) setExecution(started);
  }, [started]);

  // Each sprint changes the execution (its date or status), and may add steps.
  useEffect(() => {
    if (!execution) return;
    let current = true;
    listSteps(flowSid, execution.sid).then((steps) => current && setLoadedSteps({ executionSid: execution.sid, steps }), () => undefined);
    return () => {
      current = false;
    };
  }, [flowSid, execution]);

  const showPathNow = useRef(showPath);
  showPathNow.current = showPath;
  useEffect(() => {
    if (loadedSteps) showPathNow.current(pathOfSteps(loadedSteps.steps));
  }, [loadedSteps]);
  useEffect(() => () => showPathNow.current(undefined), []);

  const saveAsTest = async (executionSid: string) => {
    setSaveError(undefined);
    try {
      const file = await callFile(`/app/v1/Flows/${flowSid}/Executions/${executionSid}/FlowTest`);
      downloadText(file.fileName ?? 'flow.flowtest.yaml', file.text, 'application/yaml');
    } catch (failure) {
      setSaveError((failure as Error).message);
    }
  };

  const last = steps.at(-1);
  return (
    <section className="latest-execution" aria-label="Latest execution">
      {!execution ? (
        <span className="muted">No execution yet: text, call or trigger the flow.</span>
      ) : (
        <>
          <span className={`badge ${execution.status}`}>{execution.status}</span>
          <span aria-live="polite">
            {steps.length} {steps.length === 1 ? 'step' : 'steps'}
            {last && <span className="muted">, {execution.status === 'active' ? 'at' : 'last'} {last.transitioned_to === 'Ended' ? last.transitioned_from : last.transitioned_to}</span>}
          </span>
          <a href={executionHref(flowSid, execution.sid)}>Open in Executions</a>
          <button type="button" title="Download this session as a .flowtest.yaml file for switchboard test" onClick={() => void saveAsTest(execution.sid)}>
            Save as test
          </button>
          {saveError && <span role="alert">{saveError}</span>}
        </>
      )}
    </section>
  );
}

/** The listed execution, unless it is the known one in an older state (an ended execution stays ended). */
function newer(known: ExecutionJson | undefined, listed: ExecutionJson | undefined): ExecutionJson | undefined {
  if (!listed) return known;
  if (known?.sid === listed.sid && known.status === 'ended') return known;
  return listed;
}
