import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import { isoNow } from '../../engine/services.ts';
import type { ApiKeyRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, type Params } from '../params.ts';
import { accountUri, apiKeyJson, twilioPage } from './twilio-resources.ts';

type AccountParams = { Params: { accountSid: string } };
type KeyParams = { Params: { accountSid: string; sid: string } };

const maxFriendlyName = 64;
// Twilio's standard keys may use every API but this one.
const accountOnly = { apiKeys: false };

/** The 2010-04-01 Keys API: standard API keys, whose SID and secret stand in for the auth token. */
export function registerKeyRoutes(app: FastifyInstance, context: AppContext): void {
  const { store } = context;
  const base = '/2010-04-01/Accounts/:accountSid/Keys';

  async function ownedKey(accountSid: string, sid: string): Promise<ApiKeyRecord> {
    const key = await store.getApiKey(sid);
    if (!key || key.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/Keys/${sid}.json`);
    return key;
  }

  app.post<AccountParams>(`${base}.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid, accountOnly);
    const key = await createApiKey(context, account.sid, friendlyName(asParams(request.body)) ?? '');
    reply.code(201);
    return { ...apiKeyJson(key), secret: key.secret };
  });

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid, accountOnly);
    const page = pageRequest(asParams(request.query));
    const links = pageLinks(await store.listApiKeys(account.sid, page), page);
    const path = `${accountUri(account.sid)}/Keys.json`;
    return twilioPage('keys', path, { ...links, items: links.items.map(apiKeyJson) }, page.page, page.pageSize, page.offset);
  });

  app.get<KeyParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid, accountOnly);
    return apiKeyJson(await ownedKey(account.sid, request.params.sid));
  });

  app.post<KeyParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid, accountOnly);
    const key = await ownedKey(account.sid, request.params.sid);
    const name = friendlyName(asParams(request.body));
    const updated = { ...key, ...(name === undefined ? {} : { friendlyName: name }), dateUpdated: isoNow(context.clock) };
    await store.putApiKey(updated);
    return apiKeyJson(updated);
  });

  app.delete<KeyParams>(`${base}/:sid.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid, accountOnly);
    await ownedKey(account.sid, request.params.sid);
    await store.deleteApiKey(request.params.sid);
    reply.code(204);
  });
}

/** A new standard API key of the account, stored, with a fresh 32-character secret. */
export async function createApiKey(context: Pick<AppContext, 'store' | 'sids' | 'clock'>, accountSid: string, friendlyName: string): Promise<ApiKeyRecord> {
  const now = isoNow(context.clock);
  const key: ApiKeyRecord = {
    sid: context.sids.next('SK'),
    accountSid,
    friendlyName,
    secret: randomBytes(16).toString('hex'),
    dateCreated: now,
    dateUpdated: now,
  };
  await context.store.putApiKey(key);
  return key;
}

function friendlyName(params: Params): string | undefined {
  const name = optionalString(params, 'FriendlyName');
  if (name !== undefined && [...name].length > maxFriendlyName) {
    throw new SwitchboardError('invalidParameter', `FriendlyName must be at most ${maxFriendlyName} characters long`);
  }
  return name;
}
