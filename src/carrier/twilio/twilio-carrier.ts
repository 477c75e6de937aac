import type { Logger } from 'pino';
import type twilio from 'twilio';
import { isoNow, type CallRecordingRequest, type Clock, type OutboundCallRequest } from '../../engine/services.ts';
import { describeError, SwitchboardError } from '../../errors.ts';
import { endedCallStatuses, type CallRecord, type MessageRecord, type RecordingRecord } from '../../store/records.ts';
import type { CallCarrier, Carrier, MessageStatusListener, SendMessageRequest } from '../carrier.ts';
import { carrierError } from './carrier-error.ts';
import { apiHost, createTwilioClient, type TwilioCredentials } from './twilio-client.ts';
import { callFromStatusCallback, callRecord, messageFromStatusCallback, messageRecord, recordingRecord } from './twilio-records.ts';


/**
 * Where Twilio reports on the messages and calls this carrier made, and on the calls to numbers
 * `numbers connect` pointed at a flow. `ExecutionSid` (a message's sender) and `Then` (the status
 * callback the caller asked for) ride in the query, which the signature covers: no state is kept
 * between the request and its callbacks, so any process behind a load balancer can take them.
 */
export function carrierStatusPath(accountSid: string, kind: 'Messages' | 'Calls'): string {
  return `/v1/Accounts/${accountSid}/Carrier/${kind}/Status`;
}

export interface TwilioCarrierOptions {
  credentials: TwilioCredentials;
  /** This server's base URL as Twilio reaches it, for the status callbacks. */
  publicUrl: () => string;
  clock: Clock;
  logger: Logger;
}

/** Messages and calls on a real Twilio account (or a TwiML-compatible provider at TWILIO_API_BASE_URL). */
export class TwilioCarrier implements Carrier, CallCarrier {
  private readonly client: twilio.Twilio;
  private readonly host: string;
  private readonly messageListeners: MessageStatusListener[] = [];
  private readonly callListeners: Array<(call: CallRecord) => void | Promise<void>> = [];

  constructor(private readonly options: TwilioCarrierOptions) {
    this.client = createTwilioClient(options.credentials);
    this.host = apiHost(options.credentials);
  }

  get accountSid(): string {
    return this.options.credentials.accountSid;
  }

  async sendMessage(request: SendMessageRequest): Promise<MessageRecord> {
    this.requireAccount(request.accountSid);
    const statusCallback = this.statusUrl('Messages', { ExecutionSid: request.executionSid, Then: request.statusCallback });
    const message = await this.call(() =>
      this.client.messages.create({
        from: request.from,
        to: request.to,
        ...(request.body ? { body: request.body } : {}),
        ...(request.mediaUrls.length > 0 ? { mediaUrl: request.mediaUrls } : {}),
        statusCallback,
      }),
    );
    return messageRecord(message, { mediaUrls: request.mediaUrls, statusCallback, executionSid: request.executionSid, now: this.now() });
  }

  onMessageStatus(listener: MessageStatusListener): void {
    this.messageListeners.push(listener);
  }

  /** A signed message status callback arrived: its listeners hear the message's new status. */
  async messageStatus(params: Record<string, string>, executionSid: string | undefined): Promise<void> {
    const message = messageFromStatusCallback(params, executionSid, this.now());
    for (const listener of this.messageListeners) await listener(message);
  }

  async placeCall(accountSid: string, request: OutboundCallRequest): Promise<CallRecord> {
    this.requireAccount(accountSid);
    const call = await this.call(() =>
      this.client.calls.create({
        to: request.to,
        from: request.from,
        url: request.url,
        method: 'POST',
        statusCallback: this.statusUrl('Calls', { Then: request.statusCallback }),
        statusCallbackMethod: 'POST',
        timeout: request.timeout,
        ...(request.machineDetection ? { machineDetection: request.machineDetection } : {}),
        ...(request.sendDigits ? { sendDigits: request.sendDigits } : {}),
        record: request.record,
      }),
    );
    return callRecord(call, this.now());
  }

  /** Starts a recording on the call, or stops the one under way (Twilio's `Twilio.CURRENT`). */
  async recordCall(accountSid: string, request: CallRecordingRequest): Promise<RecordingRecord> {
    this.requireAccount(accountSid);
    const recordings = this.client.calls(request.callSid).recordings;
    const recording = await this.call(() =>
      request.record
        ? recordings.create(request.statusCallback ? { recordingStatusCallback: request.statusCallback } : {})
        : recordings('Twilio.CURRENT').update({ status: 'stopped' }),
    );
    return recordingRecord(recording, this.now());
  }

  /**
   * A recording on the account, with the URL of its audio on Twilio; undefined when Twilio has
   * none by that SID. The local Recordings API falls through to it in Twilio mode.
   */
  async fetchRecording(sid: string): Promise<{ recording: RecordingRecord; mediaUrl: string } | undefined> {
    try {
      const recording = await this.client.recordings(sid).fetch();
      return { recording: recordingRecord(recording, this.now()), mediaUrl: recording.mediaUrl };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw carrierError(error, this.host);
    }
  }

  async redirectCall(accountSid: string, callSid: string, twiml: string): Promise<void> {
    this.requireAccount(accountSid);
    await this.call(() => this.client.calls(callSid).update({ twiml }));
  }

  onCallEnded(listener: (call: CallRecord) => void | Promise<void>): void {
    this.callListeners.push(listener);
  }

  /** A signed call status callback arrived: a final status ends the call for its listeners. */
  async callStatus(params: Record<string, string>): Promise<void> {
    if (!endedCallStatuses.has(params.CallStatus ?? '')) return;
    const call = callFromStatusCallback(params, this.now());
    for (const listener of this.callListeners) {
      try {
        await listener(call);
      } catch (error) {
        this.options.logger.error({ callSid: call.sid, reason: describeError(error) }, 'a call-ended listener failed');
      }
    }
  }

  /** Runs one request to Twilio; whatever goes wrong becomes a SwitchboardError naming the cause. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw carrierError(error, this.host);
    }
  }

  private statusUrl(kind: 'Messages' | 'Calls', query: Record<string, string | undefined>): string {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
    return `${this.options.publicUrl()}${carrierStatusPath(this.accountSid, kind)}${search ? `?${search}` : ''}`;
  }

  /** Only the Twilio account's own flows send through it. */
  private requireAccount(accountSid: string): void {
    if (accountSid !== this.accountSid) {
      throw new SwitchboardError('carrierRefused', `account ${accountSid} is not the Twilio account ${this.accountSid} this server sends through`);
    }
  }

  private now(): string {
    return isoNow(this.options.clock);
  }
}
