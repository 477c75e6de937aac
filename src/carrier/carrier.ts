import type { CallRecordingRequest, OutboundCallRequest } from '../engine/services.ts';
import type { CallRecord, ConversationMessageRecord, MessageDirection, MessageRecord, RecordingRecord } from '../store/records.ts';

/**
 * Messaging (and later voice) transport behind one interface: the emulated network by default,
 * Twilio for real numbers. Every implementation runs the carrier contract suite.
 */
export interface SendMessageRequest {
  accountSid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  statusCallback?: string;
  direction?: MessageDirection;
  /** The flow execution that sends it, so that a delivery failure can find its way back. */
  executionSid?: string;
}

export type MessageStatusListener = (message: MessageRecord) => void | Promise<void>;

export interface Carrier {
  /** Accepts a message for sending, or throws a SwitchboardError saying why it cannot. */
  sendMessage(request: SendMessageRequest): Promise<MessageRecord>;
  /** Called on every status change of a message after it was created. */
  onMessageStatus(listener: MessageStatusListener): void;
}

/** Twilio's segment count: 160 GSM-7 characters, or 70 when the text needs UCS-2. */
export function countSegments(body: string): number {
  const gsm = /^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/.test(body);
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const length = [...body].length;
  return length <= single ? 1 : Math.ceil(length / multi);
}

/** Voice transport: what flows ask of calls. The emulated voice network now; Twilio later. */
export interface CallCarrier {
  /** Places a call (queued); rejects with a SwitchboardError when it cannot. */
  placeCall(accountSid: string, request: OutboundCallRequest): Promise<CallRecord>;
  /** Starts or stops recording a live call; rejects when the call is not live (or not recording, to stop). */
  recordCall(accountSid: string, request: CallRecordingRequest): Promise<RecordingRecord>;
  /** Gives a live call new TwiML now (a flow that moved on by a timer, not by the call's own request). */
  redirectCall(accountSid: string, callSid: string, twiml: string): Promise<void>;
  /** Called once for every call that ends, with its final record. */
  onCallEnded(listener: (call: CallRecord) => void | Promise<void>): void;
}

/** What a flow's messaging widgets post into a conversation. */
export interface FlowConversationMessage {
  accountSid: string;
  conversationSid: string;
  author: string;
  body: string;
  /** JSON text. */
  attributes?: string;
  executionSid: string;
}

/** Conversations, for flows that talk in one. The emulated Conversations now. */
export interface ConversationCarrier {
  /** Posts the message; rejects with a SwitchboardError when the account has no such conversation. */
  postFromFlow(message: FlowConversationMessage): Promise<ConversationMessageRecord>;
}

/** A Conversation SID (CH and 32 hex digits): where a flow's message goes into a conversation. */
export function isConversationSid(text: string): boolean {
  return /^CH[0-9a-fA-F]{32}$/.test(text);
}
