import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../api/client.ts';
import { storeCredentials, type Credentials } from '../api/session.ts';

/** Signs in with the Account SID and auth token that `npm start` prints; checks them first. */
export function SignInPage({ onSignedIn }: { onSignedIn(credentials: Credentials): void }) {
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { accountSid: String(form.get('accountSid')).trim(), authToken: String(form.get('authToken')).trim() };
    storeCredentials(credentials);
    try {
      await call('GET', '/v2/Flows?PageSize=1');
      onSignedIn(credentials);
    } catch (failure) {
      storeCredentials(undefined);
      setError(failure instanceof ApiError && failure.status === 401 ? 'That Account SID and auth token do not match.' : String(failure));
    }
  };
  return (
    <main className="sign-in">
      <h1>Switchboard</h1>
      <p>Sign in with the account that <code>npm start</code> printed, or open the sign-in link it printed.</p>
      <form onSubmit={submit}>
        <label>
          Account SID
          <input name="accountSid" required pattern="AC[0-9a-fA-F]{32}" autoComplete="username" />
        </label>
        <label>
          Auth token
          <input name="authToken" type="password" required autoComplete="current-password" />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary">Sign in</button>
      </form>
    </main>
  );
}
