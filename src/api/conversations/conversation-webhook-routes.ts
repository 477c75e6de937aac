import type { FastifyInstance } from 'fastify';
import { SwitchboardError } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';
import { asParams, optionalString, requiredOneOf, type Params } from '../params.ts';
import { conversationsPage, pathConversation, type ConversationPath } from './conversation-api.ts';
import { conversationWebhookJson } from './conversation-resources.ts';

/**
 * Conversation-scoped webhooks. `Target=studio` with `Configuration.FlowSid` is how Twilio
 * attaches a Studio flow to a conversation; the other targets (`webhook`, `trigger`) are not
 * emulated and are refused rather than kept and never called.
 */
export function registerConversationWebhookRoutes(app: FastifyInstance, context: AppContext): void {
  const { conversations } = context;

  app.post<ConversationPath>('/v1/Conversations/:conversation/Webhooks', async (request, reply) => {
    const conversation = await pathConversation(request, context);
    const params = asParams(request.body);
    const target = requiredOneOf(params, 'Target', ['webhook', 'trigger', 'studio'] as const);
    if (target !== 'studio') throw new SwitchboardError('invalidParameter', `Target ${target} is not emulated; only studio is`);
    const flowSid = optionalString(params, 'Configuration.FlowSid');
    if (!flowSid) throw SwitchboardError.worded('invalidParameter', 'Missing required parameter Configuration.FlowSid in the post body');
    if (!/^FW[0-9a-fA-F]{32}$/.test(flowSid)) throw new SwitchboardError('invalidWebhookFlowSid', `Configuration.FlowSid "${flowSid}" is not a Flow SID (FW and 32 hex digits)`);
    const webhook = await conversations.addStudioWebhook(conversation, flowSid, replayAfterParam(params));
    reply.code(201);
    return conversationWebhookJson(context.publicUrl, webhook);
  });

  app.get<ConversationPath>('/v1/Conversations/:conversation/Webhooks', async (request) => {
    const conversation = await pathConversation(request, context);
    return conversationsPage(
      request,
      context,
      'webhooks',
      `/v1/Conversations/${conversation.sid}/Webhooks`,
      (page) => conversations.listWebhooks(conversation, page),
      (item) => conversationWebhookJson(context.publicUrl, item),
    );
  });
}

/** `Configuration.ReplayAfter`: a message index, from which on the flow hears the earlier messages. */
function replayAfterParam(params: Params): number | undefined {
  const text = optionalString(params, 'Configuration.ReplayAfter');
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new SwitchboardError('invalidParameter', `Configuration.ReplayAfter must be a message index (a whole number), not "${text}"`);
  return Number(text);
}
