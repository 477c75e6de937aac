import type { FastifyInstance } from 'fastify';
import { isE164 } from '../../carrier/e164.ts';
import { SwitchboardError } from '../../errors.ts';
import type { MessagingBinding } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { asParams, optionalString, type Params } from '../params.ts';
import { attributesParam, conversationsPage, pathConversation, type ConversationPath } from './conversation-api.ts';
import { participantJson } from './conversation-resources.ts';

/**
 * A conversation's participants: a chat participant by `Identity`, or an SMS or WhatsApp one by
 * `MessagingBinding.Address` (theirs) and `MessagingBinding.ProxyAddress` (the Twilio number).
 */
export function registerParticipantRoutes(app: FastifyInstance, context: AppContext): void {
  const { conversations } = context;

  app.post<ConversationPath>('/v1/Conversations/:conversation/Participants', async (request, reply) => {
    const conversation = await pathConversation(request, context);
    const params = asParams(request.body);
    const identity = optionalString(params, 'Identity') || null;
    const messagingBinding = bindingParams(params);
    if (identity !== null && messagingBinding !== null) {
      throw new SwitchboardError('invalidParameter', 'give either Identity (a chat participant) or MessagingBinding.Address (an SMS one), not both');
    }
    if (identity === null && messagingBinding === null) {
      throw SwitchboardError.worded('invalidParameter', 'Missing required parameter Identity or MessagingBinding.Address in the post body');
    }
    const participant = await conversations.addParticipant(conversation, { identity, messagingBinding, attributes: attributesParam(params) });
    reply.code(201);
    return participantJson(context.publicUrl, participant);
  });

  app.get<ConversationPath>('/v1/Conversations/:conversation/Participants', async (request) => {
    const conversation = await pathConversation(request, context);
    return conversationsPage(
      request,
      context,
      'participants',
      `/v1/Conversations/${conversation.sid}/Participants`,
      (page) => conversations.listParticipants(conversation, page),
      (item) => participantJson(context.publicUrl, item),
    );
  });
}

/** The SMS (`+1…`) or WhatsApp (`whatsapp:+1…`) binding, or null when no address is given. */
function bindingParams(params: Params): MessagingBinding | null {
  const address = optionalString(params, 'MessagingBinding.Address') || undefined;
  const proxyAddress = optionalString(params, 'MessagingBinding.ProxyAddress') || undefined;
  if (address === undefined) {
    if (proxyAddress !== undefined) throw SwitchboardError.worded('invalidParameter', 'MessagingBinding.ProxyAddress needs MessagingBinding.Address');
    return null;
  }
  if (proxyAddress === undefined) throw SwitchboardError.worded('invalidParameter', 'Missing required parameter MessagingBinding.ProxyAddress in the post body');
  const whatsapp = address.startsWith('whatsapp:');
  for (const [name, value] of [['MessagingBinding.Address', address], ['MessagingBinding.ProxyAddress', proxyAddress]] as const) {
    const number = whatsapp ? value.replace(/^whatsapp:/, '') : value;
    if (!isE164(number) || value.startsWith('whatsapp:') !== whatsapp) {
      throw new SwitchboardError('invalidParameter', `${name} must be an E.164 number${whatsapp ? ' after whatsapp:, like the address' : ''}, not "${value}"`);
    }
  }
  return { type: whatsapp ? 'whatsapp' : 'sms', address, proxyAddress };
}
