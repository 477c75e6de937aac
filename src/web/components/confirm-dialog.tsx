import type { ReactNode } from 'react';
import { FormDialog } from './form-dialog.tsx';

/** Asks before something that cannot be undone; stays open with the error when it fails. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const confirm = async () => {
    await onConfirm();
    onClose();
  };
  return (
    <FormDialog title={title} submitLabel={confirmLabel} danger onSubmit={confirm} onClose={onClose}>
      {children}
    </FormDialog>
  );
}
