/**
 * The Studio Flow Definition (v2), exactly as Twilio exports it. Nothing here is normalised:
 * a parsed definition is the exported JSON value, so serialising it gives the same JSON back
 * (unknown properties, `offset` and transition order included).
 */
export interface FlowDefinition {
  description: string;
  $schema?: string;
  initial_state: string;
  flags?: { allow_concurrent_calls: boolean; [key: string]: unknown };
  states: FlowState[];
  [key: string]: unknown;
}

export interface FlowState {
  name: string;
  type: string;
  transitions: Transition[];
  properties: Record<string, unknown> & { offset?: { x: number; y: number } };
  [key: string]: unknown;
}

export interface Transition {
  event: string;
  /** Absent, `null` and `""` all end the execution. */
  next?: string | null;
  conditions?: Condition[];
  [key: string]: unknown;
}

export interface Condition {
  friendly_name: string;
  arguments: string[];
  type: string;
  value: string;
  [key: string]: unknown;
}

/** Where a transition leads, or undefined when it ends the execution. */
export function transitionTarget(transition: Transition | undefined): string | undefined {
  const next = transition?.next;
  return typeof next === 'string' && next !== '' ? next : undefined;
}

/** A validation finding, in the shape of Studio's FlowValidate and the Flow resource. */
export interface ValidationIssue {
  message: string;
  /** JSON pointer into the definition, as Studio writes it: `#/states/3/properties/timeout`. */
  property_path: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
