import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from './error-alert.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** Asks before something that cannot be undone; stays open with the error when it fails. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <ModalDialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {children}
        <ErrorAlert error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary danger-fill" disabled={busy}>{confirmLabel}</button>
        </div>
      </form>
    </ModalDialog>
  );
}
