import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../api/client.ts';
import type { FlowDefinition, FlowJson, ValidationIssue, WidgetState, WidgetTypeJson } from '../api/types.ts';
import { loadWidgetTypes } from '../api/widget-types.ts';
import { FlowCanvas, type CanvasHandle } from '../flow/canvas/flow-canvas.tsx';
import { Palette } from '../flow/canvas/palette.tsx';
import { layoutDefinition, needsLayout } from '../flow/editor/auto-layout.ts';
import { copyWidgets, drawableDefinition, newWidget, pasteWidgets } from '../flow/editor/definition-edits.ts';
import { EditorToolbar } from '../flow/editor/editor-toolbar.tsx';
import { widgetSize } from '../flow/editor/node-geometry.ts';
import { ProblemsList } from '../flow/editor/problems-list.tsx';
import { PublishDialog } from '../flow/editor/publish-dialog.tsx';
import { useFlowChecks } from '../flow/editor/use-flow-checks.ts';
import { useFlowEditor } from '../flow/editor/use-flow-editor.ts';
import type { FlowPanelProps, PathStep } from '../flow/flow-panel-props.ts';
import { ExecutionsPanel } from '../flow/executions-panel.tsx';
import { useConditionTypes } from '../flow/inspector/condition-types.ts';
import { WidgetInspector } from '../flow/inspector/widget-inspector.tsx';
import { RevisionsPanel } from '../flow/revisions-panel.tsx';
import { SimulatorPanel } from '../flow/simulator-panel.tsx';
import { navigate, type Route } from '../router.ts';
import './flow-page.css';

const tabs = [
  { id: 'widget', label: 'Widget' },
  { id: 'simulator', label: 'Simulator' },
  { id: 'executions', label: 'Executions' },
  { id: 'revisions', label: 'Revisions' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** How far each paste of the same copy moves from the original. */
const pasteShift = 40;

/** One flow: the palette, the canvas, and beside it the widget form, the simulator, executions and revisions. */
export function FlowPage({ flowSid, route }: { flowSid: string; route: Route }) {
  const [flow, setFlow] = useState<FlowJson>();
  const [types, setTypes] = useState<Map<string, WidgetTypeJson>>();
  const [path, setPath] = useState<PathStep[]>();
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [failure, setFailure] = useState<string>();
  const editor = useFlowEditor();
  const conditionTypes = useConditionTypes();
  const issues = useFlowChecks(editor.definition, flow !== undefined && types !== undefined);
  const canvas = useRef<CanvasHandle>(null);
  const latestFlow = useRef<FlowJson | undefined>(undefined);
  const clipboard = useRef<{ states: WidgetState[]; pastes: number } | undefined>(undefined);
  const tab: TabId = tabs.find((each) => each.id === route.query.get('tab'))?.id ?? 'widget';
  const selectTab = useCallback((id: TabId) => navigate(`/flows/${flowSid}?tab=${id}`, { replace: true }), [flowSid]);

  const showFlow = useCallback((next: FlowJson) => {
    latestFlow.current = next;
    setFlow(next);
  }, []);

  const reloadFlow = useCallback(async () => {
    const [loaded, widgetTypes] = await Promise.all([call<FlowJson>('GET', `/v2/Flows/${flowSid}`), loadWidgetTypes()]);
    const definition = loaded.definition ? drawableDefinition(loaded.definition) : emptyDefinition(widgetTypes);
    editor.load(definition);
    // Imported flows without positions get laid out, as an edit one can undo.
    if (needsLayout(definition)) editor.commit(layoutDefinition(definition, (state) => widgetSize(state, widgetTypes)));
    setTypes(widgetTypes);
    showFlow(loaded);
  }, [flowSid, editor.load, editor.commit, showFlow]);

  useEffect(() => {
    void reloadFlow().catch((error: unknown) => setFailure((error as Error).message));
  }, [reloadFlow]);

  const saveDraft = useCallback(async (): Promise<FlowJson> => {
    if (!editor.hasUnsavedChanges()) return latestFlow.current!;
    const definition = editor.current();
    setSaving(true);
    try {
      const saved = await call<FlowJson>('POST', `/v2/Flows/${flowSid}`, { Status: 'draft', Definition: JSON.stringify(definition) });
      editor.markSaved(definition);
      showFlow(saved);
      setFailure(undefined);
      return saved;
    } catch (error) {
      setFailure(`Not saved: ${(error as Error).message}`);
      throw error;
    } finally {
      setSaving(false);
    }
  }, [flowSid, editor.hasUnsavedChanges, editor.current, editor.markSaved, showFlow]);

  const publish = async (commitMessage: string): Promise<ValidationIssue[] | undefined> => {
    const definition = editor.current();
    try {
      const published = await call<FlowJson>('POST', `/v2/Flows/${flowSid}`, { Status: 'published', CommitMessage: commitMessage || undefined, Definition: JSON.stringify(definition) });
      editor.markSaved(definition);
      showFlow(published);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const reasons = (error.details as { errors?: ValidationIssue[] } | undefined)?.errors;
      return reasons && reasons.length > 0 ? reasons : [{ message: error.message, property_path: '#' }];
    }
  };

  const selectWidget = useCallback((name: string) => {
    editor.select([name]);
    canvas.current?.centreOn(name);
    selectTab('widget');
  }, [editor.select, selectTab]);

  const tidyUp = () => {
    if (!types) return;
    editor.commit(layoutDefinition(editor.current(), (state) => widgetSize(state, types)));
    canvas.current?.fitView();
  };

  // Reloading or closing the tab with unsaved changes asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (editor.hasUnsavedChanges()) event.preventDefault();
    };
    addEventListener('beforeunload', onBeforeUnload);
    return () => removeEventListener('beforeunload', onBeforeUnload);
  }, [editor.hasUnsavedChanges]);

  // Undo, redo, copy and paste: on the canvas, never inside a text field (which has its own).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextEntry(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) editor.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') editor.redo();
      else if (key === 'c') clipboard.current = { states: copyWidgets(editor.current(), editor.currentSelection()), pastes: 0 };
      else if (key === 'v' && clipboard.current && clipboard.current.states.length > 0) {
        const copy = clipboard.current;
        copy.pastes += 1;
        const { definition, names } = pasteWidgets(editor.current(), copy.states, { x: pasteShift * copy.pastes, y: pasteShift * copy.pastes });
        editor.commit(definition);
        editor.select(names);
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editor]);

  if (!flow || !types) return <p className="page muted" role={failure ? 'alert' : undefined}>{failure ?? 'Loading…'}</p>;
  const panelProps: FlowPanelProps = { flow, saveDraft, reloadFlow, showPath: setPath, selectWidget };
  const [selectedName, ...moreSelected] = editor.selected;
  return (
    <div className="flow-page">
      <EditorToolbar flow={flow} editor={editor} saving={saving} onSave={() => void saveDraft().catch(() => undefined)} onPublish={() => setPublishing(true)} onTidy={tidyUp} />
      {failure && <p className="flow-failure error" role="alert">{failure}</p>}
      <div className="flow-body">
        <Palette types={types} onAdd={(type) => canvas.current?.addWidget(type)} />
        <section className="flow-canvas" aria-label="Canvas">
          <div className="flow-canvas-area">
            <FlowCanvas ref={canvas} editor={editor} types={types} issues={issues} path={path} onOpenWidget={selectWidget} />
          </div>
          <ProblemsList issues={issues} onSelect={selectWidget} />
        </section>
        <aside className="flow-side" aria-label="Flow tools">
          <div role="tablist" className="tabs" aria-label="Flow tools">
            {tabs.map((each) => (
              <button key={each.id} type="button" role="tab" id={`tab-${each.id}`} aria-selected={tab === each.id} aria-controls={`panel-${each.id}`} onClick={() => selectTab(each.id)}>
                {each.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="flow-side-panel">
            {tab === 'simulator' ? <SimulatorPanel {...panelProps} />
              : tab === 'executions' ? <ExecutionsPanel {...panelProps} />
              : tab === 'revisions' ? <RevisionsPanel {...panelProps} />
              : selectedName !== undefined && moreSelected.length === 0
                ? <WidgetInspector key={selectedName} editor={editor} types={types} conditionTypes={conditionTypes} issues={issues} name={selectedName} />
                : <p className="muted">{moreSelected.length > 0 ? `${editor.selected.size} widgets selected: Ctrl+C copies them, Delete removes them.` : 'Select a widget on the canvas.'}</p>}
          </div>
        </aside>
      </div>
      {publishing && <PublishDialog onClose={() => setPublishing(false)} onPublish={publish} />}
    </div>
  );
}

/** A flow saved without a definition starts as Studio's new flow: just the Trigger. */
function emptyDefinition(types: Map<string, WidgetTypeJson>): FlowDefinition {
  const trigger = types.get('trigger');
  return { description: '', initial_state: 'Trigger', states: trigger ? [newWidget(trigger, 'Trigger', { x: 0, y: 0 })] : [], flags: { allow_concurrent_calls: true } };
}

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
