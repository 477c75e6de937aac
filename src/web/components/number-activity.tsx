import { useEffect, useState } from 'react';
import { accountPath, call } from '../api/client.ts';
import { onStreamEvent } from '../api/event-stream.ts';
import type { CallJson, MessageJson } from '../api/types.ts';
import { DateTime } from './date-time.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { newestFirst } from './recent-activity.ts';
import './number-activity.css';

const shown = 25;

/** A number's recent messages and calls, both ways, newest first; live from the event stream. */
export function NumberActivity({ phoneNumber }: { phoneNumber: string }) {
  const [messages, setMessages] = useState<MessageJson[]>();
  const [calls, setCalls] = useState<CallJson[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setMessages(undefined);
    setCalls(undefined);
    const concerns = (item: { to: string; from: string }) => item.to === phoneNumber || item.from === phoneNumber;
    // Subscribe before listing, so nothing happens unseen in between; live items win over listed ones.
    const offMessage = onStreamEvent('message', (message) => {
      if (concerns(message)) setMessages((current) => newestFirst([message], current ?? []));
    });
    const offCall = onStreamEvent('call', (update) => {
      if (concerns(update)) setCalls((current) => newestFirst([update], current ?? []));
    });
    const list = async <T,>(resource: 'Messages' | 'Calls', field: 'To' | 'From') => {
      const page = await call<Record<string, T[]>>('GET', `${accountPath()}/${resource}.json?${field}=${encodeURIComponent(phoneNumber)}&PageSize=${shown}`);
      return page[resource.toLowerCase()]!;
    };
    void Promise.all([list<MessageJson>('Messages', 'To'), list<MessageJson>('Messages', 'From'), list<CallJson>('Calls', 'To'), list<CallJson>('Calls', 'From')]).then(
      ([messagesTo, messagesFrom, callsTo, callsFrom]) => {
        setMessages((current) => newestFirst(current ?? [], messagesTo, messagesFrom));
        setCalls((current) => newestFirst(current ?? [], callsTo, callsFrom));
      },
      setError,
    );
    return () => {
      offMessage();
      offCall();
    };
  }, [phoneNumber]);

  return (
    <div className="number-activity-columns">
      <ErrorAlert error={error} />
      <section className="number-activity" aria-label="Recent messages">
        <h3>Recent messages</h3>
        {!messages ? <p className="muted">Loading…</p> : messages.length === 0 ? <p className="muted">No messages yet.</p> : (
          <ul>
            {messages.slice(0, shown).map((message) => {
              const inbound = message.to === phoneNumber;
              return (
                <li key={message.sid} className={inbound ? 'inbound' : 'outbound'}>
                  <div className="activity-head">
                    <span className="direction">{inbound ? `↓ From ${message.from}` : `↑ To ${message.to}`}</span>
                    <span className="muted">{message.status} · <DateTime value={message.date_created} /></span>
                  </div>
                  <p className="message-body">{message.body || <span className="muted">(no text)</span>}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="number-activity" aria-label="Recent calls">
        <h3>Recent calls</h3>
        {!calls ? <p className="muted">Loading…</p> : calls.length === 0 ? <p className="muted">No calls yet.</p> : (
          <ul>
            {calls.slice(0, shown).map((each) => {
              const inbound = each.to === phoneNumber;
              return (
                <li key={each.sid} className={inbound ? 'inbound' : 'outbound'}>
                  <div className="activity-head">
                    <span className="direction">{inbound ? `↓ From ${each.from}` : `↑ To ${each.to}`}</span>
                    <span className="muted"><DateTime value={each.date_created} /></span>
                  </div>
                  <p>{each.status}{each.duration ? ` · ${each.duration} s` : ''}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
