import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import type { FlowDefinition, FlowJson } from '../api/types.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ImportFlowDialog } from '../components/import-flow-dialog.tsx';
import { NewFlowDialog } from '../components/new-flow-dialog.tsx';
import { downloadText, exportFileName, exportText } from '../flow/flow-files.ts';
import { navigate } from '../router.ts';
import './flows-page.css';

/** What a new flow starts as: only the Trigger, as in Studio. */
const blankDefinition: FlowDefinition = {
  description: '',
  states: [{ name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [] }],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
};

type OpenDialog = { kind: 'new' } | { kind: 'import' } | { kind: 'delete'; flow: FlowJson };

/** The account's flows: search them, create, import, export, duplicate and delete. */
export function FlowsPage() {
  const [flows, setFlows] = useState<FlowJson[]>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [dialog, setDialog] = useState<OpenDialog>();

  const reload = useCallback(async () => {
    try {
      setFlows((await call<{ flows: FlowJson[] }>('GET', '/v2/Flows?PageSize=1000')).flows);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a row action, showing what it did or why it failed. */
  const act = async (action: () => Promise<string | undefined>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
    } catch (failure) {
      setError(failure);
    }
  };
  const createDraft = (name: string, definition: FlowDefinition) =>
    call<FlowJson>('POST', '/v2/Flows', { FriendlyName: name, Status: 'draft', Definition: JSON.stringify(definition) });
  const definitionOf = async (flow: FlowJson) => {
    const { definition } = await call<FlowJson>('GET', `/v2/Flows/${flow.sid}`);
    if (!definition) throw new Error(`${flow.friendly_name} has no definition`);
    return definition;
  };
  const exportFlow = (flow: FlowJson) => act(async () => {
    downloadText(exportFileName(flow.friendly_name), exportText(await definitionOf(flow)));
    return `Exported “${flow.friendly_name}”.`;
  });
  const duplicate = (flow: FlowJson) => act(async () => {
    const copy = await createDraft(`${flow.friendly_name} copy`, await definitionOf(flow));
    await reload();
    return `Created “${copy.friendly_name}” as a draft.`;
  });
  const open = (flow: FlowJson) => navigate(`/flows/${flow.sid}`);

  const wanted = search.trim().toLowerCase();
  const shown = flows?.filter((flow) => flow.friendly_name.toLowerCase().includes(wanted) || flow.sid.toLowerCase().includes(wanted));
  return (
    <section className="page flows-page" aria-labelledby="flows-heading">
      <div className="flows-toolbar">
        <h1 id="flows-heading">Flows</h1>
        <input type="search" aria-label="Search flows" placeholder="Search by name or SID" value={search} onChange={(event) => setSearch(event.target.value)} />
        <span className="flows-actions">
          <button type="button" onClick={() => setDialog({ kind: 'import' })}>Import</button>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'new' })}>New flow</button>
        </span>
      </div>
      <ErrorAlert error={error} />
      <p role="status" className="flows-notice">{notice}</p>
      {!shown ? <p className="muted">Loading…</p> : (
        <table className="flows-table">
          <caption className="muted">
            {wanted ? `${shown.length} of ${flows!.length} flows match “${search.trim()}”` : `${flows!.length} flows`}
          </caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Revision</th><th scope="col">Last updated</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {shown.map((flow) => (
              <tr key={flow.sid}>
                <td>
                  <a href={`#/flows/${flow.sid}`}>{flow.friendly_name}</a>
                  <div className="mono muted">{flow.sid}</div>
                </td>
                <td>
                  <span className={`badge ${flow.status}`}>{flow.status}</span>
                  {!flow.valid && <span className="badge invalid" title="The draft has errors to fix before it can be published">has errors</span>}
                </td>
                <td>{flow.revision}</td>
                <td><DateTime value={flow.date_updated ?? flow.date_created} /></td>
                <td className="row-actions">
                  <button type="button" aria-label={`Export ${flow.friendly_name}`} onClick={() => void exportFlow(flow)}>Export</button>
                  <button type="button" aria-label={`Duplicate ${flow.friendly_name}`} onClick={() => void duplicate(flow)}>Duplicate</button>
                  <button type="button" className="danger" aria-label={`Delete ${flow.friendly_name}`} onClick={() => setDialog({ kind: 'delete', flow })}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown?.length === 0 && <p className="muted">{flows!.length === 0 ? 'No flows yet: create one or import a Studio export.' : 'No flow matches.'}</p>}

      {dialog?.kind === 'new' && (
        <NewFlowDialog onClose={() => setDialog(undefined)} onCreate={async (name) => open(await createDraft(name, blankDefinition))} />
      )}
      {dialog?.kind === 'import' && (
        <ImportFlowDialog onClose={() => { setDialog(undefined); void reload(); }} onImport={createDraft} onOpen={open} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete “${dialog.flow.friendly_name}”?`}
          confirmLabel="Delete"
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await call('DELETE', `/v2/Flows/${dialog.flow.sid}`);
            setNotice(`Deleted “${dialog.flow.friendly_name}”.`);
            await reload();
          }}
        >
          <p>The flow and all its revisions are deleted. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
