import { useId } from 'react';
import type { FlowJson, TwimlBinJson } from '../api/types.ts';
import type { NumberTarget, TargetKind } from './number-target.ts';
import './target-picker.css';

const kinds: Array<{ kind: TargetKind; label: string }> = [
  { kind: 'none', label: 'Nothing' },
  { kind: 'flow', label: 'A flow' },
  { kind: 'bin', label: 'A TwiML Bin' },
  { kind: 'url', label: 'A URL' },
];

/** Chooses where a number's calls or messages go: one fieldset, named by `legend`. */
export function TargetPicker({ legend, target, flows, bins, onChange }: {
  legend: string;
  target: NumberTarget;
  flows: FlowJson[];
  bins: TwimlBinJson[];
  onChange(target: NumberTarget): void;
}) {
  const change = (fields: Partial<NumberTarget>) => onChange({ ...target, ...fields });
  // Selects get their labels by id: a select inside its label would add its options to its name.
  const id = useId();
  return (
    <fieldset className="target-picker">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Handled by</label>
        <select id={`${id}-kind`} value={target.kind} onChange={(event) => change({ kind: event.target.value as TargetKind })}>
          {kinds.map(({ kind, label }) => <option key={kind} value={kind}>{label}</option>)}
        </select>
      </div>
      {target.kind === 'flow' && (
        <div className="field">
          <label htmlFor={`${id}-flow`}>Flow</label>
          <select id={`${id}-flow`} required value={target.flowSid} onChange={(event) => change({ flowSid: event.target.value })}>
            <option value="">Choose a flow…</option>
            {flows.map((flow) => <option key={flow.sid} value={flow.sid}>{flow.friendly_name}</option>)}
          </select>
        </div>
      )}
      {target.kind === 'bin' && (bins.length === 0 ? <p className="muted">No TwiML Bins yet: create one with POST /emulator/v1/TwimlBins.</p> : (
        <div className="field">
          <label htmlFor={`${id}-bin`}>TwiML Bin</label>
          <select id={`${id}-bin`} required value={target.binSid} onChange={(event) => change({ binSid: event.target.value })}>
            <option value="">Choose a TwiML Bin…</option>
            {bins.map((bin) => <option key={bin.sid} value={bin.sid}>{bin.friendly_name}</option>)}
          </select>
        </div>
      ))}
      {target.kind === 'url' && (
        <label>
          URL
          <input type="url" required value={target.url} placeholder="https://example.com/webhook" onChange={(event) => change({ url: event.target.value })} />
        </label>
      )}
    </fieldset>
  );
}
