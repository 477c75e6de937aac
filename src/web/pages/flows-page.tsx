import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import type { FlowJson } from '../api/types.ts';

/** Placeholder until the flows list lands. */
export function FlowsPage() {
  const [flows, setFlows] = useState<FlowJson[]>([]);
  useEffect(() => {
    void call<{ flows: FlowJson[] }>('GET', '/v2/Flows?PageSize=1000').then(({ flows }) => setFlows(flows));
  }, []);
  return (
    <section className="page">
      <h1>Flows</h1>
      <ul>{flows.map((flow) => <li key={flow.sid}><a href={`#/flows/${flow.sid}`}>{flow.friendly_name}</a></li>)}</ul>
    </section>
  );
}
