import type { ErrorName } from '../errors.ts';
import type { FlowState, Transition } from '../flow/definition.ts';
import type { ExecutionContext, ResumeEvent, WidgetOutput } from '../engine/execution-state.ts';
import type { EngineOptions } from '../engine/options.ts';
import type { EngineServices } from '../engine/services.ts';
import type { TwimlElement } from '../twiml/twiml-node.ts';

/**
 * Everything about one Studio widget type is declared in one file with `defineWidget`. The
 * validator, the engine, the editor's form and the docs all read that declaration.
 */

export type Channel = 'voice' | 'messaging' | 'any';

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

export interface PropertySpec {
  /** The JSON types Studio accepts for this property (it is strict per property). */
  types: readonly JsonType[];
  /** Rendered with Liquid before the widget runs (strings, and `value` of key/value lists). */
  liquid: boolean;
  required: boolean;
  /** Legacy exports write `null` for unset values of these. */
  nullable: boolean;
  default?: unknown;
  /** Allowed values, checked when the value holds no Liquid. */
  enum?: readonly string[];
  /** For arrays of `{key, value}` pairs. */
  keyValueItems?: boolean;
  description?: string;
}

type PropertyOptions = Partial<Pick<PropertySpec, 'required' | 'nullable' | 'default' | 'enum' | 'description'>>;

function property(types: readonly JsonType[], liquid: boolean, options: PropertyOptions = {}): PropertySpec {
  return { types, liquid, required: false, nullable: false, ...options };
}

/** A string that may hold Liquid. */
export const liquidString = (options?: PropertyOptions) => property(['string'], true, options);
/** A literal string (a SID, an enum value), not rendered. */
export const plainString = (options?: PropertyOptions) => property(['string'], false, options);
/** A number written as a JSON string, such as send-and-wait-for-reply's `timeout: "3600"`. */
export const numericString = (options?: PropertyOptions) => property(['string'], true, options);
/** A flag written as the JSON string "true" or "false", such as `play_beep`. */
export const stringBoolean = (options?: PropertyOptions) =>
  property(['string'], true, { enum: ['true', 'false'], ...options });
export const integer = (options?: PropertyOptions) => property(['integer'], false, options);
export const boolean = (options?: PropertyOptions) => property(['boolean'], false, options);
/** An array of `{key, value}` objects whose values hold Liquid. */
export const keyValueList = (options?: PropertyOptions) => ({ ...property(['array'], true, options), keyValueItems: true });
export const array = (options?: PropertyOptions) => property(['array'], false, options);
export const object = (options?: PropertyOptions) => property(['object'], false, options);
/** A property whose exports show more than one JSON type. */
export const oneOf = (types: readonly JsonType[], options?: PropertyOptions) => property(types, true, options);

export type Outcome =
  | {
      kind: 'transition';
      event: string;
      output?: WidgetOutput;
      /** The transition to take, for a widget with several of one event (split's `match`). */
      transition?: Transition;
      /** Values to store in `flow.variables` (set-variables). */
      variables?: Record<string, unknown>;
      /** The call the execution is now on (make-outgoing-call's answered call). */
      callSid?: string;
    }
  | {
      kind: 'wait';
      events: string[];
      timeoutSeconds?: number;
      output?: WidgetOutput;
      /** For a voice widget: the TwiML that answers the call's current request. */
      twiml?: TwimlElement;
      /** The call the execution is now on (make-outgoing-call's placed call). */
      callSid?: string;
    }
  | { kind: 'fail'; error: ErrorName; detail?: string };

/** What a widget's run and resume logic can see and do. */
export interface WidgetContext {
  readonly state: FlowState;
  readonly execution: Readonly<ExecutionContext>;
  /** `widgets.<name>` as it was before this run, for widgets that merge across runs. */
  readonly previousOutput: WidgetOutput | undefined;
  readonly services: EngineServices;
  readonly options: EngineOptions;
  /** The live call the execution is on, if any. */
  readonly callSid: string | undefined;
  /** Renders a Liquid template against the current context; throws TemplateError. */
  render(template: string): string;
  /** The URL this widget's TwiML sends the call back to; `query` says what happened (`Event=timeout`). */
  callbackUrl(query?: Record<string, string>): string;
  transition(event: string, output?: WidgetOutput): Outcome;
  wait(wait: { events: string[]; timeoutSeconds?: number; output?: WidgetOutput; twiml?: TwimlElement; callSid?: string }): Outcome;
  fail(error: ErrorName, detail?: string): Outcome;
}

export interface PropertyProblem {
  property: string;
  message: string;
}

export type RenderedProperties = Record<string, unknown>;

export interface WidgetDeclaration {
  /** Studio's type string, which is also the file name. */
  type: string;
  /** The name the Console shows. */
  label: string;
  /** The Console palette group, for the editor. */
  group: 'Flow Control' | 'Voice' | 'Messaging' | 'Tools & Execute Code' | 'Connect Other Products' | 'Legacy';
  channel: Channel;
  /** Studio's exact event names, in Console order. */
  events: readonly string[];
  /** Where a template error goes, for widgets that have a failure event. */
  failureEvent?: string;
  /** Events after which a call is live (make-outgoing-call's `answered`). */
  callEvents?: readonly string[];
  properties: Record<string, PropertySpec>;
  /** The keys this widget writes under `widgets.<name>`. */
  outputs: readonly string[];
  /** Rules that span properties, beyond each property's own spec. */
  check?(properties: Record<string, unknown>): PropertyProblem[];
  /** Runs the widget. Absent for widget types Switchboard cannot run yet. */
  run?(props: RenderedProperties, ctx: WidgetContext): Promise<Outcome> | Outcome;
  /** Resumes a widget parked by `ctx.wait` with the event that arrived. */
  resume?(event: ResumeEvent, ctx: WidgetContext): Promise<Outcome> | Outcome;
}

export function defineWidget(declaration: WidgetDeclaration): WidgetDeclaration {
  return declaration;
}
