import { useId, useState } from 'react';
import type { FlowDefinition } from '../../api/types.ts';
import { renameProblem, renameWidget } from '../editor/definition-edits.ts';

/** The widget's name; a new name is taken on Enter or leaving the field, if Studio would take it. */
export function WidgetNameField({ definition, name, onRename }: { definition: FlowDefinition; name: string; onRename(next: FlowDefinition, newName: string): void }) {
  const id = useId();
  const [draft, setDraft] = useState(name);
  const problem = renameProblem(definition, name, draft);
  const apply = () => {
    if (problem || draft === name) return;
    onRename(renameWidget(definition, name, draft), draft);
  };
  return (
    <div className="field">
      <label htmlFor={id}>Widget name</label>
      <input
        id={id}
        type="text"
        className="mono"
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
          if (event.key === 'Escape') setDraft(name);
        }}
      />
      {problem && <p id={`${id}-problem`} className="field-help error">{problem}</p>}
    </div>
  );
}
