import type { Transition, WidgetState, WidgetTypeJson } from '../../api/types.ts';

/**
 * Studio's split writes one `match` transition per condition row, so that event gets one
 * handle per transition; every other event has exactly one handle.
 */
export const conditionEvent = 'match';

/** One source handle of a widget node: an event it can leave by. */
export interface WidgetHandle {
  /** The handle's id on the node: the event, or `match#k` for the k-th match transition. */
  id: string;
  event: string;
  label: string;
}

/** Where each handle goes (`next`, if any). */
export interface HandleTarget {
  handle: WidgetHandle;
  next: string | undefined;
}

// Edits keep the states they do not touch, so a state object's handles are worked out once: a
// drag in a 2,000-widget flow then recomputes only the moving widget's.
const computed = new WeakMap<WidgetState, { declaration: WidgetTypeJson | undefined; handles: WidgetHandle[]; targets: HandleTarget[] }>();

function handlesAndTargets(state: WidgetState, declaration: WidgetTypeJson | undefined) {
  const cached = computed.get(state);
  if (cached && cached.declaration === declaration) return cached;
  const handles = drawHandles(state, declaration);
  const entry = { declaration, handles, targets: handles.map((handle) => ({ handle, next: transitionOfHandle(state, handle.id)?.next })) };
  computed.set(state, entry);
  return entry;
}

/** The node's handles, drawn from the declaration's events (a split: its rows, then noMatch). */
export function widgetHandles(state: WidgetState, declaration: WidgetTypeJson | undefined): WidgetHandle[] {
  return handlesAndTargets(state, declaration).handles;
}

/** Each handle with the widget its transition goes to. */
export function handleTargets(state: WidgetState, declaration: WidgetTypeJson | undefined): HandleTarget[] {
  return handlesAndTargets(state, declaration).targets;
}

function drawHandles(state: WidgetState, declaration: WidgetTypeJson | undefined): WidgetHandle[] {
  const events = declaration?.events ?? [...new Set(state.transitions.map((transition) => transition.event))];
  const handles: WidgetHandle[] = [];
  for (const event of events) {
    if (event !== conditionEvent) {
      handles.push({ id: event, event, label: event });
      continue;
    }
    state.transitions.filter((transition) => transition.event === conditionEvent).forEach((transition, index) => {
      handles.push({ id: `${conditionEvent}#${index}`, event, label: transition.conditions?.[0]?.friendly_name || `${conditionEvent} ${index + 1}` });
    });
  }
  return handles;
}

/** The transition a handle stands for, if the state has one. */
export function transitionOfHandle(state: WidgetState, handleId: string): Transition | undefined {
  const [event, position] = handleId.split('#');
  if (position === undefined) return state.transitions.find((transition) => transition.event === event);
  return state.transitions.filter((transition) => transition.event === event)[Number(position)];
}

/** The handle id of each transition, in transition order (undefined for undeclared events). */
export function handleIdsOfTransitions(state: WidgetState): string[] {
  let matches = 0;
  return state.transitions.map((transition) => (transition.event === conditionEvent ? `${conditionEvent}#${matches++}` : transition.event));
}
