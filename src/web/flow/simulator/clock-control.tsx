import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.ts';
import { formatDateTime } from '../executions/format-time.ts';

interface ClockJson {
  now: string;
  virtual: boolean;
}

/** The server's clock; under `--clock virtual`, moving it fires the timeouts that fall due. */
export function ClockControl({ beforeAdvance, onAdvanced }: { beforeAdvance(): Promise<void>; onAdvanced(): void }) {
  const [clock, setClock] = useState<ClockJson>();
  const [seconds, setSeconds] = useState('60');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    call<ClockJson>('GET', '/emulator/v1/Clock').then(setClock, (failure: Error) => setError(failure.message));
  }, []);

  const advance = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await beforeAdvance();
      setClock(await call<ClockJson>('POST', '/emulator/v1/Clock', { Advance: seconds }));
      onAdvanced();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!clock) return error ? <p role="alert" className="error">{error}</p> : null;
  return (
    <form className="clock-control" aria-label="Clock" onSubmit={(event) => void advance(event)}>
      <span className="line-label">Clock</span>
      <span className="clock-now">
        {clock.virtual ? <time dateTime={clock.now}>{formatDateTime(clock.now)}</time> : 'System time'}
        {clock.virtual && <span className="muted"> (virtual)</span>}
      </span>
      {clock.virtual && (
        <div className="clock-advance">
          <input type="number" min="1" step="1" required aria-label="Advance by seconds" value={seconds} onChange={(event) => setSeconds(event.target.value)} />
          <span className="muted">seconds</span>
          <button type="submit" disabled={busy}>Advance</button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
