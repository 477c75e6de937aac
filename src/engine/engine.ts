import { describeError, errorRecord, type ErrorName, type ErrorRecord } from '../errors.ts';
import { transitionTarget, type FlowState } from '../flow/definition.ts';
import { createStudioLiquid, TemplateError, type StudioLiquid } from '../liquid/studio-liquid.ts';
import type { TwimlElement } from '../twiml/twiml-node.ts';
import { findWidget } from '../widgets/registry.ts';
import type { Outcome, WidgetContext, WidgetDeclaration } from '../widgets/widget.ts';
import type { CompiledFlow } from './compiled-flow.ts';
import {
  triggerEvents,
  type EndReason,
  type ExecutionState,
  type ResumeEvent,
  type Sprint,
  type Step,
  type Trigger,
  type WidgetOutput,
} from './execution-state.ts';
import { engineOptions, liquidOptions, type EngineOptions } from './options.ts';
import { renderProperties } from './render-properties.ts';
import { isoNow, type EngineServices } from './services.ts';

/**
 * The Studio engine. It is pure: given a compiled flow, the execution state and an event, it
 * returns the steps taken, the new state and what the execution waits for. All IO goes through
 * the services passed in. The state passed to `resume` is never modified.
 */
export interface Engine {
  start(flow: CompiledFlow, trigger: Trigger): Promise<Sprint>;
  resume(flow: CompiledFlow, state: ExecutionState, event: ResumeEvent): Promise<Sprint>;
  /** Ends an active execution from outside (the API's `Status=ended`). */
  end(state: ExecutionState, reason: EndReason): ExecutionState;
}

export function createEngine(services: EngineServices, overrides: Partial<EngineOptions> = {}): Engine {
  const options = engineOptions(overrides);
  const liquid = createStudioLiquid(liquidOptions(options, () => services.clock.now()));
  const sprint = (flow: CompiledFlow, state: ExecutionState) => new SprintRun(flow, state, services, options, liquid);

  return {
    async start(flow, trigger) {
      const now = services.clock.now();
      const sid = services.sids.next('FN');
      const data = trigger.data ?? {};
      const state: ExecutionState = {
        sid,
        flowSid: flow.sid,
        status: 'active',
        context: {
          flow: { flow_sid: flow.sid, sid, channel: { address: trigger.flowAddress }, data, variables: {} },
          contact: { channel: { address: trigger.contactAddress } },
          trigger: { [trigger.kind]: trigger.params },
          widgets: {},
        },
        stepCount: 0,
        ...(trigger.kind === 'call' && typeof trigger.params.CallSid === 'string' ? { callSid: trigger.params.CallSid } : {}),
        streak: { widget: '', runs: 0 },
        startedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + options.maxLifetimeSeconds * 1000).toISOString(),
      };
      return sprint(flow, state).begin(triggerEvents[trigger.kind]);
    },

    async resume(flow, previous, event) {
      return sprint(flow, copyForWrite(previous)).resume(event);
    },

    end(previous, reason) {
      const state = copyForWrite(previous);
      if (state.status === 'active') markEnded(state, reason, isoNow(services.clock));
      return state;
    },
  };
}

/** Ends the execution in place: no more waiting, and why and when it ended. */
function markEnded(state: ExecutionState, reason: EndReason, at: string, error?: ErrorRecord): void {
  state.status = 'ended';
  delete state.wait;
  state.ended = { reason, at, ...(error ? { error } : {}) };
}

/**
 * A copy of the state that a sprint may change without touching the original. A sprint only
 * replaces entries of `widgets` and `flow.variables` and the top-level fields, so copying those
 * levels is enough, and much cheaper than a deep clone.
 */
function copyForWrite(state: ExecutionState): ExecutionState {
  const { context } = state;
  return {
    ...state,
    streak: { ...state.streak },
    context: {
      ...context,
      flow: { ...context.flow, variables: { ...context.flow.variables } },
      widgets: { ...context.widgets },
    },
  };
}

/** One engine call: from a trigger or a resume to the next wait or the end. */
class SprintRun {
  private readonly steps: Step[] = [];
  private reply?: TwimlElement;

  constructor(
    private readonly flow: CompiledFlow,
    private readonly state: ExecutionState,
    private readonly services: EngineServices,
    private readonly options: EngineOptions,
    private readonly liquid: StudioLiquid,
  ) {}

  async begin(event: string): Promise<Sprint> {
    const triggerState = this.flow.states.get(this.flow.definition.initial_state);
    if (!triggerState) return this.fail('unsupportedTrigger', 'the flow has no initial state');
    const transition = triggerState.transitions.find((candidate) => candidate.event === event);
    return this.follow(triggerState, event, transitionTarget(transition), { trigger: this.state.context.trigger });
  }

  async resume(event: ResumeEvent): Promise<Sprint> {
    const { state } = this;
    const now = this.services.clock.now();
    const wait = state.wait;
    if (state.status !== 'active' || !wait) return this.reject(`the execution is ${state.status} and waits for nothing`);
    if (now >= Date.parse(state.expiresAt)) return this.end('EXPIRED', errorRecord('executionExpired', `it started at ${state.startedAt}`));
    const due = event.type === wait.dueEvent;
    if (!due && !wait.events.includes(event.type)) {
      return this.reject(`${wait.widget} waits for ${[...wait.events, wait.dueEvent].join(', ')}, not ${event.type}`);
    }
    if (due && now < Date.parse(wait.dueAt)) return this.reject(`the ${event.type} of ${wait.widget} is not due until ${wait.dueAt}`);

    const flowState = this.flow.states.get(wait.widget);
    const widget = flowState && findWidget(flowState.type);
    if (!flowState || !widget?.resume) return this.fail('widgetNotSupported', `${wait.widget} cannot be resumed`);
    delete state.wait;
    // The caller hung up: whatever the widget does next, there is no call to speak to.
    if (event.type === 'callEnded') delete state.callSid;
    const outcome = await this.attempt(widget, () => widget.resume!(event, this.context(flowState)));
    return this.apply(flowState, widget, outcome, true);
  }

  /** Runs widgets from `name` until one waits or the execution ends. */
  private async runFrom(name: string): Promise<Sprint> {
    const flowState = this.flow.states.get(name);
    if (!flowState) return this.fail('noTransition', `no widget is named ${name}`);
    const streak = this.state.streak;
    if (streak.widget === name) streak.runs += 1;
    else this.state.streak = { widget: name, runs: 1 };
    if (this.state.streak.runs > this.options.maxRunsInARow) {
      return this.fail('widgetLoopExceeded', `${name} ran more than ${this.options.maxRunsInARow} times in a row`);
    }
    const widget = findWidget(flowState.type);
    if (!widget?.run) return this.fail('widgetNotSupported', `${flowState.type} (${name})`);
    const ctx = this.context(flowState);
    const outcome = await this.attempt(widget, () => widget.run!(renderProperties(widget, flowState.properties, (template) => ctx.render(template)), ctx));
    return this.apply(flowState, widget, outcome, false);
  }

  /** Runs widget logic; a template error becomes the widget's failure event where it has one. */
  private async attempt(widget: WidgetDeclaration, run: () => Promise<Outcome> | Outcome): Promise<Outcome> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TemplateError)) return { kind: 'fail', error: 'widgetCrashed', detail: describeError(error) };
      if (!widget.failureEvent) return { kind: 'fail', error: 'templateError', detail: error.message };
      return { kind: 'transition', event: widget.failureEvent, output: { error: errorRecord('templateError', error.message) } };
    }
  }

  private async apply(flowState: FlowState, widget: WidgetDeclaration, outcome: Outcome, resumed: boolean): Promise<Sprint> {
    const { widgets } = this.state.context;
    if (outcome.kind === 'fail') return this.fail(outcome.error, `${flowState.name}: ${outcome.detail ?? widget.type}`);
    if (outcome.output) {
      // A resumed widget adds to what its run wrote; a new run replaces it.
      widgets[flowState.name] = resumed ? { ...widgets[flowState.name], ...outcome.output } : outcome.output;
    }
    if (outcome.kind === 'wait') {
      if (outcome.callSid) this.state.callSid = outcome.callSid;
      if (outcome.twiml) this.reply = outcome.twiml;
      const now = this.services.clock.now();
      const expiresAt = Date.parse(this.state.expiresAt);
      const timeoutAt = outcome.timeoutSeconds === undefined ? Infinity : now + outcome.timeoutSeconds * 1000;
      this.state.wait = {
        widget: flowState.name,
        events: outcome.events,
        dueAt: new Date(Math.min(timeoutAt, expiresAt)).toISOString(),
        dueEvent: timeoutAt < expiresAt ? 'timeout' : 'expired',
      };
      return this.result();
    }
    if (outcome.variables) Object.assign(this.state.context.flow.variables, outcome.variables);
    if (outcome.callSid) this.state.callSid = outcome.callSid;
    const transition = outcome.transition ?? flowState.transitions.find((candidate) => candidate.event === outcome.event);
    return this.follow(flowState, outcome.event, transitionTarget(transition), outcome.output ?? {});
  }

  /** Records the step for `event` and goes on to `next`, or ends the execution. */
  private async follow(from: FlowState, event: string, next: string | undefined, context: WidgetOutput): Promise<Sprint> {
    if (this.state.stepCount >= this.options.maxSteps) {
      return this.fail('maxStepsExceeded', `the execution took ${this.options.maxSteps} steps`);
    }
    this.state.stepCount += 1;
    this.steps.push({
      sid: this.services.sids.next('FT'),
      name: event,
      type: from.type,
      transitioned_from: from.name,
      transitioned_to: next ?? 'Ended',
      context,
      // Later steps replace entries of `widgets` and assign into `flow.variables`: copies keep these as they are now.
      context_after: { variables: { ...this.state.context.flow.variables }, widgets: { ...this.state.context.widgets } },
      date_created: isoNow(this.services.clock),
    });
    return next === undefined ? this.end('FLOW_END') : this.runFrom(next);
  }

  private context(flowState: FlowState): WidgetContext {
    return new SprintWidgetContext(flowState, this.state, this.services, this.options, this.liquid);
  }

  private fail(name: ErrorName, detail: string): Sprint {
    return this.end('ERROR', errorRecord(name, detail));
  }

  private end(reason: EndReason, error?: ErrorRecord): Sprint {
    markEnded(this.state, reason, isoNow(this.services.clock), error);
    return { ...this.result(), ...(error ? { error } : {}) };
  }

  private reject(detail: string): Sprint {
    return { state: this.state, steps: [], rejected: true, error: errorRecord('unexpectedEvent', detail) };
  }

  private result(): Sprint {
    return { state: this.state, steps: this.steps, ...(this.state.wait ? { wait: this.state.wait } : {}), ...(this.reply ? { reply: this.reply } : {}) };
  }
}

/** What a widget sees while it runs. A class, so that no closures are made per widget run. */
class SprintWidgetContext implements WidgetContext {
  readonly previousOutput: WidgetOutput | undefined;
  readonly execution: ExecutionState['context'];
  readonly callSid: string | undefined;

  constructor(
    readonly state: FlowState,
    private readonly run: ExecutionState,
    readonly services: EngineServices,
    readonly options: EngineOptions,
    private readonly liquid: StudioLiquid,
  ) {
    this.execution = run.context;
    this.callSid = run.callSid;
    this.previousOutput = this.execution.widgets[state.name];
  }

  render(template: string): string {
    return this.liquid.render(template, this.execution);
  }

  callbackUrl(query: Record<string, string> = {}): string {
    if (!this.services.voice) throw new Error('this engine has no voice services, so a voice widget cannot run');
    return this.services.voice.callbackUrl(this.run.flowSid, this.run.sid, this.state.name, query);
  }

  transition(event: string, output?: WidgetOutput): Outcome {
    return { kind: 'transition', event, output };
  }

  wait(wait: { events: string[]; timeoutSeconds?: number; output?: WidgetOutput; twiml?: TwimlElement; callSid?: string }): Outcome {
    return { kind: 'wait', ...wait };
  }

  fail(error: ErrorName, detail?: string): Outcome {
    return { kind: 'fail', error, detail };
  }
}
