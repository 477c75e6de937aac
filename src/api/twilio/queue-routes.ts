import type { FastifyInstance } from 'fastify';
import type { CallQueue } from '../../carrier/emulator/voice/call-queues.ts';
import { rfc2822 } from '../../carrier/rfc2822.ts';
import { resourceNotFound } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams } from '../params.ts';
import { accountUri, twilioPage } from './twilio-resources.ts';

type AccountParams = { Params: { accountSid: string } };
type QueueParams = { Params: { accountSid: string; sid: string } };

/** Callers wait in a queue for at most this many; Twilio's default max_size. */
const maxQueueSize = 100;

/**
 * The 2010-04-01 Queues API, read-only: the queues `<Enqueue>`, enqueue-call and send-to-flex
 * made (on first use, as Twilio makes them), and the callers waiting in each.
 */
export function registerQueueRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, voice, clock } = context;
  const base = '/2010-04-01/Accounts/:accountSid/Queues';

  const queueJson = (queue: CallQueue) => {
    const uri = `${accountUri(queue.accountSid)}/Queues/${queue.sid}`;
    return {
      account_sid: queue.accountSid,
      average_wait_time: queue.averageWait(),
      current_size: queue.members.length,
      date_created: rfc2822(queue.dateCreated),
      date_updated: rfc2822(queue.dateCreated),
      friendly_name: queue.name,
      max_size: maxQueueSize,
      sid: queue.sid,
      subresource_uris: { members: `${uri}/Members.json` },
      uri: `${uri}.json`,
    };
  };

  const page = <T>(all: T[], query: unknown) => {
    const request = pageRequest(asParams(query));
    return { request, links: pageLinks(all.slice(request.offset, request.offset + request.limit), request) };
  };

  const ownedQueue = (accountSid: string, sid: string) => {
    const queue = voice.queues.list(accountSid).find((candidate) => candidate.sid === sid);
    if (!queue) throw resourceNotFound(`${accountUri(accountSid)}/Queues/${sid}.json`);
    return queue;
  };

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const { request: paging, links } = page(voice.queues.list(account.sid), request.query);
    return twilioPage('queues', `${accountUri(account.sid)}/Queues.json`, { ...links, items: links.items.map(queueJson) }, paging.page, paging.pageSize, paging.offset);
  });

  app.get<QueueParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return queueJson(ownedQueue(account.sid, request.params.sid));
  });

  app.get<QueueParams>(`${base}/:sid/Members.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const queue = ownedQueue(account.sid, request.params.sid);
    const now = clock.now();
    const members = queue.members.map((member, index) => ({
      call_sid: member.leg.sid,
      date_enqueued: rfc2822(new Date(member.enqueuedAt).toISOString()),
      position: index + 1,
      queue_sid: queue.sid,
      uri: `${accountUri(account.sid)}/Queues/${queue.sid}/Members/${member.leg.sid}.json`,
      wait_time: Math.round((now - member.enqueuedAt) / 1000),
    }));
    const { request: paging, links } = page(members, request.query);
    return twilioPage('queue_members', `${accountUri(account.sid)}/Queues/${queue.sid}/Members.json`, links, paging.page, paging.pageSize, paging.offset);
  });
}
