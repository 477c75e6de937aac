import { useState, type ChangeEvent } from 'react';
import { call } from '../api/client.ts';
import type { FlowChecksJson, FlowDefinition, FlowJson, ValidationIssue } from '../api/types.ts';
import { importedFlowName } from '../flow/flow-files.ts';
import { FormDialog } from './form-dialog.tsx';
import { IssueList } from './issue-list.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import './import-flow-dialog.css';

/**
 * Imports a Studio flow from a .json file or pasted text, legacy (pre-2019) exports included:
 * the server reads and converts it, and a readable flow is saved as a draft even when invalid,
 * as Studio keeps invalid drafts. A plain import opens at once; one with news (converted, or
 * with errors to fix) says so first.
 */
export function ImportFlowDialog({ onImport, onOpen, onClose }: {
  onImport(name: string, definition: FlowDefinition): Promise<FlowJson>;
  onOpen(flow: FlowJson): void;
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [unreadable, setUnreadable] = useState<ValidationIssue[]>();
  const [imported, setImported] = useState<{ flow: FlowJson; legacy: boolean }>();

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setFileName(file.name);
    setUnreadable(undefined);
  };

  const submit = async () => {
    setUnreadable(undefined);
    const checks = await call<FlowChecksJson>('POST', '/app/v1/FlowChecks', { Definition: text });
    if (!checks.definition) {
      setUnreadable(checks.errors);
      return;
    }
    const flow = await onImport(importedFlowName(fileName, checks.definition), checks.definition);
    if (checks.legacy || flow.errors.length > 0) setImported({ flow, legacy: checks.legacy });
    else onOpen(flow);
  };

  if (imported) {
    const { flow, legacy } = imported;
    return (
      <ModalDialog title="Flow imported" onClose={onClose} wide>
        <div role="status" className="import-result">
          <p>Imported “{flow.friendly_name}” as a draft.</p>
          {legacy && <p>Converted from Studio's legacy (pre-2019) format.</p>}
          {flow.errors.length > 0 && (
            <>
              <p className="warning">It has {flow.errors.length === 1 ? 'an error' : `${flow.errors.length} errors`} to fix before it can be published:</p>
              <IssueList issues={flow.errors} />
            </>
          )}
        </div>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Close</button>
          <button type="button" className="primary" autoFocus onClick={() => onOpen(flow)}>Open flow</button>
        </div>
      </ModalDialog>
    );
  }
  return (
    <FormDialog title="Import a flow" submitLabel="Import" wide onSubmit={submit} onClose={onClose}>
      <p className="muted">A flow's JSON as Studio exports it. Exports in Studio's legacy (pre-2019) format are converted.</p>
      <label>
        Flow file (.json)
        <input type="file" accept=".json,application/json" onChange={chooseFile} />
      </label>
      <label>
        Flow JSON {fileName && <span className="muted">(from {fileName})</span>}
        <textarea className="mono" rows={12} required value={text} onChange={(event) => setText(event.target.value)} placeholder='{"description": "…", "states": […], "initial_state": "Trigger"}' spellCheck={false} />
      </label>
      {unreadable && (
        <div role="alert">
          <p className="error">This is not a flow that can be read; nothing was imported.</p>
          <IssueList issues={unreadable} />
        </div>
      )}
    </FormDialog>
  );
}
