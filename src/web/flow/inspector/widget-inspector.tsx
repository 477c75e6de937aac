import { useMemo } from 'react';
import type { FlowDefinition, WidgetTypeJson } from '../../api/types.ts';
import { conditionRows, setConditionRows, setProperty } from '../editor/definition-edits.ts';
import { liquidCandidates } from '../editor/liquid-suggestions.ts';
import type { FlowEditor } from '../editor/use-flow-editor.ts';
import type { IssueIndex } from '../editor/validation-issues.ts';
import { conditionEvent } from '../editor/widget-handles.ts';
import { ConditionsEditor } from './conditions-editor.tsx';
import { PropertyField } from './property-field.tsx';
import { TransitionsEditor } from './transitions-editor.tsx';
import { useLiveEdit } from './use-live-edit.ts';
import { WidgetNameField } from './widget-name-field.tsx';
import './widget-inspector.css';

interface WidgetInspectorProps {
  editor: FlowEditor;
  types: ReadonlyMap<string, WidgetTypeJson>;
  conditionTypes: string[];
  issues: IssueIndex;
  name: string;
}

/** The selected widget's form, generated from its declaration's property specs. */
export function WidgetInspector({ editor, types, conditionTypes, issues, name }: WidgetInspectorProps) {
  const { definition } = editor;
  const state = definition.states.find((each) => each.name === name);
  const declaration = state && types.get(state.type);
  const edit = useLiveEdit(editor);
  const candidates = useMemo(() => {
    let found: string[] | undefined;
    return () => (found ??= liquidCandidates(definition, types, name));
  }, [definition, types, name]);
  if (!state) return <p className="muted">Select a widget on the canvas.</p>;
  const widgetIssues = issues.byWidget.get(name) ?? [];
  return (
    <form className="inspector" aria-label={`${name} settings`} onSubmit={(event) => event.preventDefault()}>
      <p className="inspector-type">
        {declaration?.label ?? state.type} <code>{state.type}</code>
        {declaration?.runs === false && <span className="badge warning">does not run here</span>}
      </p>
      {widgetIssues.length > 0 && (
        <ul className="inspector-issues" aria-label="Problems with this widget">
          {widgetIssues.map((issue, index) => <li key={index} className={issue.severity}>{issue.message}</li>)}
        </ul>
      )}
      {state.name !== definition.initial_state && (
        <WidgetNameField key={name} definition={definition} name={name} onRename={(next, newName) => {
          editor.commit(next);
          editor.select([newName]);
        }} />
      )}
      {Object.entries(declaration?.properties ?? {}).map(([key, spec]) => (
        <PropertyField
          key={`${name}/${key}`}
          name={key}
          spec={spec}
          value={state.properties[key]}
          candidates={candidates}
          onFocus={edit.begin}
          onBlur={edit.end}
          onChange={(value) => edit.change(withProperty(editor.current(), name, key, value, declaration))}
        />
      ))}
      {declaration?.events.includes(conditionEvent) && (
        <ConditionsEditor definition={definition} state={state} conditionTypes={conditionTypes} candidates={candidates} edit={edit} />
      )}
      <TransitionsEditor definition={definition} state={state} declaration={declaration} onChange={editor.commit} />
    </form>
  );
}

/** Sets a property; a split's conditions repeat its input in their `arguments`, as Studio writes them. */
function withProperty(definition: FlowDefinition, name: string, key: string, value: unknown, declaration: WidgetTypeJson | undefined): FlowDefinition {
  const next = setProperty(definition, name, key, value);
  if (key !== 'input' || !declaration?.events.includes(conditionEvent)) return next;
  const state = next.states.find((each) => each.name === name)!;
  return setConditionRows(next, name, conditionRows(state).map((row) => ({ ...row, condition: { ...row.condition, arguments: [typeof value === 'string' ? value : ''] } })));
}
