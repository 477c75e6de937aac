import { useState } from 'react';
import type { ValidationIssue } from '../../api/types.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { IssueList } from '../../components/issue-list.tsx';
import './publish-dialog.css';

/**
 * Asks for a commit message and publishes; `onPublish` resolves to the server's reasons when it
 * refuses, which the dialog shows while staying open.
 */
export function PublishDialog({ onClose, onPublish }: { onClose(): void; onPublish(commitMessage: string): Promise<ValidationIssue[] | undefined> }) {
  const [refusal, setRefusal] = useState<ValidationIssue[]>();
  const publish = async (form: FormData) => {
    const reasons = await onPublish(String(form.get('commitMessage') ?? ''));
    setRefusal(reasons);
    if (!reasons) onClose();
  };
  return (
    <FormDialog title="Publish flow" submitLabel="Publish" onSubmit={publish} onClose={onClose}>
      <label>
        Commit message
        <textarea name="commitMessage" rows={3} placeholder="What changed" />
      </label>
      {refusal && (
        <div role="alert" className="publish-refusal">
          <p>Not published: the flow has {refusal.length === 1 ? 'an error' : `${refusal.length} errors`}.</p>
          <IssueList issues={refusal} />
        </div>
      )}
    </FormDialog>
  );
}
