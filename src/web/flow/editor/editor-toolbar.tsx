import type { FlowJson } from '../../api/types.ts';
import type { FlowEditor } from './use-flow-editor.ts';
import './editor-toolbar.css';

interface EditorToolbarProps {
  flow: FlowJson;
  editor: FlowEditor;
  saving: boolean;
  onSave(): void;
  onPublish(): void;
  onTidy(): void;
}

/** The flow's name and state, undo and redo, tidy up, save and publish. */
export function EditorToolbar({ flow, editor, saving, onSave, onPublish, onTidy }: EditorToolbarProps) {
  return (
    <div className="flow-toolbar" role="toolbar" aria-label="Flow">
      <h1>{flow.friendly_name}</h1>
      <span className={`badge ${flow.status}`}>{flow.status}</span>
      <span className={`save-state${editor.unsaved ? ' unsaved' : ''}`} role="status">
        {saving ? 'Saving…' : editor.unsaved ? 'Unsaved changes' : `Saved · revision ${flow.revision}`}
      </span>
      <div className="toolbar-buttons">
        <button type="button" onClick={editor.undo} disabled={!editor.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">Undo</button>
        <button type="button" onClick={editor.redo} disabled={!editor.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y" title="Redo (Ctrl+Shift+Z)">Redo</button>
        <button type="button" onClick={onTidy} title="Lay the flow out again from the Trigger down">Tidy up</button>
        <button type="button" onClick={onSave} disabled={!editor.unsaved || saving}>Save draft</button>
        <button type="button" className="primary" onClick={onPublish}>Publish</button>
      </div>
    </div>
  );
}
