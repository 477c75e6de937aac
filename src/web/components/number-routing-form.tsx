import { useState, type FormEvent } from 'react';
import { accountPath, call } from '../api/client.ts';
import type { FlowJson, NumberJson, TwimlBinJson } from '../api/types.ts';
import { ErrorAlert } from './error-alert.tsx';
import { numberTarget, targetUrl } from './number-target.ts';
import { TargetPicker } from './target-picker.tsx';
import './number-routing-form.css';

/** Edits a number's name and where its calls (VoiceUrl) and messages (SmsUrl) go. */
export function NumberRoutingForm({ number, flows, bins, onSaved }: {
  number: NumberJson;
  flows: FlowJson[];
  bins: TwimlBinJson[];
  onSaved(number: NumberJson): void;
}) {
  const [friendlyName, setFriendlyName] = useState(number.friendly_name);
  const [voice, setVoice] = useState(() => numberTarget(number.voice_url, flows, bins));
  const [messaging, setMessaging] = useState(() => numberTarget(number.sms_url, flows, bins));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      onSaved(await call<NumberJson>('POST', `${accountPath()}/IncomingPhoneNumbers/${number.sid}.json`, {
        FriendlyName: friendlyName,
        VoiceUrl: targetUrl(voice, flows, bins),
        SmsUrl: targetUrl(messaging, flows, bins),
      }));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  };
  return (
    <form className="number-routing" onSubmit={submit} aria-label={`Settings of ${number.phone_number}`}>
      <label>
        Friendly name
        <input value={friendlyName} onChange={(event) => setFriendlyName(event.target.value)} />
      </label>
      <TargetPicker legend="Voice" target={voice} flows={flows} bins={bins} onChange={setVoice} />
      <TargetPicker legend="Messaging" target={messaging} flows={flows} bins={bins} onChange={setMessaging} />
      <ErrorAlert error={error} />
      <div className="number-routing-buttons">
        <button type="submit" className="primary" disabled={busy}>Save</button>
        <span role="status" className="saved">{saved ? 'Saved.' : ''}</span>
      </div>
    </form>
  );
}
