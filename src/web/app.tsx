import { lazy, Suspense, useEffect, useState } from 'react';
import { storeCredentials, storedCredentials, type Credentials } from './api/session.ts';
import { FlowsPage } from './pages/flows-page.tsx';
import { NumbersPage } from './pages/numbers-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { navigate, useRoute } from './router.ts';

/** The editor (React Flow, dagre and the panels) loads only when a flow is opened. */
const FlowPage = lazy(() => import('./pages/flow-page.tsx').then((module) => ({ default: module.FlowPage })));

/** The shell: a skip link, the header with the app's sections, and the page the route names. */
export function App() {
  const route = useRoute();
  const [credentials, setCredentials] = useState<Credentials | undefined>(storedCredentials);
  const [section] = route.segments;

  useEffect(() => {
    // The sign-in link of `npm start`: keep its credentials, then drop them from the address bar.
    if (section === 'signin' && route.query.get('account') && route.query.get('token')) {
      const signedIn = { accountSid: route.query.get('account')!, authToken: route.query.get('token')! };
      storeCredentials(signedIn);
      setCredentials(signedIn);
      navigate('/flows', { replace: true });
    } else if (!section) {
      navigate('/flows', { replace: true });
    }
  }, [section, route.query]);

  if (!credentials) return <SignInPage onSignedIn={setCredentials} />;
  const signOut = () => {
    storeCredentials(undefined);
    setCredentials(undefined);
  };
  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href="#/flows">Switchboard</a>
        <nav aria-label="Sections">
          <a href="#/flows" aria-current={section === 'flows' ? 'page' : undefined}>Flows</a>
          <a href="#/numbers" aria-current={section === 'numbers' ? 'page' : undefined}>Numbers</a>
        </nav>
        <span className="account" title="Signed in as this account">{credentials.accountSid}</span>
        <button type="button" className="link-button" onClick={signOut}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>
        {section === 'numbers' ? <NumbersPage />
          : section === 'flows' && route.segments[1] ? (
            <Suspense fallback={<p className="page muted">Loading…</p>}>
              <FlowPage key={route.segments[1]} flowSid={route.segments[1]} route={route} />
            </Suspense>
          )
          : <FlowsPage />}
      </main>
    </>
  );
}
