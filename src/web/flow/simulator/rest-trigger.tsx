import { useState, type FormEvent } from 'react';
import { call } from '../../api/client.ts';
import type { ExecutionJson } from '../../api/types.ts';
import { executionPath } from '../executions/execution-api.ts';
import { checkParameters } from './rest-parameters.ts';

interface RestTriggerProps {
  flowSid: string;
  handset: string;
  flowNumber?: string;
  prepare(contact: string): Promise<void>;
  /** The execution the request started. */
  onStarted(execution: ExecutionJson): void;
}

/** `POST /v2/Flows/{FW}/Executions`: starts the flow for a contact (To) from a number (From), with parameters. */
export function RestTrigger({ flowSid, handset, flowNumber, prepare, onStarted }: RestTriggerProps) {
  // Empty To and From follow the handset and the flow's number.
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const [parameters, setParameters] = useState('{\n  \n}');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const trigger = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkParameters(parameters);
    if (checked.error) return setError(checked.error);
    const contact = to.trim() || handset;
    setBusy(true);
    setError(undefined);
    try {
      await prepare(contact);
      onStarted(await call<ExecutionJson>('POST', executionPath(flowSid), { To: contact, From: from.trim() || flowNumber, Parameters: checked.parameters }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="rest-trigger" onSubmit={(event) => void trigger(event)}>
      <label>
        To (the contact)
        <input className="mono" value={to} placeholder={handset} onChange={(event) => setTo(event.target.value)} />
      </label>
      <label>
        From (the flow's address)
        <input className="mono" value={from} placeholder={flowNumber ?? 'a number of the flow'} required={!flowNumber} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label>
        Parameters (JSON, as flow.data)
        <textarea className="mono" rows={5} value={parameters} spellCheck={false} aria-invalid={error?.startsWith('Parameters') ?? false} onChange={(event) => setParameters(event.target.value)} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>Start execution</button>
    </form>
  );
}
