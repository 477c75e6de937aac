import type { FlowDefinition, WidgetState, WidgetTypeJson } from '../../api/types.ts';
import { setTransition } from '../editor/definition-edits.ts';
import { transitionOfHandle, widgetHandles } from '../editor/widget-handles.ts';

interface TransitionsEditorProps {
  definition: FlowDefinition;
  state: WidgetState;
  declaration: WidgetTypeJson | undefined;
  onChange(next: FlowDefinition): void;
}

/** Where each event goes, as selects: the keyboard's way to draw transitions. */
export function TransitionsEditor({ definition, state, declaration, onChange }: TransitionsEditorProps) {
  const targets = definition.states.filter((each) => each.name !== definition.initial_state).map((each) => each.name);
  const handles = widgetHandles(state, declaration);
  if (handles.length === 0) return null;
  return (
    <fieldset className="rows transitions">
      <legend>Transitions</legend>
      {handles.map((handle) => {
        const next = transitionOfHandle(state, handle.id)?.next ?? '';
        return (
          <label key={handle.id} className="transition-row">
            <span>{handle.label}</span>
            <select aria-label={`${handle.label} goes to`} value={next} onChange={(event) => onChange(setTransition(definition, state.name, handle.id, event.target.value || undefined))}>
              <option value="">(nowhere)</option>
              {!targets.includes(next) && next !== '' && <option value={next}>{next}</option>}
              {targets.map((target) => <option key={target} value={target}>{target}</option>)}
            </select>
          </label>
        );
      })}
    </fieldset>
  );
}
