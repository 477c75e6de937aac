import { useEffect, useId, useState, type FormEvent } from 'react';
import { call } from '../api/client.ts';
import { ErrorAlert } from './error-alert.tsx';
import './test-users.css';

interface TestUsersJson {
  sid: string;
  test_users: string[];
}

/** A flow's test users: the addresses whose messages and calls run its latest draft. */
export function TestUsers({ flowSid }: { flowSid: string }) {
  const [users, setUsers] = useState<string[]>();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<unknown>();
  const inputId = useId();
  const path = `/v2/Flows/${flowSid}/TestUsers`;

  useEffect(() => {
    call<TestUsersJson>('GET', path).then(({ test_users }) => setUsers(test_users), setError);
  }, [path]);

  /** Studio's API takes the whole list each time, as repeated TestUsers keys; one empty key clears it. */
  const save = async (list: string[]) => {
    setError(undefined);
    try {
      setUsers((await call<TestUsersJson>('POST', path, { TestUsers: list.length > 0 ? list : [''] })).test_users);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = address.trim();
    if (users?.includes(wanted)) return setError(new Error(`${wanted} is a test user already.`));
    if (await save([...(users ?? []), wanted])) setAddress('');
  };

  return (
    <div className="test-users">
      <p className="muted">Messages and calls from test users run the latest draft of this flow, so a change can be tried before it is published. Everyone else gets the published revision.</p>
      {users && (users.length === 0 ? <p className="muted">No test users yet.</p> : (
        <ul aria-label="Test users">
          {users.map((user) => (
            <li key={user}>
              <span className="mono">{user}</span>
              <button type="button" className="link-button" aria-label={`Remove ${user}`} onClick={() => void save(users.filter((each) => each !== user))}>Remove</button>
            </li>
          ))}
        </ul>
      ))}
      <form onSubmit={add} className="test-user-form">
        <label htmlFor={inputId} className="visually-hidden">Test user number</label>
        <input id={inputId} required value={address} placeholder="+15551230000" onChange={(event) => setAddress(event.target.value)} />
        <button type="submit">Add test user</button>
      </form>
      <ErrorAlert error={error} />
    </div>
  );
}
