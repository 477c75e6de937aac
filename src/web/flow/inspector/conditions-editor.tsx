import type { Condition, FlowDefinition, WidgetState } from '../../api/types.ts';
import { conditionRows, defaultConditionName, setConditionRows, type ConditionRow } from '../editor/definition-edits.ts';
import { humanise } from './humanise.ts';
import { LiquidField } from './liquid-field.tsx';
import type { LiveEdit } from './use-live-edit.ts';

interface ConditionsEditorProps {
  definition: FlowDefinition;
  state: WidgetState;
  conditionTypes: string[];
  candidates(): string[];
  edit: LiveEdit;
}

/**
 * A split's conditions as rows, in the order they are tested. Each row is one `match`
 * transition, so adding a row adds a handle to the node.
 */
export function ConditionsEditor({ definition, state, conditionTypes, candidates, edit }: ConditionsEditorProps) {
  const rows = conditionRows(state);
  const input = typeof state.properties.input === 'string' ? state.properties.input : '';
  const write = (next: ConditionRow[]) => edit.change(setConditionRows(definition, state.name, next.map((row) => ({ ...row, condition: { ...row.condition, arguments: [input] } }))));
  const commitNow = (next: ConditionRow[]) => {
    edit.begin();
    write(next);
    edit.end();
  };
  const change = (index: number, update: Partial<Condition>) => write(rows.map((row, at) => {
    if (at !== index) return row;
    const condition = { ...row.condition, ...update };
    // A name Studio generated follows the condition; a name someone wrote stays.
    if (update.friendly_name === undefined && row.condition.friendly_name === defaultConditionName(row.condition.type, row.condition.value)) {
      condition.friendly_name = defaultConditionName(condition.type, condition.value);
    }
    return { ...row, condition };
  }));
  const move = (index: number, by: number) => {
    const next = [...rows];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    commitNow(next);
  };
  const defaultType = conditionTypes[0] ?? 'equal_to';
  return (
    <fieldset className="rows conditions">
      <legend>Conditions</legend>
      {rows.length === 0 && <p className="muted">No conditions: every input goes to noMatch.</p>}
      <ol>
        {rows.map((row, index) => {
          const label = `Condition ${index + 1}`;
          return (
            <li key={index} className="condition-row" aria-label={label}>
              <label>
                Friendly name
                <input type="text" aria-label={`${label} friendly name`} value={row.condition.friendly_name} onFocus={edit.begin} onBlur={edit.end} onChange={(event) => change(index, { friendly_name: event.target.value })} />
              </label>
              <label>
                Condition
                <select aria-label={`${label} type`} value={row.condition.type} onChange={(event) => {
                  edit.begin();
                  change(index, { type: event.target.value });
                  edit.end();
                }}>
                  {(conditionTypes.includes(row.condition.type) ? conditionTypes : [row.condition.type, ...conditionTypes]).map((type) => <option key={type} value={type}>{humanise(type)}</option>)}
                </select>
              </label>
              <LiquidField label="Value" ariaLabel={`${label} value`} value={row.condition.value} candidates={candidates} onFocus={edit.begin} onBlur={edit.end} onChange={(value) => change(index, { value })} />
              <div className="row-buttons">
                <button type="button" aria-label={`Move ${label.toLowerCase()} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
                <button type="button" aria-label={`Move ${label.toLowerCase()} down`} disabled={index === rows.length - 1} onClick={() => move(index, 1)}>↓</button>
                <button type="button" className="danger" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => commitNow(rows.filter((_, at) => at !== index))}>Remove</button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => commitNow([...rows, { condition: { friendly_name: defaultConditionName(defaultType, ''), arguments: [input], type: defaultType, value: '' }, next: undefined }])}>
        Add condition
      </button>
    </fieldset>
  );
}
