import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import type { FlowJson } from '../api/types.ts';
import type { FlowPanelProps, PathStep } from '../flow/flow-panel-props.ts';
import { ExecutionsPanel } from '../flow/executions-panel.tsx';
import { RevisionsPanel } from '../flow/revisions-panel.tsx';
import { SimulatorPanel } from '../flow/simulator-panel.tsx';
import { navigate, type Route } from '../router.ts';
import './flow-page.css';

const tabs = [
  { id: 'widget', label: 'Widget' },
  { id: 'simulator', label: 'Simulator' },
  { id: 'executions', label: 'Executions' },
  { id: 'revisions', label: 'Revisions' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** One flow: the canvas, and beside it the widget form, the simulator, executions and revisions. */
export function FlowPage({ flowSid, route }: { flowSid: string; route: Route }) {
  const [flow, setFlow] = useState<FlowJson>();
  const [, setPath] = useState<PathStep[]>();
  const tab: TabId = tabs.find((each) => each.id === route.query.get('tab'))?.id ?? 'widget';

  const reloadFlow = useCallback(async () => setFlow(await call<FlowJson>('GET', `/v2/Flows/${flowSid}`)), [flowSid]);
  useEffect(() => {
    void reloadFlow();
  }, [reloadFlow]);

  if (!flow) return <p className="page muted">Loading…</p>;
  const panelProps: FlowPanelProps = {
    flow,
    saveDraft: async () => flow,
    reloadFlow,
    showPath: setPath,
    selectWidget: () => undefined,
  };
  const selectTab = (id: TabId) => navigate(`/flows/${flowSid}?tab=${id}`, { replace: true });
  return (
    <div className="flow-page">
      <div className="flow-toolbar">
        <h1>{flow.friendly_name}</h1>
        <span className={`badge ${flow.status}`}>{flow.status}</span>
      </div>
      <div className="flow-body">
        <section className="flow-canvas" aria-label="Canvas" />
        <aside className="flow-side" aria-label="Flow tools">
          <div role="tablist" className="tabs" aria-label="Flow tools">
            {tabs.map((each) => (
              <button key={each.id} type="button" role="tab" id={`tab-${each.id}`} aria-selected={tab === each.id} aria-controls={`panel-${each.id}`} onClick={() => selectTab(each.id)}>
                {each.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="flow-side-panel">
            {tab === 'simulator' ? <SimulatorPanel {...panelProps} />
              : tab === 'executions' ? <ExecutionsPanel {...panelProps} />
              : tab === 'revisions' ? <RevisionsPanel {...panelProps} />
              : <p className="muted">Select a widget on the canvas.</p>}
          </div>
        </aside>
      </div>
    </div>
  );
}
