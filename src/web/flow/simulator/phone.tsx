import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client.ts';
import { onStreamEvent } from '../../api/event-stream.ts';
import type { EmulatedCallJson } from '../../api/types.ts';
import { describeCallEvent, isCallOver, newerCall, waitingText } from './call-transcript.ts';
import { Keypad } from './keypad.tsx';
import { useReadAloud } from './use-read-aloud.ts';
import './phone.css';

interface PhoneProps {
  handset: string;
  flowNumber: string;
  prepare(contact: string): Promise<void>;
  refreshToken: number;
}

/** A handset's phone: call the flow's number, follow what the caller hears, key digits, speak, hang up. */
export function Phone({ handset, flowNumber, prepare, refreshToken }: PhoneProps) {
  const [phoneCall, setPhoneCall] = useState<EmulatedCallJson>();
  const [speech, setSpeech] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [readAloud, setReadAloud] = useReadAloud(phoneCall);
  const callSid = phoneCall?.sid;
  const transcript = useRef<HTMLDivElement>(null);
  useEffect(() => {
    transcript.current?.scrollTo({ top: transcript.current.scrollHeight });
  }, [phoneCall?.events.length]);

  const show = (answer: EmulatedCallJson) => setPhoneCall((current) => newerCall(current, answer));

  // Stream events come in bursts; one read of the call at a time, and one more if any came meanwhile.
  const reading = useRef({ running: false, again: false });
  const readCall = useCallback(async (sid: string) => {
    const state = reading.current;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      do {
        state.again = false;
        show(await call<EmulatedCallJson>('GET', `/emulator/v1/Calls/${sid}`));
      } while (state.again);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      state.running = false;
    }
  }, []);

  useEffect(() => {
    if (!callSid) return;
    const stopEvents = onStreamEvent('call-event', (event) => event.call_sid === callSid && void readCall(callSid));
    const stopCalls = onStreamEvent('call', (changed) => changed.sid === callSid && void readCall(callSid));
    return () => {
      stopEvents();
      stopCalls();
    };
  }, [callSid, readCall]);

  useEffect(() => {
    if (callSid && refreshToken) void readCall(callSid);
  }, [callSid, refreshToken, readCall]);

  const act = async (action: () => Promise<EmulatedCallJson>) => {
    setBusy(true);
    setError(undefined);
    try {
      await prepare(handset);
      show(await action());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const dial = () => act(() => call('POST', `/emulator/v1/Handsets/${encodeURIComponent(handset)}/Calls`, { To: flowNumber }));
  const input = (form: Record<string, string>) => act(() => call('POST', `/emulator/v1/Calls/${callSid}/Input`, form));
  const hangUp = () => act(() => call('POST', `/emulator/v1/Calls/${callSid}/Hangup`));
  const say = (event: FormEvent) => {
    event.preventDefault();
    if (!speech.trim()) return;
    // While a <Record> listens, what the caller says is the recording (its text stands for the audio).
    void input(phoneCall?.waiting_for === 'record' ? { Recording: speech } : { Speech: speech }).then(() => setSpeech(''));
  };

  const live = phoneCall !== undefined && !isCallOver(phoneCall);
  const waiting = phoneCall && waitingText(phoneCall.waiting_for);
  return (
    <div className="phone">
      <div className="phone-controls">
        {live ? (
          <button type="button" className="danger" disabled={busy} onClick={() => void hangUp()}>Hang up</button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => void dial()}>Call {flowNumber}</button>
        )}
        <span className="phone-status" aria-live="polite">{phoneCall ? `Call ${phoneCall.status.replace('-', ' ')}` : 'No call yet'}</span>
        <label className="phone-read-aloud">
          <input type="checkbox" checked={readAloud} onChange={(event) => setReadAloud(event.target.checked)} />
          Read aloud
        </label>
      </div>
      {phoneCall && (
        <div ref={transcript} className="phone-transcript" role="log" aria-label="What the caller hears">
          <ol>
            {phoneCall.events.map((event, index) => {
              const line = describeCallEvent(event);
              return line && <li key={index} className={`transcript-${line.tone}`}>{line.text}</li>;
            })}
          </ol>
        </div>
      )}
      {live && waiting && <p className="phone-waiting">{waiting}</p>}
      <Keypad disabled={!live || busy} onKey={(key) => void input({ Digits: key })} />
      <form className="phone-say" onSubmit={say}>
        <label className="visually-hidden" htmlFor="phone-speech">Say</label>
        <input id="phone-speech" value={speech} placeholder="Say something…" disabled={!live} onChange={(event) => setSpeech(event.target.value)} />
        <button type="submit" disabled={!live || busy || !speech.trim()}>Say</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
