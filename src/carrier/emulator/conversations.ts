import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isoNow, type Clock, type SidGenerator } from '../../engine/services.ts';
import { describeError, resourceNotFound, SwitchboardError } from '../../errors.ts';
import { maxJsonDepth, nestsDeeperThan } from '../../flow/json-depth.ts';
import type {
  ConversationMessageRecord,
  ConversationParticipantRecord,
  ConversationRecord,
  ConversationWebhookRecord,
  MessagingBinding,
  Page,
} from '../../store/records.ts';
import { StoreConflict, type Store } from '../../store/store.ts';
import { isConversationSid, type ConversationCarrier, type FlowConversationMessage } from '../carrier.ts';
import { requestWebhook } from '../webhook-client.ts';

export interface ConversationsDependencies {
  store: Store;
  clock: Clock;
  sids: SidGenerator;
  logger: Logger;
  /** A flow's webhook URL (Studio's `webhook_url`), where a studio webhook posts. */
  flowWebhookUrl: (accountSid: string, flowSid: string) => string;
}

/** Twilio allows five conversation-scoped webhooks a conversation. */
const maxScopedWebhooks = 5;
/** Twilio's limit on a conversation message's body. */
const maxBodyCharacters = 1600;

/**
 * The emulated Conversations: conversations, their participants, scoped webhooks and messages.
 * A message posted in a conversation with a `studio` webhook goes to the flow's webhook URL as
 * Twilio's signed `onMessageAdded` form, over HTTP, as Twilio delivers it. Messages a flow posts
 * itself are not delivered to any flow, so that a flow never hears (or loops on) its own words.
 */
export class EmulatedConversations implements ConversationCarrier {
  /** Emits `message` for every message posted, for the live event stream. */
  readonly notices = new EventEmitter<{ message: [ConversationMessageRecord] }>();

  constructor(private readonly deps: ConversationsDependencies) {}

  async create(accountSid: string, fields: Pick<ConversationRecord, 'friendlyName' | 'uniqueName' | 'attributes'>): Promise<ConversationRecord> {
    if (fields.uniqueName !== null && isConversationSid(fields.uniqueName)) throw new SwitchboardError('conversationNameLikeSid', fields.uniqueName);
    const now = this.now();
    const conversation: ConversationRecord = {
      sid: this.deps.sids.next('CH'),
      accountSid,
      chatServiceSid: defaultServiceSid(accountSid),
      ...fields,
      state: 'active',
      dateCreated: now,
      dateUpdated: now,
    };
    try {
      await this.deps.store.putConversation(conversation);
    } catch (error) {
      if (error instanceof StoreConflict) throw new SwitchboardError('conversationNameTaken', `UniqueName ${fields.uniqueName}`);
      throw error;
    }
    return conversation;
  }

  /** The account's conversation by its SID or its unique name, as Twilio's paths take either. */
  async find(accountSid: string, sidOrUniqueName: string): Promise<ConversationRecord> {
    const { store } = this.deps;
    const conversation = isConversationSid(sidOrUniqueName) ? await store.getConversation(sidOrUniqueName) : await store.findConversationByUniqueName(accountSid, sidOrUniqueName);
    if (!conversation || conversation.accountSid !== accountSid) throw resourceNotFound(`/Conversations/${sidOrUniqueName}`);
    return conversation;
  }

  list(accountSid: string, page: Page): Promise<ConversationRecord[]> {
    return this.deps.store.listConversations(accountSid, page);
  }

  async addParticipant(
    conversation: ConversationRecord,
    fields: { identity: string | null; messagingBinding: MessagingBinding | null; attributes: string },
  ): Promise<ConversationParticipantRecord> {
    const now = this.now();
    const participant: ConversationParticipantRecord = {
      sid: this.deps.sids.next('MB'),
      accountSid: conversation.accountSid,
      conversationSid: conversation.sid,
      ...fields,
      dateCreated: now,
      dateUpdated: now,
    };
    await this.deps.store.putConversationParticipant(participant);
    return participant;
  }

  listParticipants(conversation: ConversationRecord, page: Page): Promise<ConversationParticipantRecord[]> {
    return this.deps.store.listConversationParticipants(conversation.sid, page);
  }

  /**
   * Attaches a flow. `replayAfter` hands it the messages from that index on at once, so that a
   * flow attached after the contact wrote still hears them.
   */
  async addStudioWebhook(conversation: ConversationRecord, flowSid: string, replayAfter: number | undefined): Promise<ConversationWebhookRecord> {
    const { store } = this.deps;
    const flow = await store.getFlow(flowSid);
    if (!flow || flow.accountSid !== conversation.accountSid) throw new SwitchboardError('invalidWebhookFlowSid', `Configuration.FlowSid ${flowSid} is not a flow of this account`);
    const existing = await store.listConversationWebhooks(conversation.sid, { offset: 0, limit: maxScopedWebhooks });
    if (existing.length >= maxScopedWebhooks) {
      throw new SwitchboardError('invalidParameter', `a conversation has at most ${maxScopedWebhooks} scoped webhooks, and ${conversation.sid} has them`);
    }
    const now = this.now();
    const webhook: ConversationWebhookRecord = {
      sid: this.deps.sids.next('WH'),
      accountSid: conversation.accountSid,
      conversationSid: conversation.sid,
      target: 'studio',
      configuration: { flowSid, ...(replayAfter === undefined ? {} : { replayAfter }) },
      dateCreated: now,
      dateUpdated: now,
    };
    await store.putConversationWebhook(webhook);
    if (replayAfter !== undefined) {
      // Indexes run from 0 without gaps, so the message at index replayAfter is at that offset.
      await this.deliver(conversation, await store.listConversationMessages(conversation.sid, { offset: replayAfter, limit: Number.MAX_SAFE_INTEGER }), [webhook]);
    }
    return webhook;
  }

  listWebhooks(conversation: ConversationRecord, page: Page): Promise<ConversationWebhookRecord[]> {
    return this.deps.store.listConversationWebhooks(conversation.sid, page);
  }

  /**
   * Posts a message and, unless a flow posted it, hands it to the conversation's flows. Resolves
   * once they have heard it, so that a caller sees their answers when it lists the messages.
   */
  async addMessage(
    conversation: ConversationRecord,
    fields: { author: string; body: string; attributes: string },
    executionSid: string | null = null,
  ): Promise<ConversationMessageRecord> {
    if (fields.body === '') throw SwitchboardError.worded('invalidParameter', 'Missing required parameter Body (media and content templates are not emulated)');
    if ([...fields.body].length > maxBodyCharacters) throw new SwitchboardError('invalidParameter', `Body is longer than ${maxBodyCharacters} characters`);
    const { store } = this.deps;
    const participants = await store.listConversationParticipants(conversation.sid, { offset: 0, limit: 1000 });
    const author = participants.find((participant) => participant.identity === fields.author || participant.messagingBinding?.address === fields.author);
    const now = this.now();
    const message = await store.appendConversationMessage({
      sid: this.deps.sids.next('IM'),
      accountSid: conversation.accountSid,
      conversationSid: conversation.sid,
      ...fields,
      participantSid: author?.sid ?? null,
      executionSid,
      dateCreated: now,
      dateUpdated: now,
    });
    this.notices.emit('message', message);
    if (executionSid === null) await this.deliver(conversation, [message], await store.listConversationWebhooks(conversation.sid, { offset: 0, limit: maxScopedWebhooks }));
    return message;
  }

  listMessages(conversation: ConversationRecord, page: Page, newestFirst: boolean): Promise<ConversationMessageRecord[]> {
    return this.deps.store.listConversationMessages(conversation.sid, page, newestFirst);
  }

  async postFromFlow(request: FlowConversationMessage): Promise<ConversationMessageRecord> {
    const conversation = await this.find(request.accountSid, request.conversationSid);
    return this.addMessage(conversation, { author: request.author, body: request.body, attributes: checkedAttributes(request.attributes) }, request.executionSid);
  }

  /**
   * Posts Twilio's `onMessageAdded` form for each message, in order, to each studio webhook's
   * flow; a failure is logged, as Twilio logs it. Reads the account (for the signing token) only
   * when there is something to deliver.
   */
  private async deliver(conversation: ConversationRecord, messages: ConversationMessageRecord[], webhooks: ConversationWebhookRecord[]): Promise<void> {
    if (messages.length === 0 || webhooks.length === 0) return;
    const account = await this.deps.store.getAccount(conversation.accountSid);
    if (!account) return;
    for (const message of messages) {
      for (const webhook of webhooks) {
        const url = this.deps.flowWebhookUrl(conversation.accountSid, webhook.configuration.flowSid);
        try {
          const answer = await requestWebhook({ url, method: 'POST', params: onMessageAddedParams(conversation, message, webhook), authToken: account.authToken });
          if (answer.status < 200 || answer.status >= 300) throw new Error(`${url} answered ${answer.status}`);
        } catch (error) {
          this.deps.logger.warn({ code: 11200, conversation: conversation.sid, webhook: webhook.sid, reason: describeError(error) }, 'conversation webhook failed');
        }
      }
    }
  }

  private now(): string {
    return isoNow(this.deps.clock);
  }
}

/**
 * The form a studio webhook posts: the `onMessageAdded` parameters, with the names Studio's
 * `trigger.conversation` shows (ChannelSid is the conversation, InstanceSid its service).
 */
export function onMessageAddedParams(conversation: ConversationRecord, message: ConversationMessageRecord, webhook: ConversationWebhookRecord): Record<string, string> {
  return {
    AccountSid: message.accountSid,
    EventType: 'onMessageAdded',
    Source: 'API',
    ConversationSid: conversation.sid,
    ChannelSid: conversation.sid,
    ChatServiceSid: conversation.chatServiceSid,
    InstanceSid: conversation.chatServiceSid,
    MessagingServiceSid: '',
    MessageSid: message.sid,
    Index: String(message.index),
    DateCreated: message.dateCreated,
    Body: message.body,
    Author: message.author,
    From: message.author,
    ParticipantSid: message.participantSid ?? '',
    Attributes: message.attributes,
    ChannelAttributes: conversation.attributes,
    RetryCount: '0',
    WebhookSid: webhook.sid,
    WebhookType: 'studio',
  };
}

/** Every account has one default Conversation Service; its SID follows from the account's. */
export function defaultServiceSid(accountSid: string): string {
  return `IS${createHash('sha256').update(`conversations:${accountSid}`).digest('hex').slice(0, 32)}`;
}

/** `Attributes`: any JSON, kept as the text it was given; `{}` when absent or empty. */
export function checkedAttributes(text: string | undefined): string {
  if (text === undefined || text === '') return '{}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SwitchboardError('invalidParameter', `Attributes must be JSON text: ${(error as Error).message}`);
  }
  if (nestsDeeperThan(value)) throw new SwitchboardError('invalidParameter', `Attributes nests objects and arrays more than ${maxJsonDepth} deep`);
  return text;
}
