import { useEffect, useRef, useState } from 'react';
import { onStreamEvent } from '../../api/event-stream.ts';
import type { ExecutionJson } from '../../api/types.ts';
import { executionHref, listExecutions, type ServerExecutionFilter } from './execution-api.ts';
import { contactMatches, isoFromLocalInput, localInputValue, withLiveExecution, type ExecutionFilter } from './execution-list.ts';
import { formatDateTime } from './format-time.ts';

/** A flow's executions, newest first, filtered, and kept up to date by the event stream. */
export function ExecutionList({ flowSid, filter, onFilterChange }: { flowSid: string; filter: ExecutionFilter; onFilterChange(filter: ExecutionFilter): void }) {
  const [executions, setExecutions] = useState<ExecutionJson[]>();
  const [nextPage, setNextPage] = useState<string>();
  const [error, setError] = useState<string>();
  const { status, createdFrom, createdTo } = filter;
  const serverFilter = useRef<ServerExecutionFilter>({});
  serverFilter.current = { status, createdFrom, createdTo };
  // Updates that arrive while a page loads are applied to it once it is there.
  const liveDuringLoad = useRef(new Map<string, ExecutionJson>());

  useEffect(() => {
    let current = true;
    liveDuringLoad.current.clear();
    setExecutions(undefined);
    setError(undefined);
    listExecutions(flowSid, { status, createdFrom, createdTo }).then(
      (page) => {
        if (!current) return;
        const live = [...liveDuringLoad.current.values()];
        setExecutions(live.reduce((list, execution) => withLiveExecution(list, execution, { status, createdFrom, createdTo }), page.executions));
        setNextPage(page.nextPage);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [flowSid, status, createdFrom, createdTo]);

  useEffect(
    () =>
      onStreamEvent('execution', (execution) => {
        if (execution.flow_sid !== flowSid) return;
        liveDuringLoad.current.set(execution.sid, execution);
        setExecutions((list) => list && withLiveExecution(list, execution, serverFilter.current));
      }),
    [flowSid],
  );

  const loadMore = async () => {
    if (!nextPage) return;
    try {
      const page = await listExecutions(flowSid, serverFilter.current, nextPage);
      setExecutions((list) => [...(list ?? []), ...page.executions.filter((each) => !list?.some((listed) => listed.sid === each.sid))]);
      setNextPage(page.nextPage);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const filtered = Boolean(status || createdFrom || createdTo || filter.contact.trim());
  const shown = executions?.filter((execution) => contactMatches(execution, filter.contact));
  return (
    <div className="executions">
      <form className="execution-filters" role="search" aria-label="Filter executions" onSubmit={(event) => event.preventDefault()}>
        <label>
          Status
          <select value={status ?? ''} onChange={(event) => onFilterChange({ ...filter, status: (event.target.value || undefined) as ExecutionFilter['status'] })}>
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="ended">Ended</option>
          </select>
        </label>
        <label>
          Contact
          <input type="search" value={filter.contact} placeholder="Contains…" onChange={(event) => onFilterChange({ ...filter, contact: event.target.value })} />
        </label>
        <label>
          Created from
          <input type="datetime-local" value={localInputValue(createdFrom)} onChange={(event) => onFilterChange({ ...filter, createdFrom: isoFromLocalInput(event.target.value) })} />
        </label>
        <label>
          Created to
          <input type="datetime-local" value={localInputValue(createdTo)} onChange={(event) => onFilterChange({ ...filter, createdTo: isoFromLocalInput(event.target.value) })} />
        </label>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {!shown ? (
        !error && <p className="muted">Loading executions…</p>
      ) : shown.length === 0 ? (
        <p className="muted">{filtered ? 'No execution matches these filters.' : 'No executions yet: text or call the flow from the Simulator tab.'}</p>
      ) : (
        <ul className="execution-list" aria-label="Executions">
          {shown.map((execution) => (
            <li key={execution.sid}>
              <a href={executionHref(flowSid, execution.sid)}>
                <span className={`badge ${execution.status}`}>{execution.status}</span>
                <span className="execution-contact">{execution.contact_channel_address}</span>
                <time dateTime={execution.date_created}>{formatDateTime(execution.date_created)}</time>
              </a>
            </li>
          ))}
        </ul>
      )}
      {nextPage && <button type="button" onClick={() => void loadMore()}>Load more</button>}
    </div>
  );
}
