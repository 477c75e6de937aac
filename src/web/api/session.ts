/**
 * The account credentials the app calls the APIs with. They live in localStorage, so a reload
 * stays signed in; the sign-in link of `npm start` carries them in the URL's fragment.
 */
export interface Credentials {
  accountSid: string;
  authToken: string;
}

const storageKey = 'switchboard.credentials';

export function storedCredentials(): Credentials | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<Credentials> | null;
    return value?.accountSid && value.authToken ? { accountSid: value.accountSid, authToken: value.authToken } : undefined;
  } catch {
    return undefined;
  }
}

export function storeCredentials(credentials: Credentials | undefined): void {
  if (credentials) localStorage.setItem(storageKey, JSON.stringify(credentials));
  else localStorage.removeItem(storageKey);
}

export function authorizationHeader(credentials: Credentials): string {
  return `Basic ${btoa(`${credentials.accountSid}:${credentials.authToken}`)}`;
}
