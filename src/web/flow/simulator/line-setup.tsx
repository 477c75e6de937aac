import { useState } from 'react';
import { channelsOf } from './phone-numbers.ts';
import type { SimulatorLine } from './use-simulator-line.ts';

/** The flow's number (or a button that gives it one) and the handset the simulator uses. */
export function LineSetup({ line, webhookUrl }: { line: SimulatorLine; webhookUrl: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const { flowNumbers, flowNumber } = line;
  return (
    <div className="line-setup">
      <div className="line-row">
        <span className="line-label" id="flow-number-label">Flow's number</span>
        {!flowNumbers ? (
          <span className="muted">Loading…</span>
        ) : flowNumbers.length === 0 ? (
          <button type="button" disabled={busy} onClick={() => void attempt(line.giveFlowNumber)}>Give this flow a number</button>
        ) : flowNumbers.length === 1 ? (
          <span>
            <strong>{flowNumber?.phone_number}</strong> <span className="muted">({flowNumber && channelsOf(flowNumber, webhookUrl)})</span>
          </span>
        ) : (
          <select aria-labelledby="flow-number-label" value={flowNumber?.phone_number} onChange={(event) => line.selectFlowNumber(event.target.value)}>
            {flowNumbers.map((number) => (
              <option key={number.sid} value={number.phone_number}>{number.phone_number} ({channelsOf(number, webhookUrl)})</option>
            ))}
          </select>
        )}
      </div>
      <div className="line-row">
        <label className="line-label" htmlFor="simulator-handset">Handset</label>
        <input
          id="simulator-handset"
          className="mono"
          value={line.handset}
          inputMode="tel"
          aria-invalid={!line.handsetValid}
          aria-describedby={line.handsetValid ? undefined : 'handset-error'}
          onChange={(event) => line.setHandset(event.target.value.trim())}
        />
        <button type="button" disabled={busy} onClick={() => void attempt(line.newHandset)}>New handset</button>
      </div>
      {!line.handsetValid && <p id="handset-error" className="error">The handset needs an E.164 number, such as +15555551234.</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
