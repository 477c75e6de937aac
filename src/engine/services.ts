/**
 * Everything the engine needs from the outside world. The engine does no IO, reads no clock and
 * draws no random numbers itself: it asks these services, which the caller passes in.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The clock's time as an ISO 8601 string, the form every record and step keeps. */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

export interface SidGenerator {
  /** A new SID with a two-letter prefix and 32 hex digits, e.g. `next('FN')`. */
  next(prefix: string): string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The client stops reading and fails once the body exceeds this many bytes. */
  maxResponseBytes: number;
  /** make-http-request's `add_twilio_auth`: the client adds the account's credentials. */
  addTwilioAuth?: boolean;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpClient {
  /** Rejects on network errors, timeouts and oversized bodies; resolves for any status. */
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface OutboundMessageRequest {
  to: string;
  from: string;
  body?: string;
  mediaUrl?: string;
  /** Chat / Conversations service and channel, when the flow talks on one. */
  service?: string;
  channel?: string;
  attributes?: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
  /** The execution that sends it, so that delivery failures can find their way back. */
  executionSid: string;
}

/**
 * The sent message as Studio exposes it in `widgets.<name>.outbound` (PascalCase fields). An SMS
 * has a Status; a Conversations message has none.
 */
export type OutboundMessage = Record<string, unknown> & { Sid: string };

export interface MessageSender {
  /** Resolves once the carrier has accepted the message; rejects when it refuses it. */
  send(message: OutboundMessageRequest): Promise<OutboundMessage>;
}

/** What make-outgoing-call asks of the carrier. */
export interface OutboundCallRequest {
  to: string;
  from: string;
  /** Where the call's TwiML comes from once answered, and where its progress is reported. */
  url: string;
  statusCallback: string;
  timeout: number;
  machineDetection?: string;
  sendDigits?: string;
  record: boolean;
}

/** A call as Studio shows it in a widget's outputs (PascalCase fields). */
export type PlacedCall = Record<string, unknown> & { CallSid: string; CallStatus: string };

/** record-call: starts or stops recording the live call. */
export interface CallRecordingRequest {
  callSid: string;
  record: boolean;
  statusCallback?: string;
}

export interface VoiceServices {
  /** The absolute URL of a widget's voice callback, for the TwiML it answers with. */
  callbackUrl(flowSid: string, executionSid: string, widget: string, query: Record<string, string>): string;
  /** Places a call; rejects when the carrier refuses it. */
  placeCall(request: OutboundCallRequest): Promise<PlacedCall>;
  /** Starts or stops recording a live call; resolves with the Recording's fields. */
  recordCall(request: CallRecordingRequest): Promise<Record<string, unknown>>;
}

/** send-to-flex for a message or conversation: the task handed to Flex. */
export interface FlexTaskRequest {
  workflowSid: string;
  taskChannel: string;
  /** JSON text. */
  attributes: string;
  priority: number;
  timeout: number;
  contact: string;
  executionSid: string;
}

export interface FlexServices {
  /** Creates the task (Flex is not emulated: it waits where the emulator's API shows it); resolves with its fields. */
  createTask(request: FlexTaskRequest): Promise<Record<string, unknown>>;
}

export interface EngineServices {
  clock: Clock;
  sids: SidGenerator;
  http: HttpClient;
  messages: MessageSender;
  /** Absent where there are no calls (the terminal chat without --voice). */
  voice?: VoiceServices;
  /** Absent where nothing shows Flex tasks (the terminal chat). */
  flex?: FlexServices;
}
