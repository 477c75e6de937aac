import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isConversationSid, type CallCarrier, type Carrier, type ConversationCarrier } from '../carrier/carrier.ts';
import { voiceResponse } from '../twiml/responses.ts';
import { printTwiml, type TwimlElement } from '../twiml/twiml-node.ts';
import { compileFlow, type CompiledFlow } from '../engine/compiled-flow.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { ExecutionState, ResumeEvent, Sprint, Trigger } from '../engine/execution-state.ts';
import type { EngineOptions } from '../engine/options.ts';
import { isoNow, type Clock, type HttpClient, type MessageSender, type OutboundMessage, type PlacedCall, type SidGenerator, type VoiceServices } from '../engine/services.ts';
import { describeError, SwitchboardError } from '../errors.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { parseJsonObject } from '../flow/json-depth.ts';
import type { AccountRecord, CallRecord, ConversationMessageRecord, ExecutionRecord, FlowRecord, MessageRecord, RecordingRecord } from '../store/records.ts';
import { StoreConflict, type Store } from '../store/store.ts';
import { FlexTasks } from './flex-tasks.ts';
import { KeyedMutex } from './keyed-mutex.ts';

export interface RuntimeDependencies {
  store: Store;
  carrier: Carrier;
  /** Calls, for voice flows; absent where there are none. */
  calls?: CallCarrier;
  /** Conversations, for flows that a conversation's studio webhook starts; absent where there are none. */
  conversations?: ConversationCarrier;
  /** The base URL the carrier reaches this server at, for the TwiML's callback URLs. */
  publicUrl?: () => string;
  clock: Clock;
  sids: SidGenerator;
  logger: Logger;
  /** The HTTP client for an account's flows (make-http-request's `add_twilio_auth` uses its credentials). */
  httpClientFor(account: AccountRecord): HttpClient;
  engineOptions?: Partial<EngineOptions>;
}

/** What became of an inbound message. */
export type InboundOutcome = 'started' | 'resumed' | 'dropped';

/**
 * Orchestration: a trigger or callback → load → lock the contact → engine sprint → commit.
 * One execution per contact and flow is active at a time; a contact's events are handled one
 * at a time, in order.
 */
export class FlowRuntime {
  private readonly locks = new KeyedMutex();
  private readonly engines = new Map<string, Engine>();
  private readonly compiled = new Map<string, CompiledFlow>();
  /** The tasks send-to-flex hands over for messages and conversations. */
  readonly flexTasks: FlexTasks;
  /** Executions whose first sprint is being committed: a call it placed may call back before that. */
  private readonly starting = new Map<string, Promise<ExecutionRecord>>();
  /** `execution` after every commit, for the web app's live view (the event stream). */
  readonly notices = new EventEmitter<{ execution: [ExecutionRecord] }>();

  constructor(private readonly deps: RuntimeDependencies) {
    this.flexTasks = new FlexTasks(deps.clock, deps.sids);
    deps.carrier.onMessageStatus((message) => this.onMessageStatus(message));
    deps.calls?.onCallEnded((call) => this.callEnded(call));
  }

  /**
   * An inbound call to a flow's webhook starts an execution and answers with the TwiML of its
   * first voice widget. With `allow_concurrent_calls` off, a caller who already has an active
   * execution is refused, as Studio does.
   */
  async receiveCall(flow: FlowRecord, params: Record<string, string>): Promise<TwimlElement> {
    const contact = params.From ?? '';
    return this.locks.run(lockKey(flow.sid, contact), async () => {
      const revision = runnableRevision(flow, contact);
      if (revision === null) {
        this.deps.logger.warn({ flow: flow.sid, contact }, 'call refused: the flow has no published revision');
        return rejection();
      }
      const compiled = await this.compiledRevision(flow.sid, revision);
      const concurrent = compiled.definition.flags?.allow_concurrent_calls !== false;
      if (!concurrent && (await this.deps.store.findActiveExecution(flow.sid, contact))) {
        this.deps.logger.warn({ code: 20409, flow: flow.sid, contact }, 'call refused: the caller has an active execution and the flow does not allow concurrent calls');
        return rejection();
      }
      const { sprint } = await this.startSprint(flow, revision, params.CallSid ?? '', { kind: 'call', contactAddress: contact, flowAddress: params.To ?? '', params }, concurrent);
      return voiceReply(sprint);
    });
  }

  /** An execution by SID, waiting for its first commit if it is just starting. */
  async findExecution(sid: string): Promise<ExecutionRecord | undefined> {
    const starting = this.starting.get(sid);
    if (starting) return starting.catch(() => undefined);
    return this.deps.store.getExecution(sid);
  }

  /** A voice widget's callback (its TwiML's action or redirect): resumes the widget, answers the next TwiML. */
  async voiceCallback(execution: ExecutionRecord, widget: string, params: Record<string, string>): Promise<TwimlElement> {
    return this.locks.run(lockKey(execution.flowSid, execution.contactAddress), async () => {
      const current = await this.deps.store.getExecution(execution.sid);
      const wait = current?.state.wait;
      if (!current || current.status !== 'active' || wait?.widget !== widget || !wait.events.includes('callback')) {
        // Usually a call's final status report for a widget that has moved on.
        this.deps.logger.info({ code: 81002, execution: execution.sid, widget }, 'voice callback ignored: the execution is not waiting for it');
        return voiceReply(undefined);
      }
      return voiceReply(await this.resumeSprint(current, { type: 'callback', params }));
    });
  }

  /**
   * add-twiml-redirect's return: the external TwiML redirects the call to the flow's webhook with
   * `FlowEvent=return`, and the execution on that call resumes.
   */
  async returnToFlow(flow: FlowRecord, params: Record<string, string>): Promise<TwimlElement> {
    const execution = params.CallSid ? await this.deps.store.findActiveExecutionByCall(params.CallSid) : undefined;
    if (!execution || execution.flowSid !== flow.sid || !execution.state.wait) {
      this.deps.logger.warn({ code: 81002, flow: flow.sid, call: params.CallSid }, 'FlowEvent=return ignored: no execution on this call waits for it');
      return voiceReply(undefined);
    }
    return this.voiceCallback(execution, execution.state.wait.widget, params);
  }

  /** A call ended: the execution on it hears `callEnded`, so that none is left waiting for a callback. */
  private async callEnded(call: CallRecord): Promise<void> {
    const execution = await this.deps.store.findActiveExecutionByCall(call.sid);
    if (!execution) return;
    await this.locks.run(lockKey(execution.flowSid, execution.contactAddress), async () => {
      const current = await this.deps.store.getExecution(execution.sid);
      if (!current || current.status !== 'active' || current.state.callSid !== call.sid) return;
      await this.resumeSprint(current, { type: 'callEnded', params: { CallSid: call.sid, CallStatus: call.status, From: call.from, To: call.to, AccountSid: call.accountSid } });
    });
  }

  /** An inbound message to a flow's webhook: resumes the contact's execution or starts one. */
  async receiveMessage(flow: FlowRecord, params: Record<string, string>): Promise<InboundOutcome> {
    return this.receiveInbound(flow, params.MessageSid ?? '', { kind: 'message', contactAddress: params.From ?? '', flowAddress: params.To ?? '', params });
  }

  /**
   * A conversation's studio webhook (`onMessageAdded`): the contact is the conversation, as Studio
   * keys conversation executions by it, and so is the flow's address (unverified), so that
   * messaging widgets answer into the conversation. The conversation's attributes, JSON text on
   * the wire, become an object, as flows read `trigger.conversation.ChannelAttributes.<key>`.
   */
  async receiveConversationMessage(flow: FlowRecord, params: Record<string, string>): Promise<InboundOutcome> {
    const conversation = params.ConversationSid ?? '';
    const channelAttributes = parseJsonObject(params.ChannelAttributes);
    const trigger = channelAttributes ? { ...params, ChannelAttributes: channelAttributes } : params;
    return this.receiveInbound(flow, params.MessageSid ?? '', { kind: 'conversation', contactAddress: conversation, flowAddress: conversation, params: trigger });
  }

  /** Resumes the contact's execution waiting for a message, or starts one with the trigger. */
  private async receiveInbound(flow: FlowRecord, initiatedBy: string, trigger: Trigger): Promise<InboundOutcome> {
    const contact = trigger.contactAddress;
    return this.locks.run(lockKey(flow.sid, contact), async () => {
      const active = await this.deps.store.findActiveExecution(flow.sid, contact);
      if (active) {
        if (!active.state.wait?.events.includes('incomingMessage')) {
          this.deps.logger.warn({ code: 81002, execution: active.sid, contact }, 'message dropped: the active execution is not waiting for a message');
          return 'dropped';
        }
        await this.resumeLocked(active, { type: 'incomingMessage', params: trigger.params });
        return 'resumed';
      }
      const revision = runnableRevision(flow, contact);
      if (revision === null) {
        this.deps.logger.warn({ flow: flow.sid, contact }, 'message dropped: the flow has no published revision');
        return 'dropped';
      }
      await this.start(flow, revision, initiatedBy, trigger);
      return 'started';
    });
  }

  /** `POST /v2/Flows/{FW}/Executions`: contact = To, flow address = From. */
  async startByRequest(flow: FlowRecord, request: { to: string; from: string; parameters: Record<string, unknown> }): Promise<ExecutionRecord> {
    return this.locks.run(lockKey(flow.sid, request.to), async () => {
      const active = await this.deps.store.findActiveExecution(flow.sid, request.to);
      if (active) throw conflict(active.sid);
      const revision = runnableRevision(flow, request.to);
      if (revision === null) throw new SwitchboardError('noRunnableRevision', `${flow.sid} has no published revision`);
      return this.start(flow, revision, flow.accountSid, {
        kind: 'request',
        contactAddress: request.to,
        flowAddress: request.from,
        params: { from: request.from, to: request.to, parameters: request.parameters },
        data: request.parameters,
      });
    });
  }

  /** `Status=ended`: ends an active execution; an ended one is returned as it is. */
  async endExecution(execution: ExecutionRecord): Promise<ExecutionRecord> {
    return this.locks.run(lockKey(execution.flowSid, execution.contactAddress), async () => {
      const current = (await this.deps.store.getExecution(execution.sid)) ?? execution;
      if (current.status !== 'active') return current;
      const engine = await this.engineFor(current.accountSid);
      return this.commit(current, { state: engine.end(current.state, 'ENDED_BY_REQUEST'), steps: [] });
    });
  }

  /** Resumes every wait that is due by now with its timeout. Returns how many it resumed. */
  async runDueTimers(): Promise<number> {
    let resumed = 0;
    for (;;) {
      const due = await this.deps.store.listDueExecutions(isoNow(this.deps.clock), 100);
      let progressed = false;
      for (const execution of due) {
        const done = await this.locks.run(lockKey(execution.flowSid, execution.contactAddress), async () => {
          const current = await this.deps.store.getExecution(execution.sid);
          const wait = current?.state.wait;
          if (!current || current.status !== 'active' || !wait || Date.parse(wait.dueAt) > this.deps.clock.now()) return false;
          await this.resumeLocked(current, { type: wait.dueEvent });
          return true;
        });
        if (done) {
          resumed += 1;
          progressed = true;
        }
      }
      if (due.length < 100 || !progressed) return resumed;
    }
  }

  private async onMessageStatus(message: MessageRecord): Promise<void> {
    if (!message.executionSid || (message.status !== 'failed' && message.status !== 'undelivered')) return;
    const execution = await this.deps.store.getExecution(message.executionSid);
    if (!execution) return;
    await this.locks.run(lockKey(execution.flowSid, execution.contactAddress), async () => {
      const current = await this.deps.store.getExecution(execution.sid);
      const wait = current?.state.wait;
      if (!current || !wait?.events.includes('deliveryFailure')) return;
      const outbound = current.state.context.widgets[wait.widget]?.outbound as { Sid?: string } | undefined;
      if (outbound?.Sid !== message.sid) return;
      await this.resumeLocked(current, {
        type: 'deliveryFailure',
        params: { Status: message.status, ErrorCode: message.errorCode, ErrorMessage: message.errorMessage },
      });
    });
  }

  private async start(flow: FlowRecord, revision: number, initiatedBy: string, trigger: Trigger): Promise<ExecutionRecord> {
    return (await this.startSprint(flow, revision, initiatedBy, trigger, false)).execution;
  }

  private async startSprint(flow: FlowRecord, revision: number, initiatedBy: string, trigger: Trigger, concurrentCall: boolean) {
    const compiled = await this.compiledRevision(flow.sid, revision);
    const engine = await this.engineFor(flow.accountSid);
    const sprint = await engine.start(compiled, trigger);
    const now = isoNow(this.deps.clock);
    const committing = this.commit(
      {
        sid: sprint.state.sid,
        accountSid: flow.accountSid,
        flowSid: flow.sid,
        flowRevision: revision,
        contactAddress: trigger.contactAddress,
        flowAddress: trigger.flowAddress,
        initiatedBy,
        status: 'active',
        state: sprint.state,
        dueAt: null,
        ...(concurrentCall ? { concurrentCall } : {}),
        dateCreated: now,
        dateUpdated: now,
      },
      sprint,
    );
    this.starting.set(sprint.state.sid, committing);
    try {
      return { execution: await committing, sprint };
    } finally {
      this.starting.delete(sprint.state.sid);
    }
  }

  private async resumeLocked(execution: ExecutionRecord, event: ResumeEvent): Promise<void> {
    await this.resumeSprint(execution, event);
  }

  /** Resumes and commits; undefined when the engine refused the event. */
  private async resumeSprint(execution: ExecutionRecord, event: ResumeEvent): Promise<Sprint | undefined> {
    const compiled = await this.compiledRevision(execution.flowSid, execution.flowRevision);
    const engine = await this.engineFor(execution.accountSid);
    const sprint = await engine.resume(compiled, execution.state, event);
    if (sprint.rejected) {
      this.deps.logger.warn({ code: sprint.error?.code, execution: execution.sid, event: event.type }, sprint.error?.message ?? 'event refused');
      return undefined;
    }
    await this.commit(execution, sprint);
    // A sprint the call did not ask for (a timer, a message) speaks to the call by redirecting it.
    if (event.type !== 'callback' && sprint.reply && sprint.state.callSid && this.deps.calls) {
      await this.deps.calls.redirectCall(execution.accountSid, sprint.state.callSid, printTwiml(sprint.reply)).catch((error) =>
        this.deps.logger.warn({ execution: execution.sid, reason: describeError(error) }, 'the call could not be given the flow\'s TwiML'),
      );
    }
    return sprint;
  }

  /** Writes the sprint's state and steps in one transaction. */
  private async commit(execution: ExecutionRecord, sprint: Pick<Sprint, 'state' | 'steps'>): Promise<ExecutionRecord> {
    const state: ExecutionState = sprint.state;
    const updated: ExecutionRecord = {
      ...execution,
      status: state.status,
      state,
      dueAt: state.status === 'active' ? (state.wait?.dueAt ?? null) : null,
      dateUpdated: isoNow(this.deps.clock),
    };
    const firstIndex = state.stepCount - sprint.steps.length;
    const steps = sprint.steps.map((step, offset) => ({
      accountSid: execution.accountSid,
      flowSid: execution.flowSid,
      executionSid: execution.sid,
      index: firstIndex + offset,
      step,
    }));
    try {
      await this.deps.store.commitSprint(updated, steps);
    } catch (error) {
      if (error instanceof StoreConflict) {
        const active = await this.deps.store.findActiveExecution(execution.flowSid, execution.contactAddress);
        throw conflict(active?.sid ?? 'unknown');
      }
      throw error;
    }
    if (state.ended?.error) {
      this.deps.logger.warn({ code: state.ended.error.code, execution: execution.sid }, state.ended.error.message);
    }
    this.notices.emit('execution', updated);
    return updated;
  }

  /** How an account's flows reach calls: callbacks to this server, and the call carrier. */
  private voiceServices(accountSid: string): VoiceServices | undefined {
    const { calls, publicUrl } = this.deps;
    if (!calls || !publicUrl) return undefined;
    return {
      callbackUrl: (flowSid, executionSid, widget, query) => {
        const search = new URLSearchParams(query).toString();
        return `${publicUrl()}${voiceCallbackPath(accountSid, flowSid, executionSid, widget)}${search ? `?${search}` : ''}`;
      },
      placeCall: async (request) => callOutput(await calls.placeCall(accountSid, request)),
      recordCall: async (request) => recordingOutput(await calls.recordCall(accountSid, request)),
    };
  }

  /**
   * How an account's flows send: into a conversation when the widget's channel, or its contact,
   * is one (a conversation execution's contact is its conversation); else by the carrier.
   */
  private messageSender(accountSid: string): MessageSender {
    const { carrier, conversations } = this.deps;
    return {
      async send(message): Promise<OutboundMessage> {
        const conversationSid = [message.channel, message.to].find((address) => address !== undefined && isConversationSid(address));
        if (conversationSid) {
          if (!conversations) throw new SwitchboardError('invalidParameter', `${conversationSid} is a conversation, and Conversations are not available here`);
          // The default `from` (the flow's address, the conversation itself) posts as `system`, Twilio's author for messages without one.
          const author = message.from && message.from !== conversationSid ? message.from : 'system';
          const { body = '', attributes, executionSid } = message;
          return conversationOutput(await conversations.postFromFlow({ accountSid, conversationSid, author, body, attributes, executionSid }));
        }
        const record = await carrier.sendMessage({
          accountSid,
          from: message.from,
          to: message.to,
          body: message.body ?? '',
          mediaUrls: message.mediaUrl ? [message.mediaUrl] : [],
          executionSid: message.executionSid,
        });
        return outboundMessage(record);
      },
    };
  }

  private async compiledRevision(flowSid: string, revision: number): Promise<CompiledFlow> {
    const key = `${flowSid}:${revision}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const record = await this.deps.store.getRevision(flowSid, revision);
      if (!record) throw new SwitchboardError('notFound', `revision ${revision} of ${flowSid}`);
      compiled = compileFlow(record.definition as FlowDefinition, flowSid);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private async engineFor(accountSid: string): Promise<Engine> {
    let engine = this.engines.get(accountSid);
    if (!engine) {
      const account = await this.deps.store.getAccount(accountSid);
      if (!account) throw new SwitchboardError('notFound', `account ${accountSid}`);
      const { clock, sids } = this.deps;
      engine = createEngine(
        {
          clock,
          sids,
          http: this.deps.httpClientFor(account),
          voice: this.voiceServices(accountSid),
          flex: { createTask: async (request) => ({ ...this.flexTasks.create(accountSid, request) }) },
          messages: this.messageSender(accountSid),
        },
        this.deps.engineOptions,
      );
      this.engines.set(accountSid, engine);
    }
    return engine;
  }
}

/** A voice request's answer: the sprint's TwiML, or an empty document, which ends the call. */
function voiceReply(sprint: Pick<Sprint, 'reply'> | undefined): TwimlElement {
  return sprint?.reply ?? voiceResponse().element;
}

/** Refuses a call, as Studio does when it cannot start an execution for it. */
function rejection(): TwimlElement {
  const response = voiceResponse();
  response.reject();
  return response.element;
}

/** Test users run the latest (draft) revision; everyone else the published one. */
function runnableRevision(flow: FlowRecord, contact: string): number | null {
  return flow.testUsers.includes(contact) ? flow.revision : flow.publishedRevision;
}

function lockKey(flowSid: string, contact: string): string {
  return `${flowSid}|${contact}`;
}

function conflict(activeSid: string): SwitchboardError {
  return SwitchboardError.worded(
    'executionConflict',
    `Execution ${activeSid} is already active for this contact. End the active Execution before creating a new one`,
    { conflicting_execution_sid: activeSid },
  );
}

/** A message as Studio shows it in `widgets.<name>.outbound`. */
function outboundMessage(message: MessageRecord): OutboundMessage {
  return {
    Sid: message.sid,
    Status: message.status,
    AccountSid: message.accountSid,
    Body: message.body,
    From: message.from,
    To: message.to,
    Direction: message.direction,
    NumMedia: String(message.mediaUrls.length),
    NumSegments: String(message.numSegments),
    MessagingServiceSid: message.messagingServiceSid,
    ErrorCode: message.errorCode,
    ErrorMessage: message.errorMessage,
    Price: null,
    PriceUnit: 'USD',
    ApiVersion: '2010-04-01',
    DateCreated: message.dateCreated,
  };
}

/** A Conversations message as Studio shows it in `widgets.<name>.outbound`. */
function conversationOutput(message: ConversationMessageRecord): OutboundMessage {
  return {
    Sid: message.sid,
    AccountSid: message.accountSid,
    ConversationSid: message.conversationSid,
    Body: message.body,
    Author: message.author,
    Index: message.index,
    Attributes: message.attributes,
    Media: null,
    ParticipantSid: message.participantSid,
    DateCreated: message.dateCreated,
  };
}

/** Where a voice widget's TwiML sends the call back to (Studio's own URLs are not documented). */
export function voiceCallbackPath(accountSid: string, flowSid: string, executionSid: string, widget: string): string {
  return `/v1/Accounts/${accountSid}/Flows/${flowSid}/Executions/${executionSid}/Widgets/${encodeURIComponent(widget)}/Callback`;
}

/** A placed call as make-outgoing-call shows it. */
function callOutput(call: CallRecord): PlacedCall {
  return { CallSid: call.sid, CallStatus: call.status, AccountSid: call.accountSid, From: call.from, To: call.to, Direction: call.direction, ApiVersion: '2010-04-01' };
}

/** A Recording as record-call shows it (the resource's fields, PascalCase). */
function recordingOutput(recording: RecordingRecord): Record<string, unknown> {
  return {
    Sid: recording.sid,
    CallSid: recording.callSid,
    AccountSid: recording.accountSid,
    Status: recording.status,
    Duration: String(recording.duration),
    StartTime: recording.startTime,
    Channels: '1',
    Source: recording.source,
    Price: null,
    Uri: `/2010-04-01/Accounts/${recording.accountSid}/Calls/${recording.callSid}/Recordings/${recording.sid}.json`,
  };
}
