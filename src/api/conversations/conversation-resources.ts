import type {
  ConversationMessageRecord,
  ConversationParticipantRecord,
  ConversationRecord,
  ConversationWebhookRecord,
} from '../../store/records.ts';
import { studioDate } from '../studio/studio-resources.ts';

/**
 * The Conversations API v1's resource JSON: snake_case fields, ISO 8601 dates without
 * milliseconds (as Studio's), absolute URLs under `{base}/v1/Conversations`.
 */

export function conversationUrl(base: string, conversationSid: string): string {
  return `${base}/v1/Conversations/${conversationSid}`;
}

export function conversationJson(base: string, conversation: ConversationRecord) {
  const url = conversationUrl(base, conversation.sid);
  return {
    account_sid: conversation.accountSid,
    chat_service_sid: conversation.chatServiceSid,
    messaging_service_sid: null,
    sid: conversation.sid,
    friendly_name: conversation.friendlyName,
    unique_name: conversation.uniqueName,
    attributes: conversation.attributes,
    state: conversation.state,
    date_created: studioDate(conversation.dateCreated),
    date_updated: studioDate(conversation.dateUpdated),
    timers: {},
    url,
    links: { participants: `${url}/Participants`, messages: `${url}/Messages`, webhooks: `${url}/Webhooks` },
    bindings: null,
  };
}

export function participantJson(base: string, participant: ConversationParticipantRecord) {
  const binding = participant.messagingBinding;
  return {
    account_sid: participant.accountSid,
    conversation_sid: participant.conversationSid,
    sid: participant.sid,
    identity: participant.identity,
    attributes: participant.attributes,
    messaging_binding: binding ? { type: binding.type, address: binding.address, proxy_address: binding.proxyAddress } : null,
    role_sid: null,
    date_created: studioDate(participant.dateCreated),
    date_updated: studioDate(participant.dateUpdated),
    url: `${conversationUrl(base, participant.conversationSid)}/Participants/${participant.sid}`,
    last_read_message_index: null,
    last_read_timestamp: null,
  };
}

export function conversationMessageJson(base: string, message: ConversationMessageRecord) {
  const url = `${conversationUrl(base, message.conversationSid)}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    conversation_sid: message.conversationSid,
    sid: message.sid,
    index: message.index,
    author: message.author,
    body: message.body,
    media: null,
    attributes: message.attributes,
    participant_sid: message.participantSid,
    date_created: studioDate(message.dateCreated),
    date_updated: studioDate(message.dateUpdated),
    url,
    delivery: null,
    links: { delivery_receipts: `${url}/Receipts`, channel_metadata: `${url}/ChannelMetadata` },
    content_sid: null,
  };
}

export function conversationWebhookJson(base: string, webhook: ConversationWebhookRecord) {
  const { flowSid, replayAfter } = webhook.configuration;
  // replay_after's name is presumed by analogy with flow_sid; it shows only when set.
  const configuration = { flow_sid: flowSid, ...(replayAfter === undefined ? {} : { replay_after: replayAfter }) };
  return {
    sid: webhook.sid,
    account_sid: webhook.accountSid,
    conversation_sid: webhook.conversationSid,
    target: webhook.target,
    url: `${conversationUrl(base, webhook.conversationSid)}/Webhooks/${webhook.sid}`,
    configuration,
    date_created: studioDate(webhook.dateCreated),
    date_updated: studioDate(webhook.dateUpdated),
  };
}
