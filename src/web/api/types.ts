/** The JSON shapes the web app reads: Studio v2, the 2010-04-01 API, and `/app/v1`. */

export interface FlowDefinition {
  description?: string;
  states: WidgetState[];
  initial_state: string;
  flags?: { allow_concurrent_calls?: boolean };
}

export interface WidgetState {
  name: string;
  type: string;
  transitions: Transition[];
  properties: Record<string, unknown> & { offset?: { x: number; y: number } };
}

export interface Transition {
  event: string;
  next?: string;
  conditions?: Condition[];
  uuid?: string;
}

export interface Condition {
  friendly_name: string;
  arguments: string[];
  type: string;
  value: string;
}

export interface ValidationIssue {
  message: string;
  property_path: string;
}

export interface FlowJson {
  sid: string;
  account_sid: string;
  friendly_name: string;
  definition: FlowDefinition | null;
  status: 'draft' | 'published';
  revision: number;
  commit_message: string | null;
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  webhook_url: string;
  date_created: string;
  date_updated: string | null;
}

export type RevisionJson = Omit<FlowJson, 'warnings' | 'webhook_url'>;

export interface ExecutionJson {
  sid: string;
  flow_sid: string;
  contact_channel_address: string;
  context: Record<string, unknown>;
  status: 'active' | 'ended';
  date_created: string;
  date_updated: string | null;
  /** The SID of what started it: a message, a call, or the account for a REST request. */
  initiated_by: string;
  /** The flow revision it runs. */
  flow_version: number;
}

export interface StepJson {
  sid: string;
  execution_sid: string;
  name: string;
  context: Record<string, unknown>;
  transitioned_from: string;
  transitioned_to: string;
  date_created: string;
}

export interface PropertyTypeJson {
  types: Array<'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object'>;
  liquid: boolean;
  required: boolean;
  nullable: boolean;
  default: unknown;
  enum: string[] | null;
  key_value_items: boolean;
  description: string | null;
}

/** A widget declaration from `GET /app/v1/WidgetTypes`. */
export interface WidgetTypeJson {
  type: string;
  label: string;
  group: 'Flow Control' | 'Voice' | 'Messaging' | 'Tools & Execute Code' | 'Connect Other Products' | 'Legacy';
  channel: 'voice' | 'messaging' | 'any';
  events: string[];
  properties: Record<string, PropertyTypeJson>;
  outputs: string[];
  runs: boolean;
}

/** `POST /app/v1/FlowChecks`: the validator's verdict, warnings included. */
export interface FlowChecksJson {
  valid: boolean;
  legacy: boolean;
  definition: FlowDefinition | null;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface NumberJson {
  sid: string;
  phone_number: string;
  friendly_name: string;
  sms_url: string | null;
  sms_method: string;
  voice_url: string | null;
  voice_method: string;
  voice_application_sid: string | null;
  sms_application_sid: string | null;
}

export interface MessageJson {
  sid: string;
  from: string;
  to: string;
  body: string;
  status: string;
  direction: string;
  date_created: string;
}

export interface CallJson {
  sid: string;
  from: string;
  to: string;
  status: string;
  direction: string;
  duration: string | null;
  start_time: string | null;
  date_created: string;
}

/** One thing a call leg heard or did, from `/emulator/v1/Calls/{CA}` and the `call-event` stream. */
export interface CallEventJson {
  type: string;
  text?: string;
  [field: string]: unknown;
}

/** `/emulator/v1/Calls/{CA}`: a call with what it heard and what it waits for. */
export interface EmulatedCallJson extends CallJson {
  events: CallEventJson[];
  waiting_for: string | null;
}

/** A TwiML Bin from `/emulator/v1/TwimlBins`; a number points at its `url`. */
export interface TwimlBinJson {
  sid: string;
  friendly_name: string;
  twiml: string;
  url: string;
  date_created: string;
  date_updated: string;
}
