import { useState, type FormEvent } from 'react';
import { ErrorAlert } from './error-alert.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** Asks the new flow's name; `onCreate` makes it (and usually opens it). */
export function NewFlowDialog({ onCreate, onClose }: { onCreate(name: string): Promise<void>; onClose(): void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onCreate(String(new FormData(event.currentTarget).get('name')).trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <ModalDialog title="New flow" onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Flow name
          <input name="name" required autoFocus pattern=".*\S.*" title="A name with something other than spaces" />
        </label>
        <p className="muted">It starts as a draft with only its Trigger.</p>
        <ErrorAlert error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Create</button>
        </div>
      </form>
    </ModalDialog>
  );
}
