import { compileFlow, type CompiledFlow } from '../../src/engine/compiled-flow.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { ExecutionState, ResumeEvent, Sprint, Step, Trigger } from '../../src/engine/execution-state.ts';
import type { EngineOptions } from '../../src/engine/options.ts';
import type { HttpRequest, HttpResponse, OutboundMessageRequest } from '../../src/engine/services.ts';
import type { FlowDefinition, FlowState, Transition } from '../../src/flow/definition.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { inboundMessageParams } from '../../src/carrier/inbound-message-params.ts';
import { seededSids } from '../../src/runtime/sid-generator.ts';

/**
 * Drives a flow through the engine with in-memory stand-ins for the far side of the network
 * (the HTTP endpoints and the carrier), a virtual clock and seeded SIDs. Every state passes
 * through JSON.stringify / JSON.parse between events, as it would through a store.
 */

export type HttpHandler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export interface HarnessOptions {
  http?: HttpHandler;
  /** Makes the carrier refuse messages whose body matches. */
  refuseMessage?: (message: OutboundMessageRequest) => string | undefined;
  options?: Partial<EngineOptions>;
}

export const contact = '+15005550006';
export const flowNumber = '+15005550001';

export class Harness {
  readonly clock = new VirtualClock('2026-03-01T12:00:00Z');
  readonly sent: OutboundMessageRequest[] = [];
  readonly httpRequests: HttpRequest[] = [];
  readonly engine: Engine;
  readonly flow: CompiledFlow;
  /** Every step taken so far, across sprints. */
  readonly steps: Step[] = [];
  state?: ExecutionState;
  last?: Sprint;
  private readonly sids = seededSids(7);

  constructor(definition: FlowDefinition, options: HarnessOptions = {}) {
    this.flow = compileFlow(definition, 'FW' + 'a'.repeat(32));
    this.engine = createEngine(
      {
        clock: this.clock,
        sids: this.sids,
        http: {
          request: async (request) => {
            this.httpRequests.push(request);
            if (!options.http) throw new Error('connect ECONNREFUSED');
            return options.http(request);
          },
        },
        messages: {
          send: async (message) => {
            const refusal = options.refuseMessage?.(message);
            if (refusal) throw new Error(refusal);
            this.sent.push(message);
            return { Sid: this.sids.next('SM'), Status: 'queued', Body: message.body, From: message.from, To: message.to };
          },
        },
      },
      options.options,
    );
  }

  /** The bodies of the messages sent so far. */
  get bodies(): Array<string | undefined> {
    return this.sent.map((message) => message.body);
  }

  /** The widgets visited so far, in order. */
  get path(): string[] {
    return this.steps.map((step) => step.transitioned_to);
  }

  async start(trigger: Partial<Trigger> & Pick<Trigger, 'kind'>): Promise<Sprint> {
    return this.record(
      await this.engine.start(this.flow, {
        contactAddress: contact,
        flowAddress: flowNumber,
        params: {},
        ...trigger,
      }),
    );
  }

  async text(body: string): Promise<Sprint> {
    const params = inboundMessageParams({ accountSid: 'AC' + '0'.repeat(32), messageSid: 'SM' + '1'.repeat(32), from: contact, to: flowNumber, body });
    if (!this.state || this.state.status !== 'active') return this.start({ kind: 'message', params });
    return this.resume({ type: 'incomingMessage', params });
  }

  async request(data: Record<string, unknown> = {}): Promise<Sprint> {
    return this.start({ kind: 'request', params: { from: flowNumber, to: contact, parameters: data }, data });
  }

  async resume(event: ResumeEvent): Promise<Sprint> {
    if (!this.state) throw new Error('no execution to resume');
    return this.record(await this.engine.resume(this.flow, this.state, event));
  }

  /** Moves the clock to the pending wait's due time and fires it. */
  async fireTimeout(): Promise<Sprint> {
    const wait = this.state?.wait;
    if (!wait) throw new Error('nothing is waiting');
    this.clock.advanceTo(Date.parse(wait.dueAt));
    return this.resume({ type: wait.dueEvent });
  }

  private record(sprint: Sprint): Sprint {
    this.last = sprint;
    this.steps.push(...sprint.steps);
    this.state = JSON.parse(JSON.stringify(sprint.state));
    return sprint;
  }
}

/** A v2 definition from states; the trigger's transitions are given as event → next. */
export function flowOf(triggerNext: Record<string, string>, ...states: FlowState[]): FlowDefinition {
  return {
    description: 'test flow',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        properties: { offset: { x: 0, y: 0 } },
        transitions: ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'].map((event) =>
          triggerNext[event] ? { event, next: triggerNext[event] } : { event },
        ),
      },
      ...states,
    ],
  };
}

export function widget(name: string, type: string, properties: Record<string, unknown>, transitions: Record<string, string | undefined> | Transition[] = {}): FlowState {
  return {
    name,
    type,
    properties: { ...properties, offset: { x: 0, y: 0 } },
    transitions: Array.isArray(transitions)
      ? transitions
      : Object.entries(transitions).map(([event, next]) => (next ? { event, next } : { event })),
  };
}

export function json(body: unknown, status = 200): HttpResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
