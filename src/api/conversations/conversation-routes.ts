import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, optionalString } from '../params.ts';
import { attributesParam, conversationsPage, pathConversation, type ConversationPath } from './conversation-api.ts';
import { conversationJson } from './conversation-resources.ts';

/** Conversations API v1: create, fetch (by SID or unique name) and list conversations. */
export function registerConversationRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, conversations } = context;

  app.post('/v1/Conversations', async (request, reply) => {
    const account = await authenticate(request, store);
    const params = asParams(request.body);
    const conversation = await conversations.create(account.sid, {
      friendlyName: optionalString(params, 'FriendlyName') ?? null,
      uniqueName: optionalString(params, 'UniqueName') || null,
      attributes: attributesParam(params),
    });
    reply.code(201);
    return conversationJson(context.publicUrl, conversation);
  });

  app.get('/v1/Conversations', async (request) => {
    const account = await authenticate(request, store);
    return conversationsPage(request, context, 'conversations', '/v1/Conversations', (page) => conversations.list(account.sid, page), (item) =>
      conversationJson(context.publicUrl, item),
    );
  });

  app.get<ConversationPath>('/v1/Conversations/:conversation', async (request) => conversationJson(context.publicUrl, await pathConversation(request, context)));
}
