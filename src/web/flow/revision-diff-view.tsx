import { hasChanges, shortJson, summarizeDiff, type DiffedState, type FlowDiff, type TransitionChange, type ValueChange, type WidgetChange, type WidgetRename } from '../../flow/flow-diff.ts';
import './revision-diff-view.css';

/**
 * A diff between two revisions: widgets added (green, +), removed (red, −) and changed
 * (amber, ~), each change in words too, with property rows "before → after".
 */
export function RevisionDiffView({ diff, from, to }: { diff: FlowDiff; from: number; to: number }) {
  const title = `Revision ${from} → revision ${to}`;
  if (!hasChanges(diff)) {
    return (
      <section className="revision-diff" aria-label={title}>
        <p className="diff-summary">No differences between revision {from} and revision {to}.</p>
      </section>
    );
  }
  return (
    <section className="revision-diff" aria-label={title}>
      <p className="diff-summary">{summarizeDiff(diff)}</p>
      <ul className="diff-legend" aria-label="Legend">
        <li className="added"><span aria-hidden="true">+</span> added</li>
        <li className="removed"><span aria-hidden="true">−</span> removed</li>
        <li className="changed"><span aria-hidden="true">~</span> changed</li>
      </ul>
      {diff.flow.length > 0 && (
        <section className="diff-group changed" aria-label="Flow settings changed">
          <h3><span aria-hidden="true">~</span> Flow settings changed</h3>
          <ValueRows changes={diff.flow} />
        </section>
      )}
      <WidgetGroup kind="added" title="Added" widgets={diff.added} />
      <WidgetGroup kind="removed" title="Removed" widgets={diff.removed} />
      <RenamedGroup renames={diff.renamed} />
      {diff.changed.length > 0 && (
        <section className="diff-group changed" aria-label={`Changed widgets (${diff.changed.length})`}>
          <h3><span aria-hidden="true">~</span> Changed ({diff.changed.length})</h3>
          <ul className="diff-widgets">{diff.changed.map((change) => <ChangedWidget key={change.name} change={change} />)}</ul>
        </section>
      )}
    </section>
  );
}

function WidgetGroup({ kind, title, widgets }: { kind: 'added' | 'removed'; title: string; widgets: DiffedState[] }) {
  if (widgets.length === 0) return null;
  const icon = kind === 'added' ? '+' : '−';
  return (
    <section className={`diff-group ${kind}`} aria-label={`${title} widgets (${widgets.length})`}>
      <h3><span aria-hidden="true">{icon}</span> {title} ({widgets.length})</h3>
      <ul className="diff-widgets">
        {widgets.map((widget) => (
          <li key={widget.name} className="diff-widget">
            <span className="diff-widget-name">{widget.name}</span> <span className="diff-type">{widget.type}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RenamedGroup({ renames }: { renames: WidgetRename[] }) {
  if (renames.length === 0) return null;
  return (
    <section className="diff-group changed" aria-label={`Renamed widgets (${renames.length})`}>
      <h3><span aria-hidden="true">~</span> Renamed ({renames.length})</h3>
      <ul className="diff-widgets">
        {renames.map((rename) => (
          <li key={rename.to} className="diff-widget">
            <BeforeAfter before={rename.from} after={rename.to} /> <span className="diff-type">{rename.type}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChangedWidget({ change }: { change: WidgetChange }) {
  const retyped = change.typeBefore !== change.typeAfter;
  return (
    <li className="diff-widget">
      <span className="diff-widget-name">{change.name}</span> <span className="diff-type">{change.typeAfter}</span>
      {retyped && <ValueRows changes={[{ path: 'type', before: change.typeBefore, after: change.typeAfter }]} />}
      {change.moved && <p className="diff-moved"><span aria-hidden="true">↔</span> Moved on the canvas</p>}
      {change.properties.length > 0 && <ValueRows changes={change.properties} />}
      {change.transitions.length > 0 && <TransitionRows changes={change.transitions} />}
    </li>
  );
}

function ValueRows({ changes }: { changes: ValueChange[] }) {
  return (
    <ul className="diff-rows">
      {changes.map((change) => (
        <li key={change.path}>
          <code className="diff-path">{change.path}</code>
          <BeforeAfter before={shortJson(change.before)} after={shortJson(change.after)} />
        </li>
      ))}
    </ul>
  );
}

function TransitionRows({ changes }: { changes: TransitionChange[] }) {
  return (
    <ul className="diff-rows" aria-label="Transitions">
      {changes.map((change) => (
        <li key={change.label}>
          <span className="diff-path">
            on <code>{change.label}</code>{change.condition && <> <span className="muted">({change.condition})</span></>}
          </span>
          {change.nextBefore !== change.nextAfter && <BeforeAfter before={change.nextBefore ?? 'nothing'} after={change.nextAfter ?? 'nothing'} />}
          {change.conditions.length > 0 && <ValueRows changes={change.conditions} />}
        </li>
      ))}
    </ul>
  );
}

/** "before → after", which a screen reader reads as "was … now …". */
function BeforeAfter({ before, after }: { before: string; after: string }) {
  return (
    <span className="diff-values">
      <span className="visually-hidden">was </span><span className="diff-before">{before}</span>
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden">, now </span><span className="diff-after">{after}</span>
    </span>
  );
}
