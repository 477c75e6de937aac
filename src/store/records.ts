import type { ExecutionState, Step } from '../engine/execution-state.ts';
import type { ValidationIssue } from '../flow/definition.ts';

/**
 * What the store keeps. Dates are ISO 8601 strings; the API layer formats them the way each
 * Twilio API does. Records are plain JSON, so any store can keep them.
 */

export interface AccountRecord {
  sid: string;
  authToken: string;
  friendlyName: string;
  dateCreated: string;
}

export type FlowStatus = 'draft' | 'published';

export interface FlowRecord {
  sid: string;
  accountSid: string;
  friendlyName: string;
  status: FlowStatus;
  /** The latest revision, which the Flow resource shows. */
  revision: number;
  /** The revision that live traffic runs, if any revision was ever published. */
  publishedRevision: number | null;
  definition: unknown;
  commitMessage: string | null;
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  testUsers: string[];
  dateCreated: string;
  dateUpdated: string;
}

export interface RevisionRecord {
  flowSid: string;
  accountSid: string;
  revision: number;
  friendlyName: string;
  status: FlowStatus;
  definition: unknown;
  commitMessage: string | null;
  valid: boolean;
  errors: ValidationIssue[];
  dateCreated: string;
  dateUpdated: string;
}

export interface ExecutionRecord {
  sid: string;
  accountSid: string;
  flowSid: string;
  flowRevision: number;
  contactAddress: string;
  flowAddress: string;
  /** The SID of what started it: a message, a call, or the REST request. */
  initiatedBy: string;
  status: 'active' | 'ended';
  state: ExecutionState;
  /** When its wait resumes by itself; null when it waits for nothing. */
  dueAt: string | null;
  /**
   * A call execution of a flow that allows concurrent calls: it does not count against the one
   * active execution a contact may have.
   */
  concurrentCall?: boolean;
  dateCreated: string;
  dateUpdated: string;
}

export interface StepRecord {
  accountSid: string;
  flowSid: string;
  executionSid: string;
  /** Order within the execution. */
  index: number;
  step: Step;
}

/** Where a number's or a TwiML App's calls and messages go. */
export interface Webhooks {
  smsUrl: string | null;
  smsMethod: string;
  smsFallbackUrl: string | null;
  smsFallbackMethod: string;
  voiceUrl: string | null;
  voiceMethod: string;
  voiceFallbackUrl: string | null;
  voiceFallbackMethod: string;
  statusCallback: string | null;
  statusCallbackMethod: string;
}

/** Nothing configured, and POST for every webhook, as Twilio starts them. */
export function defaultWebhooks(): Webhooks {
  return {
    smsUrl: null,
    smsMethod: 'POST',
    smsFallbackUrl: null,
    smsFallbackMethod: 'POST',
    voiceUrl: null,
    voiceMethod: 'POST',
    voiceFallbackUrl: null,
    voiceFallbackMethod: 'POST',
    statusCallback: null,
    statusCallbackMethod: 'POST',
  };
}

export interface NumberRecord extends Webhooks {
  sid: string;
  accountSid: string;
  phoneNumber: string;
  friendlyName: string;
  dateCreated: string;
  dateUpdated: string;
}

export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-call' | 'outbound-reply';

export interface MessageRecord {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  status: string;
  direction: MessageDirection;
  numSegments: number;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: string;
  dateSent: string | null;
  dateUpdated: string;
  /** The flow execution that sent it, if any. */
  executionSid?: string;
}

/** A TwiML App: the webhooks that a browser client's calls (and messages) use. */
export interface ApplicationRecord extends Webhooks {
  sid: string;
  accountSid: string;
  friendlyName: string;
  smsStatusCallback: string | null;
  messageStatusCallback: string | null;
  dateCreated: string;
  dateUpdated: string;
}

/** A TwiML Bin: static TwiML, a Mustache template over the request's parameters, at its own URL. */
export interface TwimlBinRecord {
  sid: string;
  accountSid: string;
  friendlyName: string;
  twiml: string;
  dateCreated: string;
  dateUpdated: string;
}

export interface Page {
  offset: number;
  limit: number;
}

export interface MessageFilter {
  accountSid?: string;
  to?: string;
  from?: string;
  /** Messages to or from this address. */
  address?: string;
  sentAfter?: string;
  sentBefore?: string;
  /** Messages in any of these statuses. */
  statuses?: string[];
}

export interface ExecutionFilter {
  status?: 'active' | 'ended';
  createdFrom?: string;
  createdTo?: string;
}

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
/** The statuses a call ends in: after one of these, nothing more happens on it. */
export const endedCallStatuses: ReadonlySet<string> = new Set<CallStatus>(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';

/** One call leg, as the 2010-04-01 Calls API shows it. */
export interface CallRecord {
  sid: string;
  accountSid: string;
  /** The leg that created this one with <Dial>. */
  parentCallSid: string | null;
  from: string;
  to: string;
  direction: CallDirection;
  status: CallStatus;
  /** The platform number that received an inbound call, or that an outbound one comes from. */
  phoneNumberSid: string | null;
  answeredBy: string | null;
  dateCreated: string;
  dateUpdated: string;
  startTime: string | null;
  endTime: string | null;
  /** Seconds from answer to hangup; null until an answered call ends. */
  duration: number | null;
}

/** One thing a call leg heard or did, in order: `{type: 'say', at, text, voice, language}` and so on. */
export interface CallEvent {
  type: string;
  /** ISO 8601 time on the server's clock. */
  at: string;
  [field: string]: unknown;
}

export type RecordingSource = 'RecordVerb' | 'DialVerb' | 'OutboundAPI';

/** A recording; its "audio" is the text the handset sent in its place. */
export interface RecordingRecord {
  sid: string;
  accountSid: string;
  callSid: string;
  status: 'in-progress' | 'completed' | 'absent';
  source: RecordingSource;
  /** Seconds. */
  duration: number;
  audio: string;
  startTime: string;
  dateCreated: string;
  dateUpdated: string;
}

/** An API key: an `SK` SID and a secret, which signs Access Tokens and may stand in for the auth token. */
export interface ApiKeyRecord {
  sid: string;
  accountSid: string;
  friendlyName: string;
  secret: string;
  dateCreated: string;
  dateUpdated: string;
}

export type AnswerMode = 'auto' | 'busy' | 'no-answer' | 'fail' | 'manual';

/** How an emulated handset (an E.164 number or `client:name`) answers the calls that ring it. */
export interface HandsetRecord {
  address: string;
  answerMode: AnswerMode;
  /** Seconds of ringing before an automatic answer. */
  answerDelay: number;
  /** What answering-machine detection reports when this handset answers. */
  answeredBy: 'human' | 'machine_start' | 'fax';
}

export interface CallFilter {
  accountSid?: string;
  to?: string;
  from?: string;
  parentCallSid?: string;
  status?: string;
  startedAfter?: string;
  startedBefore?: string;
  endedAfter?: string;
  endedBefore?: string;
}

export interface RecordingFilter {
  accountSid: string;
  callSid?: string;
  createdAfter?: string;
  createdBefore?: string;
}

/** A Conversation (Conversations API v1), in the account's default Conversation Service. */
export interface ConversationRecord {
  sid: string;
  accountSid: string;
  chatServiceSid: string;
  friendlyName: string | null;
  /** Unique within the account; the API also finds the conversation by it. */
  uniqueName: string | null;
  /** JSON text, `{}` unless set. */
  attributes: string;
  state: 'active' | 'inactive' | 'closed';
  dateCreated: string;
  dateUpdated: string;
}

/** An SMS or WhatsApp participant's addresses: theirs, and the Twilio number they talk to. */
export interface MessagingBinding {
  type: 'sms' | 'whatsapp';
  address: string;
  proxyAddress: string;
}

export interface ConversationParticipantRecord {
  sid: string;
  accountSid: string;
  conversationSid: string;
  /** A chat participant's identity; null for an SMS participant. */
  identity: string | null;
  messagingBinding: MessagingBinding | null;
  attributes: string;
  dateCreated: string;
  dateUpdated: string;
}

export interface ConversationMessageRecord {
  sid: string;
  accountSid: string;
  conversationSid: string;
  /** Its place in the conversation, from 0; the store assigns it. */
  index: number;
  author: string;
  body: string;
  attributes: string;
  /** The author's participant, if the author is one. */
  participantSid: string | null;
  /** The flow execution that posted it, if any: Studio does not hear its own messages. */
  executionSid: string | null;
  dateCreated: string;
  dateUpdated: string;
}

/**
 * A conversation-scoped webhook. Only the `studio` target, which hands the conversation's
 * messages to a flow, is emulated.
 */
export interface ConversationWebhookRecord {
  sid: string;
  accountSid: string;
  conversationSid: string;
  target: 'studio';
  configuration: { flowSid: string; replayAfter?: number };
  dateCreated: string;
  dateUpdated: string;
}
