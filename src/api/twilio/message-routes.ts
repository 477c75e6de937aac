import type { FastifyInstance } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, dayRange, optionalHttpUrl, optionalString, requiredString, stringList } from '../params.ts';
import { accountUri, messageJson, twilioPage } from './twilio-resources.ts';

type AccountParams = { Params: { accountSid: string } };
type MessageParams = { Params: { accountSid: string; sid: string } };

/** The 2010-04-01 Messages API, sending through the emulated network. */
export function registerMessageRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, network } = context;
  const base = '/2010-04-01/Accounts/:accountSid/Messages';

  app.post<AccountParams>(`${base}.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const params = asParams(request.body);
    const to = requiredString(params, 'To', 'missingTo');
    const from = optionalString(params, 'From');
    if (!from && optionalString(params, 'MessagingServiceSid')) {
      throw new SwitchboardError('invalidParameter', 'Messaging Services are not emulated yet; give a From number');
    }
    const message = await network.sendMessage({
      accountSid: account.sid,
      to,
      from: from ?? '',
      body: optionalString(params, 'Body') ?? '',
      mediaUrls: stringList(params, 'MediaUrl'),
      statusCallback: optionalHttpUrl(params, 'StatusCallback') || undefined,
    });
    reply.code(201);
    return messageJson(message);
  });

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const query = asParams(request.query);
    const filter = {
      accountSid: account.sid,
      to: optionalString(query, 'To'),
      from: optionalString(query, 'From'),
      ...renameRange(dayRange(query, 'DateSent')),
    };
    const page = pageRequest(query);
    const links = pageLinks(await store.listMessages(filter, page), page, {
      To: filter.to,
      From: filter.from,
      DateSent: optionalString(query, 'DateSent'),
      'DateSent<': optionalString(query, 'DateSent<'),
      'DateSent>': optionalString(query, 'DateSent>'),
    });
    return twilioPage('messages', `${accountUri(account.sid)}/Messages.json`, { ...links, items: links.items.map(messageJson) }, page.page, page.pageSize, page.offset);
  });

  async function ownedMessage(accountSid: string, sid: string) {
    const message = await store.getMessage(sid);
    if (!message || message.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/Messages/${sid}.json`);
    return message;
  }

  app.get<MessageParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return messageJson(await ownedMessage(account.sid, request.params.sid));
  });

  app.delete<MessageParams>(`${base}/:sid.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    await ownedMessage(account.sid, request.params.sid);
    await store.deleteMessage(request.params.sid);
    reply.code(204);
  });
}

function renameRange(range: { after?: string; before?: string }): { sentAfter?: string; sentBefore?: string } {
  return { sentAfter: range.after, sentBefore: range.before };
}
