import type { FlowDefinition, FlowState, Transition } from './definition.ts';

/**
 * Converts the legacy (pre-2019) Studio export format to v2: legacy type names become v2 type
 * strings, SID-valued `next` becomes the target's name, and `sid`, `uuid`, empty
 * `conditions`, `null` properties and the trigger's `flow_url` are dropped.
 */

/** Legacy type → v2 type. Names marked unverified were not seen in a real export. */
export const legacyTypeNames: Readonly<Record<string, string>> = {
  InitialState: 'trigger',
  Message: 'send-message',
  MessagePrompt: 'send-and-wait-for-reply', // unverified
  SayPlay: 'say-play',
  Gather: 'gather-input-on-call',
  Branch: 'split-based-on',
  ConnectCaller: 'connect-call-to',
  Record: 'record-voicemail',
  Function: 'run-function',
  EnqueueCall: 'enqueue-call',
  Pay: 'capture-payments',
  Webhook: 'make-http-request',
  SetVariables: 'set-variables',
};

type LooseObject = Record<string, unknown>;

const isObject = (value: unknown): value is LooseObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A legacy export has state SIDs or legacy type names, and no `initial_state`. */
export function isLegacyDefinition(value: unknown): boolean {
  if (!isObject(value) || !Array.isArray(value.states) || 'initial_state' in value) return false;
  return value.states.some((state) => isObject(state) && (typeof state.sid === 'string' || typeof state.type === 'string' && state.type in legacyTypeNames));
}

export function convertLegacyDefinition(legacy: LooseObject): FlowDefinition {
  const states = (legacy.states as unknown[]).filter(isObject);
  const nameBySid = new Map<string, string>();
  for (const state of states) {
    if (typeof state.sid === 'string' && typeof state.name === 'string') nameBySid.set(state.sid, state.name);
  }
  const converted = states.map((state) => convertState(state, nameBySid));
  const trigger = converted.find((state) => state.type === 'trigger');
  const { states: _states, ...rest } = legacy;
  return {
    ...rest,
    description: typeof legacy.description === 'string' ? legacy.description : '',
    states: converted,
    initial_state: trigger?.name ?? 'Trigger',
    flags: { allow_concurrent_calls: true },
  } as FlowDefinition;
}

function convertState(state: LooseObject, nameBySid: Map<string, string>): FlowState {
  const { sid: _sid, ...rest } = state;
  const type = typeof state.type === 'string' ? (legacyTypeNames[state.type] ?? state.type) : state.type;
  const properties: LooseObject = {};
  for (const [key, value] of Object.entries(isObject(state.properties) ? state.properties : {})) {
    if (value === null) continue;
    if (type === 'trigger' && key === 'flow_url') continue;
    properties[key] = value;
  }
  const transitions = Array.isArray(state.transitions) ? state.transitions.filter(isObject).map((transition) => convertTransition(transition, nameBySid)) : [];
  return { ...rest, type, properties, transitions } as FlowState;
}

function convertTransition(transition: LooseObject, nameBySid: Map<string, string>): Transition {
  const { uuid: _uuid, conditions, next, ...rest } = transition;
  const converted: LooseObject = { ...rest };
  if (typeof next === 'string' && next !== '') converted.next = nameBySid.get(next) ?? next;
  if (Array.isArray(conditions) && conditions.length > 0) converted.conditions = conditions;
  return converted as Transition;
}
