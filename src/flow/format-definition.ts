import { findWidget } from '../widgets/registry.ts';
import type { FlowDefinition, FlowState, Transition } from './definition.ts';
import { loadDefinition } from './load-definition.ts';

/**
 * The canonical form of a flow file, so that git diffs show only what changed: keys in the order
 * Studio's Console exports them, states in the order the flow runs, two-space indent and a final
 * newline. Only order changes: the formatted flow is the same definition.
 */

type LooseObject = Record<string, unknown>;
const isObject = (value: unknown): value is LooseObject => value !== null && typeof value === 'object' && !Array.isArray(value);

// Studio's own export order; keys it does not write (a state's `sid`, a transition's `uuid`) follow alphabetically.
const topLevelOrder = ['$schema', 'description', 'states', 'initial_state', 'flags'];
const flagsOrder = ['allow_concurrent_calls'];
const stateOrder = ['name', 'type', 'transitions', 'properties'];
const transitionOrder = ['next', 'event', 'conditions'];
const conditionOrder = ['friendly_name', 'arguments', 'type', 'value'];
const offsetOrder = ['x', 'y'];

export type FormatResult =
  /** `text` is the canonical form; `changed` says whether it differs from the input. */
  | { kind: 'formatted'; text: string; changed: boolean }
  /** A legacy (pre-2019) file: `text` is its v2 conversion in canonical form. */
  | { kind: 'legacy'; text: string }
  /** Not a flow at all (not JSON, no states…): nothing can be formatted. */
  | { kind: 'invalid'; message: string };

/** Formats the text of a flow file. Never throws. */
export function formatFlowText(text: string): FormatResult {
  const loaded = loadDefinition(text);
  if (!loaded.definition) return { kind: 'invalid', message: loaded.result.errors[0]?.message ?? 'not a flow definition' };
  const problem = notAFlow(loaded.definition);
  if (problem) return { kind: 'invalid', message: problem };
  const formatted = formatDefinition(loaded.definition);
  if (loaded.legacy) return { kind: 'legacy', text: formatted };
  return { kind: 'formatted', text: formatted, changed: formatted !== text };
}

/** Why a parsed value cannot be formatted as a flow, or undefined when it can. */
export function notAFlow(value: unknown): string | undefined {
  if (!isObject(value)) return 'the definition must be a JSON object';
  if (!Array.isArray(value.states)) return 'the definition has no "states" array';
  const index = value.states.findIndex((state) => !isObject(state));
  if (index >= 0) return `states[${index}] is not an object`;
  return undefined;
}

/** The canonical text of a definition whose `states` is an array of objects. */
export function formatDefinition(definition: FlowDefinition): string {
  return `${JSON.stringify(canonicalDefinition(definition), null, 2)}\n`;
}

export function canonicalDefinition(definition: FlowDefinition): FlowDefinition {
  const states = orderStates(definition).map(canonicalState);
  const top = orderKeys({ ...definition, states }, topLevelOrder);
  if (isObject(top.flags)) top.flags = orderKeys(top.flags, flagsOrder);
  return top as FlowDefinition;
}

function canonicalState(state: FlowState): FlowState {
  const canonical = orderKeys(state, stateOrder);
  if (Array.isArray(state.transitions)) canonical.transitions = state.transitions.map(canonicalTransition);
  if (isObject(state.properties)) canonical.properties = canonicalProperties(state.properties, state.type);
  return canonical as FlowState;
}

// Transitions and conditions keep their order: a split tests its matches in that order.
function canonicalTransition(transition: unknown): unknown {
  if (!isObject(transition)) return transition;
  const canonical = orderKeys(transition, transitionOrder);
  if (Array.isArray(transition.conditions)) {
    canonical.conditions = transition.conditions.map((condition) => (isObject(condition) ? orderKeys(condition, conditionOrder) : condition));
  }
  return canonical;
}

/** The widget's declared properties in declaration order, then any others alphabetically, `offset` last. */
function canonicalProperties(properties: LooseObject, type: unknown): LooseObject {
  const declared = typeof type === 'string' ? Object.keys(findWidget(type)?.properties ?? {}) : [];
  const { offset, ...rest } = properties;
  const canonical = orderKeys(rest, declared);
  if ('offset' in properties) canonical.offset = isObject(offset) ? orderKeys(offset, offsetOrder) : offset;
  return canonical;
}

/** A copy of `object` with the `known` keys first, in that order, then the rest alphabetically. */
function orderKeys(object: LooseObject, known: readonly string[]): LooseObject {
  const others = Object.keys(object).filter((key) => !known.includes(key)).sort(byCodeUnits);
  const ordered: LooseObject = {};
  for (const key of [...known, ...others]) if (key in object) ordered[key] = object[key];
  return ordered;
}

/**
 * The trigger first, then the widgets breadth-first along transitions in the widget's event
 * order, so that a file reads the way the flow runs; widgets no transition reaches come last,
 * by name.
 */
function orderStates(definition: FlowDefinition): FlowState[] {
  const byName = new Map<string, FlowState>();
  for (const state of definition.states) if (typeof state.name === 'string' && !byName.has(state.name)) byName.set(state.name, state);
  const trigger = byName.get(definition.initial_state) ?? definition.states.find((state) => state.type === 'trigger');
  const visited = new Set<FlowState>();
  const queue = trigger ? [trigger] : [];
  if (trigger) visited.add(trigger);
  for (let index = 0; index < queue.length; index++) {
    for (const transition of transitionsInEventOrder(queue[index])) {
      const next = typeof transition.next === 'string' ? byName.get(transition.next) : undefined;
      if (next && !visited.has(next)) {
        visited.add(next);
        queue.push(next);
      }
    }
  }
  const unreachable = definition.states.filter((state) => !visited.has(state));
  unreachable.sort((a, b) => byCodeUnits(String(a.name), String(b.name)));
  return [...queue, ...unreachable];
}

/** Transitions sorted by the widget's declared event order (stable, so a split's matches keep theirs). */
function transitionsInEventOrder(state: FlowState): Transition[] {
  if (!Array.isArray(state.transitions)) return [];
  const events = (typeof state.type === 'string' && findWidget(state.type)?.events) || [];
  const rank = (transition: Transition) => {
    const position = events.indexOf(transition.event);
    return position === -1 ? events.length : position;
  };
  return state.transitions.filter(isObject).map((transition) => transition as Transition).sort((a, b) => rank(a) - rank(b));
}

/** Plain code-unit order, the same on every machine and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
