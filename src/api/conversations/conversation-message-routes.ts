import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { asParams, oneOf, optionalString } from '../params.ts';
import { attributesParam, conversationsPage, pathConversation, type ConversationPath } from './conversation-api.ts';
import { conversationMessageJson } from './conversation-resources.ts';

/**
 * A conversation's messages. Posting one hands it to the conversation's flows (its studio
 * webhooks) before the answer, so that listing the messages right after shows their replies.
 * Every message posted here fires them: REST or not, as the flows are the point of the emulator.
 */
export function registerConversationMessageRoutes(app: FastifyInstance, context: AppContext): void {
  const { conversations } = context;

  app.post<ConversationPath>('/v1/Conversations/:conversation/Messages', async (request, reply) => {
    const conversation = await pathConversation(request, context);
    const params = asParams(request.body);
    const message = await conversations.addMessage(conversation, {
      author: optionalString(params, 'Author') || 'system',
      body: optionalString(params, 'Body') ?? '',
      attributes: attributesParam(params),
    });
    reply.code(201);
    return conversationMessageJson(context.publicUrl, message);
  });

  app.get<ConversationPath>('/v1/Conversations/:conversation/Messages', async (request) => {
    const conversation = await pathConversation(request, context);
    const order = oneOf(asParams(request.query), 'Order', ['asc', 'desc'] as const) ?? 'asc';
    return conversationsPage(
      request,
      context,
      'messages',
      `/v1/Conversations/${conversation.sid}/Messages`,
      (page) => conversations.listMessages(conversation, page, order === 'desc'),
      (item) => conversationMessageJson(context.publicUrl, item),
      { Order: optionalString(asParams(request.query), 'Order') },
    );
  });
}
