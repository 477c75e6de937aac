import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client.ts';
import { onStreamEvent } from '../../api/event-stream.ts';
import type { MessageJson } from '../../api/types.ts';
import { isBetween, withMessages } from './message-thread.ts';
import './sms-thread.css';

interface SmsThreadProps {
  handset: string;
  flowNumber: string;
  /** Saves the draft and makes the handset a test user. */
  prepare(contact: string): Promise<void>;
  /** Changes when the thread should be read again (the clock moved). */
  refreshToken: number;
}

/** The messages between the handset and the flow's number, as chat bubbles, live; and a box to text. */
export function SmsThread({ handset, flowNumber, prepare, refreshToken }: SmsThreadProps) {
  const [messages, setMessages] = useState<MessageJson[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const inThread = (message: MessageJson) => isBetween(message, handset, flowNumber);
    let current = true;
    setMessages([]);
    call<{ messages: MessageJson[] }>('GET', `/emulator/v1/Handsets/${encodeURIComponent(handset)}/Messages`).then(
      // Messages the stream brought while this loaded stay, after the ones the server listed.
      (page) => current && setMessages((live) => withMessages(page.messages.filter(inThread), live)),
      (failure: Error) => current && setError(failure.message),
    );
    const stop = onStreamEvent('message', (message) => {
      if (inThread(message)) setMessages((thread) => withMessages(thread, [message]));
    });
    return () => {
      current = false;
      stop();
    };
  }, [handset, flowNumber, refreshToken]);

  useEffect(() => {
    // The newest message shows, as in a phone's thread.
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [messages.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setError(undefined);
    try {
      await prepare(handset);
      const sent = await call<MessageJson>('POST', `/emulator/v1/Handsets/${encodeURIComponent(handset)}/Messages`, { To: flowNumber, Body: text });
      setMessages((thread) => withMessages(thread, [sent]));
      setText('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="sms-thread">
      <div ref={scroller} className="sms-messages" role="log" aria-label={`Messages between ${handset} and ${flowNumber}`}>
        <ol>
          {messages.length === 0 && <li className="muted sms-empty">No messages yet. Say hi!</li>}
          {messages.map((message) => {
            const mine = message.from === handset;
            return (
              <li key={message.sid} className={`sms-bubble ${mine ? 'sms-mine' : 'sms-flow'}`}>
                <span className="visually-hidden">{mine ? 'You:' : 'Flow:'} </span>
                <span className="sms-body">{message.body}</span>
                {/failed|undelivered/.test(message.status) && <span className="sms-status error">{message.status}</span>}
              </li>
            );
          })}
        </ol>
      </div>
      <form className="sms-compose" onSubmit={(event) => void send(event)}>
        <label className="visually-hidden" htmlFor="sms-text">Message</label>
        <input id="sms-text" value={text} placeholder="Text the flow…" autoComplete="off" onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="primary" disabled={sending || !text.trim()}>Send</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
