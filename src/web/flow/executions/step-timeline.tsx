import { useState } from 'react';
import type { StepJson } from '../../api/types.ts';
import { JsonTree } from '../../components/json-tree.tsx';
import { stepContext } from './execution-api.ts';
import { formatTime } from './format-time.ts';

/** An execution's steps in order: each transition, its event and time, and its context on demand. */
export function StepTimeline({ flowSid, steps, selectWidget }: { flowSid: string; steps: StepJson[]; selectWidget(name: string): void }) {
  if (steps.length === 0) return <p className="muted">No steps yet.</p>;
  return (
    <ol className="step-timeline" aria-label="Step timeline">
      {steps.map((step, index) => <StepItem key={step.sid} flowSid={flowSid} step={step} number={index + 1} selectWidget={selectWidget} />)}
    </ol>
  );
}

function StepItem({ flowSid, step, number, selectWidget }: { flowSid: string; step: StepJson; number: number; selectWidget(name: string): void }) {
  const [open, setOpen] = useState(false);
  const [context, setContext] = useState<Record<string, unknown>>();
  const [error, setError] = useState<string>();
  const toggle = async () => {
    setOpen(!open);
    if (open || context) return;
    try {
      setContext(await stepContext(flowSid, step.execution_sid, step.sid));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const contextId = `step-context-${step.sid}`;
  return (
    <li className="step">
      <div className="step-transition">
        <WidgetName name={step.transitioned_from} selectWidget={selectWidget} />
        <span aria-label="to"> → </span>
        {step.transitioned_to === 'Ended' ? <span className="step-ended">Ended</span> : <WidgetName name={step.transitioned_to} selectWidget={selectWidget} />}
      </div>
      <div className="step-meta">
        <span className="step-event" title="The event that took this transition">{step.name}</span>
        <time dateTime={step.date_created}>{formatTime(step.date_created)}</time>
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={open ? contextId : undefined}
          aria-label={`Context of step ${number}: ${step.transitioned_from} to ${step.transitioned_to}`}
          onClick={() => void toggle()}
        >
          Context
        </button>
      </div>
      {open && (
        <div id={contextId} className="step-context">
          {error ? <p role="alert" className="error">{error}</p> : context ? <JsonTree value={context} label={`Context of step ${number}`} expandedDepth={2} /> : <p className="muted">Loading…</p>}
        </div>
      )}
    </li>
  );
}

function WidgetName({ name, selectWidget }: { name: string; selectWidget(name: string): void }) {
  return (
    <button type="button" className="widget-name" title="Show this widget on the canvas" onClick={() => selectWidget(name)}>
      {name}
    </button>
  );
}
