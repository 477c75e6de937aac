import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { FlowDefinition } from '../../src/flow/definition.ts';
import type { RunningServer } from '../../src/server/server.ts';
import type { RecordedRequest } from './far-side.ts';
import { accountSid, api } from './test-server.ts';

/**
 * What the voice tests share: flows behind phone numbers, an execution's step path and context,
 * the emulator's handsets, calls and clock, and a far-side TwiML app serving documents by path.
 * Each function takes the running server; none keeps state of its own.
 */

/** One thing that happened on a call, as the emulator lists it. */
export interface CallEvent {
  type: string;
  /** ISO 8601 time on the server's clock. */
  at: string;
  text?: string;
  [field: string]: unknown;
}

/** A call as the Calls API lists it. */
export interface ListedCall {
  sid: string;
  to: string;
  from: string;
  status: string;
  direction: string;
  parent_call_sid: string | null;
  [field: string]: unknown;
}

/** A call as the emulator answers for it: the call, what it waits for, and its events so far. */
export interface EmulatedCall extends ListedCall {
  waiting_for: string | null;
  events: CallEvent[];
}

const accounts = `/2010-04-01/Accounts/${accountSid}`;

/** Publishes a flow (a definition, or its JSON text as exported) and returns its SID and webhook URL. */
export async function publishFlow(server: RunningServer, definition: FlowDefinition | string, friendlyName = 'voice'): Promise<{ flowSid: string; webhook: string }> {
  const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: friendlyName, Status: 'published', Definition: typeof definition === 'string' ? definition : JSON.stringify(definition) });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  return { flowSid: flow.body.sid, webhook: flow.body.webhook_url };
}

/** Buys `phoneNumber` for the account with the given number settings (VoiceUrl, SmsUrl, …) and returns it. */
export async function buyNumber(server: Pick<RunningServer, 'url'>, phoneNumber: string, settings: Record<string, string> = {}): Promise<string> {
  const bought = await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: phoneNumber, ...settings });
  expect(bought.status, JSON.stringify(bought.body)).toBe(201);
  return phoneNumber;
}

/** Publishes a flow and buys `number` with the flow's webhook as its VoiceUrl. */
export async function voiceFlowNumber(
  server: RunningServer,
  definition: FlowDefinition | string,
  options: { number: string; friendlyName?: string },
): Promise<{ number: string; flowSid: string; webhook: string }> {
  const published = await publishFlow(server, definition, options.friendlyName);
  await buyNumber(server, options.number, { VoiceUrl: published.webhook });
  return { number: options.number, ...published };
}

/** Studio steps written as `"from -event-> to"`. */
function pathOfSteps(steps: Array<{ transitioned_from: string; name: string; transitioned_to: string }>): string[] {
  return steps.map((step) => `${step.transitioned_from} -${step.name}-> ${step.transitioned_to}`);
}

/** The flow's newest execution (or the one given) and its step path. */
export async function stepPath(server: RunningServer, flowSid: string, executionSid?: string) {
  const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
  const execution = executionSid ? executions.find((candidate: { sid: string }) => candidate.sid === executionSid) : executions[0];
  const steps = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Steps`)).body.steps;
  return { execution, status: execution.status as string, path: pathOfSteps(steps) };
}

/** The flow's only execution (expects exactly one): its step path, its context, its widgets' outputs and the error it ended with. */
export async function executionOf(server: RunningServer, flowSid: string) {
  const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
  expect(executions).toHaveLength(1);
  const execution = executions[0];
  const steps = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Steps`)).body.steps;
  const context = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Context`)).body.context;
  const stored = await server.context.store.getExecution(execution.sid);
  return {
    execution,
    context,
    widgets: context.widgets as Record<string, Record<string, unknown>>,
    error: stored?.state.ended?.error,
    path: pathOfSteps(steps),
  };
}

/** What the caller heard: the text of the call's `say` events, in order. */
export function heard(call: { events: Array<{ type: string; text?: string }> }): Array<string | undefined> {
  return call.events.filter((event) => event.type === 'say').map((event) => event.text);
}

/** The emulator's handsets, calls and virtual clock on `server`; each call comes back as the network left it. */
export function emulator(server: Pick<RunningServer, 'url'>) {
  return {
    /** A handset at `from` calls `to`. */
    async call(from: string, to: string): Promise<EmulatedCall> {
      const placed = await api(server, 'POST', `/emulator/v1/Handsets/${from}/Calls`, { To: to });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      return placed.body;
    },
    /** The caller keys digits, speaks, or records into the call (`Digits`, `SpeechResult`, `Recording`, …). */
    async input(sid: string, form: Record<string, string>): Promise<EmulatedCall> {
      const response = await api(server, 'POST', `/emulator/v1/Calls/${sid}/Input`, form);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    },
    /** The call with its events so far. */
    async fetchCall(sid: string): Promise<EmulatedCall> {
      return (await api(server, 'GET', `/emulator/v1/Calls/${sid}`)).body;
    },
    /** The handset on the call hangs up. */
    async hangup(sid: string): Promise<EmulatedCall> {
      return (await api(server, 'POST', `/emulator/v1/Calls/${sid}/Hangup`)).body;
    },
    /** Moves the virtual clock on by `seconds`, running what falls due. */
    advance(seconds: number) {
      return api(server, 'POST', '/emulator/v1/Clock', { Advance: String(seconds) });
    },
    /** Sets how the handset at `number` answers (`AnswerMode`, `AnswerDelay`, `AnsweredBy`). */
    async setHandset(number: string, settings: Record<string, string>): Promise<void> {
      const set = await api(server, 'POST', `/emulator/v1/Handsets/${number}`, settings);
      expect(set.status, JSON.stringify(set.body)).toBe(200);
    },
    /** The legs a call's <Dial> placed, by ParentCallSid. */
    async childLegs(parentSid: string): Promise<ListedCall[]> {
      return (await api(server, 'GET', `${accounts}/Calls.json?ParentCallSid=${parentSid}`)).body.calls;
    },
  };
}

/** The emulator's calls bound to one server, as `emulator` returns them. */
export type Emulator = ReturnType<typeof emulator>;

/** A far-side TwiML document: fixed text, or made from the request. */
export type TwimlDocument = string | ((request: RecordedRequest) => string);

/** Documents to fill in by path, and a `farSide` handler that serves them as TwiML (404 for any other path). */
export function twimlDocuments(): { documents: Record<string, TwimlDocument>; serve(request: RecordedRequest, response: ServerResponse): void } {
  const documents: Record<string, TwimlDocument> = {};
  return {
    documents,
    serve(request, response) {
      const document = documents[request.url.split('?')[0]];
      if (document === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml' }).end(typeof document === 'function' ? document(request) : document);
    },
  };
}
