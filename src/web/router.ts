import { useEffect, useState } from 'react';

/**
 * The app routes on the URL's fragment (`#/flows/FW…?tab=simulator`), so the server needs to
 * serve only `/` and every other path stays with the APIs.
 */
export interface Route {
  /** The path segments: `#/flows/FW1` is `['flows', 'FW1']`. */
  segments: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}

/** Goes to an app path such as `/flows/FW1`; `replace` leaves no history entry. */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', `#${path}`);
  else location.hash = path;
  if (replace) dispatchEvent(new HashChangeEvent('hashchange'));
}
