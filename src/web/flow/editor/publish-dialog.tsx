import { useEffect, useId, useRef, useState } from 'react';
import type { ValidationIssue } from '../../api/types.ts';
import './publish-dialog.css';

interface PublishDialogProps {
  open: boolean;
  onClose(): void;
  /** Publishes; resolves to the server's reasons when it refuses. */
  onPublish(commitMessage: string): Promise<ValidationIssue[] | undefined>;
}

/** Asks for a commit message, publishes, and shows the reasons when the server refuses. */
export function PublishDialog({ open, onClose, onPublish }: PublishDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [message, setMessage] = useState('');
  const [refusal, setRefusal] = useState<ValidationIssue[]>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open && !dialog.current?.open) {
      setRefusal(undefined);
      dialog.current?.showModal();
    } else if (!open && dialog.current?.open) {
      dialog.current.close();
    }
  }, [open]);

  const publish = async () => {
    setBusy(true);
    try {
      const reasons = await onPublish(message);
      setRefusal(reasons);
      if (!reasons) {
        setMessage('');
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="publish-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form method="dialog" onSubmit={(event) => {
        event.preventDefault();
        void publish();
      }}>
        <h2 id={`${id}-title`}>Publish flow</h2>
        <label>
          Commit message
          <textarea rows={3} value={message} onChange={(event) => setMessage(event.target.value)} placeholder="What changed" />
        </label>
        {refusal && (
          <div role="alert" className="publish-refusal">
            <p>Not published: the flow has {refusal.length === 1 ? 'an error' : `${refusal.length} errors`}.</p>
            <ul>{refusal.map((issue, index) => <li key={index}><code>{issue.property_path}</code> {issue.message}</li>)}</ul>
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Publish</button>
        </div>
      </form>
    </dialog>
  );
}
