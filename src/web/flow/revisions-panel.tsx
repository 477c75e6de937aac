import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../api/client.ts';
import type { FlowDefinition, RevisionJson } from '../api/types.ts';
import { DateTime } from '../components/date-time.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { TestUsers } from '../components/test-users.tsx';
import type { FlowPanelProps } from './flow-panel-props.ts';
import { diffFlows, type FlowDiff } from '../../flow/flow-diff.ts';
import { RevisionDiffView } from './revision-diff-view.tsx';
import './revisions-panel.css';

interface Comparison {
  from: number;
  to: number;
  diff: FlowDiff;
}

/** The flow's revisions: restore one, compare any two, and the test users who run the draft. */
export function RevisionsPanel({ flow, saveDraft, reloadFlow }: FlowPanelProps) {
  const [revisions, setRevisions] = useState<RevisionJson[]>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [comparison, setComparison] = useState<Comparison>();
  const fromId = useId();
  const toId = useId();
  // Revisions never change once saved, so each definition is fetched once.
  const definitions = useRef(new Map<number, Promise<FlowDefinition>>());
  const revisionsPath = `/v2/Flows/${flow.sid}/Revisions`;

  useEffect(() => {
    call<{ revisions: RevisionJson[] }>('GET', `${revisionsPath}?PageSize=1000`).then(({ revisions: listed }) => {
      setRevisions(listed);
      // The latest two, newest first as listed, until the user picks others.
      setTo(listed[0]?.revision);
      setFrom(listed[1]?.revision ?? listed[0]?.revision);
    }, setError);
  }, [revisionsPath, flow.revision]);

  const definitionOf = useCallback((revision: number) => {
    let loading = definitions.current.get(revision);
    if (!loading) {
      loading = call<RevisionJson>('GET', `${revisionsPath}/${revision}`).then(({ definition }) => {
        if (!definition) throw new Error(`Revision ${revision} has no definition`);
        return definition;
      });
      loading.catch(() => definitions.current.delete(revision));
      definitions.current.set(revision, loading);
    }
    return loading;
  }, [revisionsPath]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  };

  const restore = (revision: number) => run(async () => {
    // Unsaved canvas edits become a revision first, so restoring loses nothing.
    await saveDraft();
    const restored = await call<{ revision: number }>('POST', `/v2/Flows/${flow.sid}`, {
      Status: 'draft',
      Definition: JSON.stringify(await definitionOf(revision)),
      CommitMessage: `Restored revision ${revision}`,
    });
    setNotice(`Restored revision ${revision} as revision ${restored.revision}, a draft.`);
    await reloadFlow();
  });

  const compare = (event: FormEvent) => {
    event.preventDefault();
    if (from === undefined || to === undefined) return;
    void run(async () => {
      const [before, after] = await Promise.all([definitionOf(from), definitionOf(to)]);
      setComparison({ from, to, diff: diffFlows(before, after, { layout: true }) });
    });
  };

  const revisionOptions = revisions?.map((revision) => (
    <option key={revision.revision} value={revision.revision}>
      {revision.revision} · {revision.status}
    </option>
  ));
  return (
    <div className="revisions-panel">
      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <ErrorAlert error={error} />
        <p role="status" className="revisions-notice">{notice}</p>
        {!revisions ? <p className="muted">Loading…</p> : (
          <ol className="revision-list" aria-label="Revisions, newest first">
            {revisions.map((revision) => (
              <li key={revision.revision}>
                <div className="revision-line">
                  <strong>Revision {revision.revision}</strong>
                  <span className={`badge ${revision.status}`}>{revision.status}</span>
                  {revision.revision === flow.revision && <span className="badge">latest</span>}
                  {revision.revision !== flow.revision && (
                    <button type="button" className="restore" disabled={busy} aria-label={`Restore revision ${revision.revision}`} onClick={() => void restore(revision.revision)}>
                      Restore
                    </button>
                  )}
                </div>
                <div className="revision-message">{revision.commit_message || <span className="muted">No commit message</span>}</div>
                <div className="muted revision-date"><DateTime value={revision.date_updated ?? revision.date_created} /></div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare revisions</h2>
        {revisions && revisions.length < 2 ? <p className="muted">There is one revision so far: save or publish a change to compare.</p> : (
          <form className="compare-form" onSubmit={compare}>
            <div className="field">
              <label htmlFor={fromId}>From revision</label>
              <select id={fromId} value={from ?? ''} onChange={(event) => setFrom(Number(event.target.value))}>{revisionOptions}</select>
            </div>
            <div className="field">
              <label htmlFor={toId}>To revision</label>
              <select id={toId} value={to ?? ''} onChange={(event) => setTo(Number(event.target.value))}>{revisionOptions}</select>
            </div>
            <button type="submit" disabled={busy || !revisions}>Compare</button>
          </form>
        )}
        {comparison && <RevisionDiffView diff={comparison.diff} from={comparison.from} to={comparison.to} />}
      </section>

      <section aria-labelledby="test-users-heading">
        <h2 id="test-users-heading">Test users</h2>
        <TestUsers flowSid={flow.sid} />
      </section>
    </div>
  );
}
