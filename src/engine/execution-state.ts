import type { ErrorRecord } from '../errors.ts';
import type { TwimlElement } from '../twiml/twiml-node.ts';

/**
 * The execution as plain JSON. It is all the engine needs between two events, so it survives
 * `JSON.stringify` / `JSON.parse` and can be stored anywhere.
 */
export interface ExecutionState {
  sid: string;
  flowSid: string;
  status: 'active' | 'ended';
  context: ExecutionContext;
  /** What resumes the execution, while it is parked on a widget. */
  wait?: Wait;
  stepCount: number;
  /** The live call the execution is on: the inbound call that started it, or the one make-outgoing-call placed. */
  callSid?: string;
  /** The widget that ran last and how many times in a row it has run (for 81001). */
  streak: { widget: string; runs: number };
  startedAt: string;
  expiresAt: string;
  ended?: { reason: EndReason; at: string; error?: ErrorRecord };
}

export type EndReason = 'FLOW_END' | 'ERROR' | 'ENDED_BY_REQUEST' | 'EXPIRED';

/** Studio's execution context, as read by Liquid and by the Execution Context API. */
export interface ExecutionContext {
  flow: {
    flow_sid: string;
    sid: string;
    channel: { address: string };
    data: Record<string, unknown>;
    variables: Record<string, unknown>;
  };
  contact: { channel: { address: string } };
  trigger: Partial<Record<TriggerKind, Record<string, unknown>>>;
  widgets: Record<string, WidgetOutput>;
}

export type WidgetOutput = Record<string, unknown>;

export type TriggerKind = 'message' | 'call' | 'conversation' | 'request' | 'parent';

export const triggerEvents: Record<TriggerKind, string> = {
  message: 'incomingMessage',
  call: 'incomingCall',
  conversation: 'incomingConversationMessage',
  request: 'incomingRequest',
  parent: 'incomingParent',
};

/** What starts an execution. Addresses follow Studio: for REST, contact = To, flow = From. */
export interface Trigger {
  kind: TriggerKind;
  contactAddress: string;
  flowAddress: string;
  /** The inbound webhook's parameters, or for REST `{from, to, parameters}`. */
  params: Record<string, unknown>;
  /** `flow.data`: the REST `Parameters` or a subflow's parameters. */
  data?: Record<string, unknown>;
}

export interface Wait {
  widget: string;
  /** The events that resume it, e.g. `incomingMessage` and `deliveryFailure`. */
  events: string[];
  /** When it resumes by itself (the widget's timeout, or the execution's expiry). */
  dueAt: string;
  dueEvent: 'timeout' | 'expired';
}

export interface ResumeEvent {
  type: string;
  params?: Record<string, unknown>;
}

/** One Studio Execution Step. */
export interface Step {
  sid: string;
  /** The event that caused the transition. */
  name: string;
  type: string;
  transitioned_from: string;
  transitioned_to: string;
  /** What the widget wrote, as Studio's Step resource shows it. */
  context: Record<string, unknown>;
  /**
   * The parts of the context that change as an execution runs, as they were right after this
   * step; with the rest, which stays as the execution began, they make the Step Context resource
   * (absent on steps stored by earlier versions).
   */
  context_after?: { variables: Record<string, unknown>; widgets: Record<string, WidgetOutput> };
  date_created: string;
}

/** What one engine call returns: the steps it took, the new state, and what it waits for. */
export interface Sprint {
  state: ExecutionState;
  steps: Step[];
  wait?: Wait;
  /** Set when the execution ended with an error, or when an event was refused (81002). */
  error?: ErrorRecord;
  /** True when the event was refused and the state is unchanged. */
  rejected?: boolean;
  /** The TwiML that answers the voice request that led to this sprint (a voice widget's verbs). */
  reply?: TwimlElement;
}
