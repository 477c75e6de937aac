import { FormDialog } from './form-dialog.tsx';

/** Asks the new flow's name; `onCreate` makes it (and usually opens it). */
export function NewFlowDialog({ onCreate, onClose }: { onCreate(name: string): Promise<void>; onClose(): void }) {
  return (
    <FormDialog title="New flow" submitLabel="Create" onSubmit={(form) => onCreate(String(form.get('name')).trim())} onClose={onClose}>
      <label>
        Flow name
        <input name="name" required autoFocus pattern=".*\S.*" title="A name with something other than spaces" />
      </label>
      <p className="muted">It starts as a draft with only its Trigger.</p>
    </FormDialog>
  );
}
