import type { FlowDefinition, WidgetTypeJson } from '../../api/types.ts';

/**
 * Autocomplete for Liquid fields: what `{{ … }}` may name at a widget, from Studio's Liquid
 * context. `flow.*` always; `trigger.*` for the trigger events that lead to the widget;
 * `widgets.<name>.*` and `flow.variables.*` only from the widgets upstream of it, since only
 * those can have run before it.
 */

/** Studio's trigger parameters per trigger event (studio-spec §5.1). */
const triggerFields: Record<string, { namespace: string; fields: string[] }> = {
  incomingMessage: {
    namespace: 'trigger.message',
    fields: ['Body', 'From', 'To', 'MessageSid', 'AccountSid', 'MessagingServiceSid', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'FromCity', 'FromState', 'FromZip', 'FromCountry', 'ToCity', 'ToState', 'ToZip', 'ToCountry'],
  },
  incomingCall: {
    namespace: 'trigger.call',
    fields: ['CallSid', 'From', 'To', 'Called', 'Caller', 'CallStatus', 'Direction', 'AccountSid', 'ApiVersion', 'FromCity', 'FromState', 'FromZip', 'FromCountry', 'CallerName'],
  },
  incomingConversationMessage: {
    namespace: 'trigger.conversation',
    fields: ['Body', 'From', 'ConversationSid', 'MessageSid', 'ChannelSid', 'MessagingServiceSid', 'Source', 'DateCreated', 'AccountSid'],
  },
  incomingRequest: { namespace: 'trigger.request', fields: ['from', 'to', 'parameters'] },
  incomingParent: { namespace: 'trigger.parent', fields: ['parameters', 'step_sid', 'execution_sid', 'flow_sid', 'trigger_type'] },
};

const flowFields = ['flow.flow_sid', 'flow.sid', 'flow.channel.address', 'flow.data', 'contact.channel.address'];

/** The names of the widgets from which `name` can be reached. */
export function upstreamOf(definition: FlowDefinition, name: string): Set<string> {
  const sources = new Map<string, string[]>();
  for (const state of definition.states) {
    for (const transition of state.transitions) {
      if (transition.next !== undefined) sources.set(transition.next, [...(sources.get(transition.next) ?? []), state.name]);
    }
  }
  const seen = new Set<string>();
  const waiting = [name];
  while (waiting.length > 0) {
    for (const source of sources.get(waiting.pop()!) ?? []) {
      if (!seen.has(source)) {
        seen.add(source);
        waiting.push(source);
      }
    }
  }
  return seen;
}

/** Every variable a Liquid field of widget `name` can name, in a useful order. */
export function liquidCandidates(definition: FlowDefinition, types: ReadonlyMap<string, WidgetTypeJson>, name: string): string[] {
  const upstream = upstreamOf(definition, name);
  const upstreamStates = definition.states.filter((state) => upstream.has(state.name));
  const candidates = new Set<string>(flowFields);
  for (const match of JSON.stringify(definition.states.map((state) => state.properties)).matchAll(/flow\.data\.([A-Za-z0-9_]+)/g)) {
    candidates.add(`flow.data.${match[1]}`);
  }
  for (const state of upstreamStates) {
    for (const key of variableKeys(state.properties.variables)) candidates.add(`flow.variables.${key}`);
  }
  const trigger = definition.states.find((state) => state.name === definition.initial_state);
  for (const transition of trigger?.transitions ?? []) {
    const context = triggerFields[transition.event];
    if (!context || transition.next === undefined || (transition.next !== name && !upstream.has(transition.next))) continue;
    candidates.add(context.namespace);
    for (const field of context.fields) candidates.add(`${context.namespace}.${field}`);
  }
  for (const state of upstreamStates) {
    const outputs = [...(types.get(state.type)?.outputs ?? []), ...variableKeys(state.properties.variables)];
    for (const output of outputs) candidates.add(`widgets.${state.name}.${output}`);
  }
  return [...candidates];
}

/** The keys a set-variables widget stores (its `variables` items). */
function variableKeys(variables: unknown): string[] {
  if (!Array.isArray(variables)) return [];
  return variables.flatMap((item: unknown) => (item && typeof item === 'object' && typeof (item as { key?: unknown }).key === 'string' && (item as { key: string }).key ? [(item as { key: string }).key] : []));
}

/** The Liquid variable being typed at the caret: from just after `{{` (and spaces) to the caret. */
export interface LiquidToken {
  from: number;
  to: number;
  prefix: string;
}

export function liquidTokenAt(text: string, caret: number): LiquidToken | undefined {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return undefined;
  const typed = before.slice(open + 2);
  const prefix = typed.trimStart();
  if (!/^[A-Za-z0-9_.-]*$/.test(prefix)) return undefined;
  return { from: caret - prefix.length, to: caret, prefix };
}

/** The candidates that start with what was typed, then those that contain it. */
export function matchSuggestions(candidates: string[], prefix: string, limit = 30): string[] {
  const wanted = prefix.toLowerCase();
  const starting = candidates.filter((candidate) => candidate.toLowerCase().startsWith(wanted));
  const containing = candidates.filter((candidate) => !candidate.toLowerCase().startsWith(wanted) && candidate.toLowerCase().includes(wanted));
  return [...starting, ...containing].filter((candidate) => candidate !== prefix).slice(0, limit);
}

/**
 * Puts a suggestion in place of the token and closes the `}}` when it is not closed yet. The
 * caret stays just after the name, so a path can go on (`widgets.ask.inbound` then `.Body`).
 */
export function insertSuggestion(text: string, token: LiquidToken, suggestion: string): { text: string; caret: number } {
  const after = text.slice(token.to);
  const closing = /^[A-Za-z0-9_.-]*\s*}}/.test(after) ? '' : '}}';
  const rest = after.replace(/^[A-Za-z0-9_.-]*/, '');
  return { text: text.slice(0, token.from) + suggestion + closing + rest, caret: token.from + suggestion.length };
}
