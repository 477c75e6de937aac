import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../errors.ts';
import type { AccountRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/**
 * HTTP Basic with an Account SID and its auth token, as Twilio's APIs take it. When the path
 * names an account, the credentials must be that account's.
 */
export async function authenticate(request: FastifyRequest, store: Store, pathAccountSid?: string): Promise<AccountRecord> {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const username = colon >= 0 ? decoded.slice(0, colon) : '';
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  const account = username ? await store.getAccount(username) : undefined;
  if (!account || !sameText(password, account.authToken)) {
    throw SwitchboardError.worded('authenticationFailed', 'Authenticate', { detail: 'Your AccountSid or AuthToken was incorrect.' });
  }
  if (pathAccountSid !== undefined && pathAccountSid !== account.sid) {
    throw resourceNotFound(`/Accounts/${pathAccountSid}`);
  }
  return account;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
