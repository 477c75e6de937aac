import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../errors.ts';
import type { AccountRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/**
 * HTTP Basic with an Account SID and its auth token, or an API key SID (`SK…`) and its secret,
 * as Twilio's APIs take it. When the path names an account, the credentials must be that account's.
 * Twilio's standard API keys cannot manage API keys; `apiKeys: false` refuses them.
 */
export async function authenticate(request: FastifyRequest, store: Store, pathAccountSid?: string, { apiKeys = true } = {}): Promise<AccountRecord> {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const username = colon >= 0 ? decoded.slice(0, colon) : '';
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  const account = await credentialsAccount(store, username, password);
  if (!account) {
    throw SwitchboardError.worded('authenticationFailed', 'Authenticate', { detail: 'Your AccountSid or AuthToken was incorrect.' });
  }
  if (!apiKeys && username.startsWith('SK')) {
    throw SwitchboardError.worded('authenticationFailed', 'Authenticate', { detail: 'An API key cannot manage API keys; use the Account SID and auth token.' });
  }
  if (pathAccountSid !== undefined && pathAccountSid !== account.sid) {
    throw resourceNotFound(`/Accounts/${pathAccountSid}`);
  }
  return account;
}

async function credentialsAccount(store: Store, username: string, password: string): Promise<AccountRecord | undefined> {
  if (username.startsWith('SK')) {
    const key = await store.getApiKey(username);
    return key && sameText(password, key.secret) ? store.getAccount(key.accountSid) : undefined;
  }
  const account = username ? await store.getAccount(username) : undefined;
  return account && sameText(password, account.authToken) ? account : undefined;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
