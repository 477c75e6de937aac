import { SwitchboardError } from '../../errors.ts';
import { defaultEngineOptions, liquidOptions } from '../../engine/options.ts';
import { renderProperties } from '../../engine/render-properties.ts';
import type { ExecutionContext, Step, TriggerKind } from '../../engine/execution-state.ts';
import type { FlowDefinition } from '../../flow/definition.ts';
import { createStudioLiquid } from '../../liquid/studio-liquid.ts';
import type { ExecutionRecord, MessageRecord } from '../../store/records.ts';
import { enteredWidgets } from '../../testing/entered-widgets.ts';
import type { Channel, HttpMock, Turn } from '../../testing/flow-test.ts';
import { heardPrompt } from '../../testing/heard-prompt.ts';
import { httpMock } from '../../testing/recording-http-client.ts';
import type { FlowTestSource } from '../../testing/write-flow-test.ts';
import { httpRequestOf } from '../../widgets/make-http-request.ts';
import { findWidget } from '../../widgets/registry.ts';
import type { AppContext } from '../app-context.ts';

const channelOf: Partial<Record<TriggerKind, Channel>> = { message: 'sms', call: 'voice', request: 'rest', conversation: 'conversation' };
/** Every row of an execution's steps or a contact's messages: Studio's step limit is far below it. */
const everything = { offset: 0, limit: 1_000_000 };

/** A turn and the time (on the server's clock) it happened at, to place the flow's timeouts among them. */
interface TimedTurn {
  at: string;
  turn: Turn;
}

/**
 * A stored execution as a flow test (the web simulator's "Save as test"): what the contact did
 * and got, in order, the flow's HTTP exchanges as mocks, and at the end the widgets the execution
 * entered and whether it ended. `flowFile` is what the test names as its flow.
 */
export async function executionFlowTest(context: AppContext, execution: ExecutionRecord, flowFile: string): Promise<FlowTestSource> {
  const { state } = execution;
  const kind = (Object.keys(state.context.trigger) as TriggerKind[])[0];
  const channel = kind && channelOf[kind];
  if (!channel) throw new SwitchboardError('testNotRecordable', `it was started by ${kind ?? 'nothing'}, which a flow test cannot start`);
  const steps = (await context.store.listSteps(execution.sid, everything)).map((record) => record.step);
  let parties = { contact: execution.contactAddress, number: execution.flowAddress };
  let timed: TimedTurn[];
  if (channel === 'voice') timed = await callTurns(context, execution);
  else if (channel === 'conversation') ({ timed, parties } = await conversationTurns(context, execution, steps));
  else timed = await messageTurns(context, execution, steps);
  const turns: Turn[] = [...withTimeouts(timed, steps), { expect: { path: enteredWidgets(steps), ended: execution.status === 'ended' } }];
  const revision = await context.store.getRevision(execution.flowSid, execution.flowRevision);
  return {
    flow: flowFile,
    channel,
    ...parties,
    parameters: channel === 'rest' ? state.context.flow.data : undefined,
    mocks: revision ? httpMocks(revision.definition as FlowDefinition, state.context, steps) : [],
    tests: [{ name: channel === 'voice' ? 'recorded call' : 'recorded chat', turns }],
  };
}

/** The messages the execution took in and the messages it sent the contact, in the order the network carried them. */
async function messageTurns(context: AppContext, execution: ExecutionRecord, steps: Step[]): Promise<TimedTurn[]> {
  const taken = messagesTaken(execution, steps);
  const messages = await context.store.listMessages({ accountSid: execution.accountSid, address: execution.contactAddress }, everything, true);
  return messages.flatMap((message): TimedTurn[] => {
    if (message.direction === 'inbound' && taken.has(message.sid)) return [{ at: message.dateCreated, turn: { send: message.body } }];
    if (message.direction !== 'inbound' && message.executionSid === execution.sid) return [{ at: message.dateCreated, turn: { expect: { message: messageText(message) } } }];
    return [];
  });
}

/**
 * A conversation execution's contact and address are the conversation; the test's contact is
 * the author of the messages it took, and its number that participant's proxy address.
 */
async function conversationTurns(context: AppContext, execution: ExecutionRecord, steps: Step[]) {
  const taken = messagesTaken(execution, steps);
  const messages = await context.store.listConversationMessages(execution.contactAddress, everything);
  const contact = messages.find((message) => taken.has(message.sid))?.author ?? execution.contactAddress;
  const participants = await context.store.listConversationParticipants(execution.contactAddress, everything);
  const number = participants.find((participant) => participant.messagingBinding?.address === contact)?.messagingBinding?.proxyAddress ?? execution.flowAddress;
  const timed = messages.flatMap((message): TimedTurn[] => {
    if (taken.has(message.sid)) return [{ at: message.dateCreated, turn: { send: message.body } }];
    if (message.executionSid === execution.sid) return [{ at: message.dateCreated, turn: { expect: { message: message.body } } }];
    return [];
  });
  return { timed, parties: { contact, number } };
}

/** The SIDs of the messages the execution took in: the one that started it, and each reply a widget resumed with. */
function messagesTaken(execution: ExecutionRecord, steps: Step[]): Set<string> {
  const taken = new Set([execution.initiatedBy]);
  for (const step of steps) {
    const inbound = step.name === 'incomingMessage' ? (step.context.inbound as { MessageSid?: unknown } | undefined) : undefined;
    if (typeof inbound?.MessageSid === 'string') taken.add(inbound.MessageSid);
  }
  return taken;
}

function messageText(message: MessageRecord) {
  const [media] = message.mediaUrls;
  return media ? { text: message.body, media } : message.body;
}

/** What the caller did and heard on the call that started the execution, from the emulator's events. */
async function callTurns(context: AppContext, execution: ExecutionRecord): Promise<TimedTurn[]> {
  return (await context.voice.eventsOf(execution.initiatedBy)).flatMap((event): TimedTurn[] => {
    const heard = heardPrompt(event);
    const turn: Turn | undefined =
      heard !== undefined ? { expect: { heard } }
      : event.type === 'digits' ? { press: String(event.digits ?? '') }
      : event.type === 'speech' ? { say: String(event.text ?? '') }
      : event.type === 'recorded' ? { record: String(event.text ?? '') }
      : event.type === 'hangup' && event.by === 'handset' ? { hangup: true }
      : undefined;
    return turn ? [{ at: event.at, turn }] : [];
  });
}

/**
 * Adds `wait: timeout` where a widget's timeout fired: before the first turn at or after that
 * step. What led up to the timeout happened earlier, and what it caused at that time or later.
 */
function withTimeouts(timed: TimedTurn[], steps: Step[]): Turn[] {
  const turns: Turn[] = [];
  const timeouts = steps.filter((step) => step.name === 'timeout').map((step) => step.date_created);
  for (const { at, turn } of timed) {
    while (timeouts.length > 0 && timeouts[0]! <= at) {
      timeouts.shift();
      turns.push({ wait: 'timeout' });
    }
    turns.push(turn);
  }
  return [...turns, ...timeouts.map((): Turn => ({ wait: 'timeout' }))];
}

/**
 * The make-http-request and run-function answers, from their steps. The properties are rendered
 * as the widget saw them, from the context the step before left (where that cannot be done, steps
 * stored before contexts were kept, as written), and the request is built as the widget builds it.
 */
function httpMocks(definition: FlowDefinition, context: ExecutionContext, steps: Step[]): HttpMock[] {
  const states = new Map(definition.states.map((state) => [state.name, state]));
  const mocks: HttpMock[] = [];
  // `"now"` is when the step ran.
  let now = 0;
  const liquid = createStudioLiquid(liquidOptions(defaultEngineOptions, () => now));
  for (const [index, step] of steps.entries()) {
    const properties = states.get(step.transitioned_from)?.properties;
    if (!properties || (step.type !== 'make-http-request' && step.type !== 'run-function') || typeof step.context.status_code !== 'number') continue;
    const before = steps[index - 1]?.context_after;
    now = Date.parse(step.date_created);
    const render = (template: string) => {
      if (!before) return template;
      try {
        return liquid.render(template, { ...context, flow: { ...context.flow, variables: before.variables }, widgets: before.widgets });
      } catch {
        return template;
      }
    };
    const widget = findWidget(step.type);
    if (!widget) continue;
    const props = renderProperties(widget, properties, render);
    const { method, url } = step.type === 'make-http-request' ? httpRequestOf(props) : { method: 'POST', url: String(props.url ?? '') };
    const { status_code: status, content_type: contentType, body } = step.context;
    mocks.push(httpMock({ url, method }, { status, contentType: String(contentType ?? ''), body: String(body ?? '') }));
  }
  return mocks;
}
