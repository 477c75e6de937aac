import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from './error-alert.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/**
 * A modal dialog around one form. Submitting hands the form's data to `onSubmit`; while it runs
 * the submit button waits, and when it fails its error is shown in the dialog, which stays open.
 */
export function FormDialog({ title, submitLabel, danger = false, wide = false, onSubmit, onClose, children }: {
  title: string;
  wide?: boolean;
  submitLabel: string;
  /** The submit button does something that cannot be undone. */
  danger?: boolean;
  onSubmit(form: FormData): Promise<void>;
  onClose(): void;
  children: ReactNode;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(new FormData(event.currentTarget));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog title={title} onClose={onClose} wide={wide}>
      <form onSubmit={submit}>
        {children}
        <ErrorAlert error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className={danger ? 'primary danger-fill' : 'primary'} disabled={busy}>{submitLabel}</button>
        </div>
      </form>
    </ModalDialog>
  );
}
