import type { FastifyInstance } from 'fastify';
import { resourceNotFound } from '../../errors.ts';
import { defaultWebhooks, type ApplicationRecord } from '../../store/records.ts';
import { isoNow } from '../../engine/services.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, type Params } from '../params.ts';
import { accountUri, applicationJson, twilioPage } from './twilio-resources.ts';
import { webhookSettings } from './webhook-settings.ts';

type AccountParams = { Params: { accountSid: string } };
type ApplicationParams = { Params: { accountSid: string; sid: string } };

const urlFields = {
  VoiceUrl: 'voiceUrl',
  VoiceFallbackUrl: 'voiceFallbackUrl',
  StatusCallback: 'statusCallback',
  SmsUrl: 'smsUrl',
  SmsFallbackUrl: 'smsFallbackUrl',
  SmsStatusCallback: 'smsStatusCallback',
  MessageStatusCallback: 'messageStatusCallback',
} as const;

const methodFields = {
  VoiceMethod: 'voiceMethod',
  VoiceFallbackMethod: 'voiceFallbackMethod',
  StatusCallbackMethod: 'statusCallbackMethod',
  SmsMethod: 'smsMethod',
  SmsFallbackMethod: 'smsFallbackMethod',
} as const;

/** The 2010-04-01 Applications API: TwiML Apps, whose VoiceUrl answers a browser client's calls. */
export function registerApplicationRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, sids, clock } = context;
  const base = '/2010-04-01/Accounts/:accountSid/Applications';
  const settings = (params: Params) => webhookSettings<ApplicationRecord>(params, urlFields, methodFields);

  async function ownedApplication(accountSid: string, sid: string): Promise<ApplicationRecord> {
    const application = await store.getApplication(sid);
    if (!application || application.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/Applications/${sid}.json`);
    return application;
  }

  app.post<AccountParams>(`${base}.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const now = isoNow(clock);
    const application: ApplicationRecord = {
      sid: sids.next('AP'),
      accountSid: account.sid,
      friendlyName: '',
      ...defaultWebhooks(),
      smsStatusCallback: null,
      messageStatusCallback: null,
      ...settings(asParams(request.body)),
      dateCreated: now,
      dateUpdated: now,
    };
    await store.putApplication(application);
    reply.code(201);
    return applicationJson(application);
  });

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const query = asParams(request.query);
    const friendlyName = optionalString(query, 'FriendlyName');
    const page = pageRequest(query);
    const links = pageLinks(await store.listApplications(account.sid, { friendlyName }, page), page, { FriendlyName: friendlyName });
    const path = `${accountUri(account.sid)}/Applications.json`;
    return twilioPage('applications', path, { ...links, items: links.items.map(applicationJson) }, page.page, page.pageSize, page.offset);
  });

  app.get<ApplicationParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return applicationJson(await ownedApplication(account.sid, request.params.sid));
  });

  app.post<ApplicationParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const application = await ownedApplication(account.sid, request.params.sid);
    const updated = { ...application, ...settings(asParams(request.body)), dateUpdated: isoNow(clock) };
    await store.putApplication(updated);
    return applicationJson(updated);
  });

  app.delete<ApplicationParams>(`${base}/:sid.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    await ownedApplication(account.sid, request.params.sid);
    await store.deleteApplication(request.params.sid);
    reply.code(204);
  });
}
