import type { Logger } from 'pino';
import type { Carrier } from '../carrier/carrier.ts';
import { compileFlow, type CompiledFlow } from '../engine/compiled-flow.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { ExecutionState, ResumeEvent, Sprint, Trigger } from '../engine/execution-state.ts';
import type { EngineOptions } from '../engine/options.ts';
import { isoNow, type Clock, type HttpClient, type OutboundMessage, type SidGenerator } from '../engine/services.ts';
import { SwitchboardError } from '../errors.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import type { AccountRecord, ExecutionRecord, FlowRecord, MessageRecord } from '../store/records.ts';
import { StoreConflict, type Store } from '../store/store.ts';
import { KeyedMutex } from './keyed-mutex.ts';

export interface RuntimeDependencies {
  store: Store;
  carrier: Carrier;
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

  constructor(private readonly deps: RuntimeDependencies) {
    deps.carrier.onMessageStatus((message) => this.onMessageStatus(message));
  }

  /** An inbound message to a flow's webhook: resumes the contact's execution or starts one. */
  async receiveMessage(flow: FlowRecord, params: Record<string, string>): Promise<InboundOutcome> {
    const contact = params.From ?? '';
    return this.locks.run(lockKey(flow.sid, contact), async () => {
      const active = await this.deps.store.findActiveExecution(flow.sid, contact);
      if (active) {
        if (!active.state.wait?.events.includes('incomingMessage')) {
          this.deps.logger.warn({ code: 81002, execution: active.sid, contact }, 'message dropped: the active execution is not waiting for a message');
          return 'dropped';
        }
        await this.resumeLocked(active, { type: 'incomingMessage', params });
        return 'resumed';
      }
      const revision = runnableRevision(flow, contact);
      if (revision === null) {
        this.deps.logger.warn({ flow: flow.sid, contact }, 'message dropped: the flow has no published revision');
        return 'dropped';
      }
      await this.start(flow, revision, params.MessageSid ?? '', {
        kind: 'message',
        contactAddress: contact,
        flowAddress: params.To ?? '',
        params,
      });
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
    const compiled = await this.compiledRevision(flow.sid, revision);
    const engine = await this.engineFor(flow.accountSid);
    const sprint = await engine.start(compiled, trigger);
    const now = isoNow(this.deps.clock);
    return this.commit(
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
        dateCreated: now,
        dateUpdated: now,
      },
      sprint,
    );
  }

  private async resumeLocked(execution: ExecutionRecord, event: ResumeEvent): Promise<ExecutionRecord> {
    const compiled = await this.compiledRevision(execution.flowSid, execution.flowRevision);
    const engine = await this.engineFor(execution.accountSid);
    const sprint = await engine.resume(compiled, execution.state, event);
    if (sprint.rejected) {
      this.deps.logger.warn({ code: sprint.error?.code, execution: execution.sid, event: event.type }, sprint.error?.message ?? 'event refused');
      return execution;
    }
    return this.commit(execution, sprint);
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
    return updated;
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
      const { carrier, clock, sids } = this.deps;
      engine = createEngine(
        {
          clock,
          sids,
          http: this.deps.httpClientFor(account),
          messages: {
            async send(message): Promise<OutboundMessage> {
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
          },
        },
        this.deps.engineOptions,
      );
      this.engines.set(accountSid, engine);
    }
    return engine;
  }
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
