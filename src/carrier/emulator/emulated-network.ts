import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isoNow, type Clock, type SidGenerator } from '../../engine/services.ts';
import { describeError, SwitchboardError } from '../../errors.ts';
import type { MessageRecord, NumberRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { parseMessagingTwiml, type MessageVerb } from '../../twiml/messaging-twiml.ts';
import { countSegments, type Carrier, type MessageStatusListener, type SendMessageRequest } from '../carrier.ts';
import { isE164 } from '../e164.ts';
import { inboundMessageParams } from '../inbound-message-params.ts';
import { requestWebhook, type WebhookResponse } from '../webhook-client.ts';

/** Twilio allows 10 replies to one inbound message, and we follow at most 10 redirects. */
const maxReplies = 10;
const maxRedirects = 10;

/**
 * The emulated phone network for messaging. Platform numbers (IncomingPhoneNumbers) belong to
 * accounts and have webhooks; every other E.164 number is a handset whose inbox is the set of
 * messages to and from it. Messages move queued → sent → delivered in the background, with
 * status callbacks; a message to a platform number is delivered to its SmsUrl, as Twilio would.
 */
export class EmulatedNetwork implements Carrier {
  private readonly listeners: MessageStatusListener[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  /** Emits `message` for every message made or changed, for the live event stream. */
  readonly notices = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sids: SidGenerator,
    private readonly logger: Logger,
  ) {}

  onMessageStatus(listener: MessageStatusListener): void {
    this.listeners.push(listener);
  }

  /** Resolves once every delivery and status callback under way has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Carries on the messages that were on their way when the server last stopped. */
  async resumeDeliveries(): Promise<number> {
    // Only outbound messages pass through these statuses; inbound ones are received at once.
    const inFlight = await this.store.listMessages({ statuses: ['queued', 'sending', 'sent'] }, { offset: 0, limit: 100_000 }, true);
    for (const message of inFlight) this.inBackground(() => this.carry(message));
    return inFlight.length;
  }

  async sendMessage(request: SendMessageRequest): Promise<MessageRecord> {
    if (!request.to) throw new SwitchboardError('missingTo');
    if (!isE164(request.to)) throw new SwitchboardError('invalidToNumber', `${request.to} is not an E.164 number`);
    if (!request.from) throw new SwitchboardError('missingFrom');
    const sender = await this.store.findNumber(request.from);
    if (!sender || sender.accountSid !== request.accountSid) {
      throw new SwitchboardError('fromNotOwned', `${request.from} is not a number of account ${request.accountSid}`);
    }
    if (!request.body && request.mediaUrls.length === 0) throw new SwitchboardError('missingBody');
    if ([...request.body].length > 1600) throw new SwitchboardError('bodyTooLong');
    const message = this.newMessage({
      accountSid: request.accountSid,
      from: request.from,
      to: request.to,
      body: request.body,
      mediaUrls: request.mediaUrls,
      status: 'queued',
      direction: request.direction ?? 'outbound-api',
      statusCallback: request.statusCallback ?? null,
      dateSent: null,
      executionSid: request.executionSid,
    });
    await this.store.putMessage(message);
    this.notices.emit('message', message);
    this.inBackground(() => this.carry(message));
    return message;
  }

  /** A handset texts a platform number: the message reaches the number's webhook, and its TwiML runs. */
  async receiveFromHandset(from: string, to: string, body: string, mediaUrls: string[]): Promise<MessageRecord> {
    if (!isE164(from)) throw new SwitchboardError('invalidFromNumber', `${from} is not an E.164 number`);
    if (!isE164(to)) throw new SwitchboardError('invalidToNumber', `${to} is not an E.164 number`);
    const number = await this.store.findNumber(to);
    if (!number) throw new SwitchboardError('invalidToNumber', `${to} is not a number on this network; buy it through IncomingPhoneNumbers first`);
    if ([...body].length > 1600) throw new SwitchboardError('bodyTooLong');
    const inbound = await this.recordInbound(from, number, body, mediaUrls);
    await this.deliverToApp(inbound, number);
    return inbound;
  }

  private async recordInbound(from: string, number: NumberRecord, body: string, mediaUrls: string[]): Promise<MessageRecord> {
    const inbound = this.newMessage({
      accountSid: number.accountSid,
      from,
      to: number.phoneNumber,
      body,
      mediaUrls,
      status: 'received',
      direction: 'inbound',
      statusCallback: null,
      dateSent: isoNow(this.clock),
    });
    await this.store.putMessage(inbound);
    this.notices.emit('message', inbound);
    return inbound;
  }

  /** A message made now, with what every message has filled in (its SID, segments, no error yet). */
  private newMessage(
    fields: Pick<MessageRecord, 'accountSid' | 'from' | 'to' | 'body' | 'mediaUrls' | 'status' | 'direction' | 'statusCallback' | 'dateSent' | 'executionSid'>,
  ): MessageRecord {
    const now = isoNow(this.clock);
    return {
      ...fields,
      sid: this.sids.next(fields.mediaUrls.length > 0 ? 'MM' : 'SM'),
      numSegments: countSegments(fields.body),
      messagingServiceSid: null,
      errorCode: null,
      errorMessage: null,
      dateCreated: now,
      dateUpdated: now,
    };
  }

  /** Posts the inbound message to the number's SmsUrl (or its fallback) and carries out the TwiML. */
  private async deliverToApp(inbound: MessageRecord, number: NumberRecord): Promise<void> {
    if (!number.smsUrl) return;
    const account = await this.store.getAccount(number.accountSid);
    if (!account) return;
    const params = inboundMessageParams({
      accountSid: inbound.accountSid,
      messageSid: inbound.sid,
      from: inbound.from,
      to: inbound.to,
      body: inbound.body,
      mediaUrls: inbound.mediaUrls,
    });
    const fetchTwiml = (url: string, method: string, extra: Record<string, string> = {}) =>
      requestWebhook({ url, method, params: { ...params, ...extra }, authToken: account.authToken });

    let answer: WebhookResponse;
    try {
      answer = await fetchTwiml(number.smsUrl, number.smsMethod);
      if (answer.status < 200 || answer.status >= 300) throw new Error(`${number.smsUrl} answered ${answer.status}`);
    } catch (error) {
      this.logger.warn({ code: 11200, url: number.smsUrl, reason: describeError(error) }, 'messaging webhook failed');
      if (!number.smsFallbackUrl) return;
      try {
        answer = await fetchTwiml(number.smsFallbackUrl, number.smsFallbackMethod, { ErrorCode: '11200', ErrorUrl: number.smsUrl });
      } catch (fallbackError) {
        this.logger.warn({ code: 11200, url: number.smsFallbackUrl, reason: describeError(fallbackError) }, 'messaging fallback failed');
        return;
      }
    }
    await this.carryOutTwiml(answer, inbound, number, fetchTwiml);
  }

  private async carryOutTwiml(
    first: WebhookResponse,
    inbound: MessageRecord,
    number: NumberRecord,
    fetchTwiml: (url: string, method: string) => Promise<WebhookResponse>,
  ): Promise<void> {
    let answer = first;
    let replies = 0;
    for (let hops = 0; hops <= maxRedirects; hops++) {
      if (/^text\/plain/i.test(answer.contentType)) {
        // Twilio sends a plain-text answer back to the sender as it is.
        if (answer.body.trim()) await this.reply({ verb: 'Message', body: answer.body, media: [] }, inbound, number);
        return;
      }
      const twiml = parseMessagingTwiml(answer.body);
      for (const problem of twiml.problems) this.logger.warn({ code: problem.code, url: answer.url }, problem.message);
      let redirect: { url: string; method: string } | undefined;
      for (const verb of twiml.verbs) {
        if (verb.verb === 'Redirect') {
          redirect = { url: new URL(verb.url, answer.url).toString(), method: verb.method };
          break;
        }
        if (replies++ >= maxReplies) {
          this.logger.warn({ code: 14109, url: answer.url }, 'more than 10 <Message> replies; the rest were dropped');
          return;
        }
        await this.reply(verb, inbound, number, answer.url);
      }
      if (!redirect) return;
      try {
        answer = await fetchTwiml(redirect.url, redirect.method);
      } catch (error) {
        this.logger.warn({ code: 11200, url: redirect.url, reason: describeError(error) }, 'messaging redirect failed');
        return;
      }
    }
    this.logger.warn({ url: answer.url }, `more than ${maxRedirects} redirects; stopped`);
  }

  private async reply(verb: MessageVerb, inbound: MessageRecord, number: NumberRecord, documentUrl?: string): Promise<void> {
    const callback = verb.action ?? verb.statusCallback;
    try {
      await this.sendMessage({
        accountSid: number.accountSid,
        from: verb.from ?? number.phoneNumber,
        to: verb.to ?? inbound.from,
        body: verb.body,
        mediaUrls: verb.media,
        direction: 'outbound-reply',
        statusCallback: callback && documentUrl ? new URL(callback, documentUrl).toString() : callback,
      });
    } catch (error) {
      this.logger.warn({ url: documentUrl, reason: describeError(error) }, '<Message> could not be sent');
    }
  }

  /** Moves an outbound message along: sent, then delivered to a handset or to a platform number's app. */
  private async carry(message: MessageRecord): Promise<void> {
    const sent = message.status === 'sent' ? message : await this.changeStatus(message, 'sent', { dateSent: isoNow(this.clock) });
    const number = await this.store.findNumber(message.to);
    const delivered = await this.changeStatus(sent, 'delivered');
    if (number) {
      const inbound = await this.recordInbound(delivered.from, number, delivered.body, delivered.mediaUrls);
      await this.deliverToApp(inbound, number);
    }
  }

  private async changeStatus(message: MessageRecord, status: string, changes: Partial<MessageRecord> = {}): Promise<MessageRecord> {
    const updated: MessageRecord = { ...message, ...changes, status, dateUpdated: isoNow(this.clock) };
    await this.store.putMessage(updated);
    this.notices.emit('message', updated);
    for (const listener of this.listeners) await listener(updated);
    if (updated.statusCallback) await this.postStatusCallback(updated);
    return updated;
  }

  private async postStatusCallback(message: MessageRecord): Promise<void> {
    const account = await this.store.getAccount(message.accountSid);
    if (!account || !message.statusCallback) return;
    const params: Record<string, string> = {
      SmsSid: message.sid,
      SmsStatus: message.status,
      MessageStatus: message.status,
      To: message.to,
      MessageSid: message.sid,
      AccountSid: message.accountSid,
      From: message.from,
      ApiVersion: '2010-04-01',
    };
    if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
    try {
      await requestWebhook({ url: message.statusCallback, method: 'POST', params, authToken: account.authToken });
    } catch (error) {
      this.logger.warn({ url: message.statusCallback, reason: describeError(error) }, 'status callback failed');
    }
  }

  private inBackground(task: () => Promise<void>): void {
    const promise = task().catch((error) => this.logger.error({ reason: describeError(error) }, 'message delivery failed'));
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }
}
