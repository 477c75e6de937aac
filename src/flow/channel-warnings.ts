import { findWidget } from '../widgets/registry.ts';
import { transitionTarget, type FlowDefinition, type ValidationIssue } from './definition.ts';

/** How an execution got to a widget: what it was started by, or a call placed on the way. */
type Origin = 'messaging' | 'voice' | 'request' | 'parent';

const originOfTriggerEvent: Record<string, Origin> = {
  incomingMessage: 'messaging',
  incomingConversationMessage: 'messaging',
  incomingCall: 'voice',
  incomingRequest: 'request',
  incomingParent: 'parent',
};

/**
 * Warnings for widgets no execution can reach, and for widgets reached only where their
 * channel cannot be live: a voice widget with no call (from a message or a REST trigger that
 * placed no call), or a messaging-only widget reached only from calls. Expects a valid flow.
 */
export function channelWarnings(definition: FlowDefinition): ValidationIssue[] {
  const indexByName = new Map(definition.states.map((state, index) => [state.name, index]));
  const origins = new Map<string, Set<Origin>>();
  const queue: Array<[string, Origin]> = [];
  const reach = (name: string | undefined, origin: Origin) => {
    if (name === undefined) return;
    const seen = origins.get(name) ?? new Set<Origin>();
    if (seen.has(origin)) return;
    seen.add(origin);
    origins.set(name, seen);
    queue.push([name, origin]);
  };

  const trigger = definition.states[indexByName.get(definition.initial_state)!];
  origins.set(trigger.name, new Set());
  for (const transition of trigger.transitions) {
    const origin = originOfTriggerEvent[transition.event];
    if (origin) reach(transitionTarget(transition), origin);
  }
  while (queue.length > 0) {
    const [name, origin] = queue.shift()!;
    const state = definition.states[indexByName.get(name)!];
    const widget = findWidget(state.type);
    for (const transition of state.transitions) {
      reach(transitionTarget(transition), widget?.callEvents?.includes(transition.event) ? 'voice' : origin);
    }
  }

  const warnings: ValidationIssue[] = [];
  definition.states.forEach((state, index) => {
    const path = `#/states/${index}`;
    const reached = origins.get(state.name);
    if (!reached) {
      warnings.push({ message: `${state.name} cannot be reached from the trigger`, property_path: path });
      return;
    }
    const channel = findWidget(state.type)?.channel;
    const from = [...reached].join(', ');
    if (channel === 'voice' && reached.size > 0 && !reached.has('voice') && !reached.has('parent')) {
      warnings.push({ message: `${state.name} is a voice widget, but it is reached only from ${from}, where no call is live`, property_path: path });
    }
    if (channel === 'messaging' && reached.size > 0 && [...reached].every((origin) => origin === 'voice')) {
      warnings.push({ message: `${state.name} is a messaging widget, but it is reached only during a call`, property_path: path });
    }
  });
  return warnings;
}
