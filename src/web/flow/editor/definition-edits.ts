import type { Condition, FlowDefinition, Transition, WidgetState, WidgetTypeJson } from '../../api/types.ts';
import { conditionEvent, handleIdsOfTransitions } from './widget-handles.ts';

/**
 * Edits of a flow definition. Each returns a new definition and leaves the states it did not
 * touch as they were (same objects), so the canvas redraws only what changed.
 */

export type Offset = { x: number; y: number };

/** Studio's rule for widget names. */
export const widgetNamePattern = /^[A-Za-z0-9_]+$/;

/** The stems Studio gives new widgets where they differ from the type's own name. */
const studioNameStems: Record<string, string> = {
  'split-based-on': 'split',
  'send-and-wait-for-reply': 'send_and_reply',
  'run-function': 'function',
  'gather-input-on-call': 'gather',
  'make-http-request': 'http',
};

export function nameStem(type: string): string {
  return studioNameStems[type] ?? type.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `stem_N` with the smallest N ≥ 1 not taken. */
export function uniqueName(stem: string, taken: ReadonlySet<string>): string {
  for (let number = 1; ; number++) {
    const name = `${stem}_${number}`;
    if (!taken.has(name)) return name;
  }
}

export function stateNames(definition: FlowDefinition): Set<string> {
  return new Set(definition.states.map((state) => state.name));
}

/** A new widget as Studio writes one: the declaration's defaults and one transition per event. */
export function newWidget(declaration: WidgetTypeJson, name: string, offset: Offset): WidgetState {
  const properties: WidgetState['properties'] = {};
  for (const [key, spec] of Object.entries(declaration.properties)) {
    if (spec.default !== null && spec.default !== undefined) properties[key] = spec.default;
  }
  properties.offset = roundOffset(offset);
  const transitions = declaration.events.filter((event) => event !== conditionEvent).map((event) => ({ event }));
  return { name, type: declaration.type, transitions, properties };
}

export function addWidget(definition: FlowDefinition, declaration: WidgetTypeJson, offset: Offset): { definition: FlowDefinition; name: string } {
  const name = uniqueName(nameStem(declaration.type), stateNames(definition));
  return { definition: { ...definition, states: [...definition.states, newWidget(declaration, name, offset)] }, name };
}

export function updateWidget(definition: FlowDefinition, name: string, update: (state: WidgetState) => WidgetState): FlowDefinition {
  return { ...definition, states: definition.states.map((state) => (state.name === name ? update(state) : state)) };
}

export function setProperty(definition: FlowDefinition, name: string, key: string, value: unknown): FlowDefinition {
  return updateWidget(definition, name, (state) => {
    const properties = { ...state.properties };
    if (value === undefined) delete properties[key];
    else properties[key] = value;
    return { ...state, properties };
  });
}

/** Why a new name is refused, or undefined when it is fine. */
export function renameProblem(definition: FlowDefinition, from: string, to: string): string | undefined {
  if (to === from) return undefined;
  if (!widgetNamePattern.test(to)) return 'Use only letters, digits and underscores';
  if (definition.states.some((state) => state.name === to)) return `${to} is already a widget's name`;
  return undefined;
}

/** Renames a widget; the transitions to it (and the initial state) follow. */
export function renameWidget(definition: FlowDefinition, from: string, to: string): FlowDefinition {
  return {
    ...definition,
    initial_state: definition.initial_state === from ? to : definition.initial_state,
    states: definition.states.map((state) => {
      const renamed = state.name === from ? { ...state, name: to } : state;
      if (!renamed.transitions.some((transition) => transition.next === from)) return renamed;
      return { ...renamed, transitions: renamed.transitions.map((transition) => (transition.next === from ? { ...transition, next: to } : transition)) };
    }),
  };
}

function isTrigger(definition: FlowDefinition, state: WidgetState): boolean {
  return state.name === definition.initial_state || state.type === 'trigger';
}

/** Deletes widgets (never the Trigger) and clears the transitions that led to them. */
export function deleteWidgets(definition: FlowDefinition, names: ReadonlySet<string>): FlowDefinition {
  const doomed = new Set(definition.states.filter((state) => names.has(state.name) && !isTrigger(definition, state)).map((state) => state.name));
  if (doomed.size === 0) return definition;
  return {
    ...definition,
    states: definition.states.filter((state) => !doomed.has(state.name)).map((state) => {
      if (!state.transitions.some((transition) => transition.next !== undefined && doomed.has(transition.next))) return state;
      return { ...state, transitions: state.transitions.map((transition) => (transition.next !== undefined && doomed.has(transition.next) ? withoutNext(transition) : transition)) };
    }),
  };
}

function withoutNext({ next: _next, ...rest }: Transition): Transition {
  return rest;
}

/** Points one of a widget's handles at `target` (undefined: nowhere), adding the event if missing. */
export function setTransition(definition: FlowDefinition, from: string, handleId: string, target: string | undefined): FlowDefinition {
  return updateWidget(definition, from, (state) => {
    const ids = handleIdsOfTransitions(state);
    const index = ids.indexOf(handleId);
    const change = (transition: Transition) => (target === undefined ? withoutNext(transition) : { ...transition, next: target });
    if (index >= 0) return { ...state, transitions: state.transitions.map((transition, at) => (at === index ? change(transition) : transition)) };
    if (handleId.includes('#') || target === undefined) return state;
    return { ...state, transitions: [...state.transitions, { event: handleId, next: target }] };
  });
}

/** Sets the offsets of widgets that moved. */
export function moveWidgets(definition: FlowDefinition, offsets: ReadonlyMap<string, Offset>): FlowDefinition {
  return {
    ...definition,
    states: definition.states.map((state) => {
      const offset = offsets.get(state.name);
      return offset ? { ...state, properties: { ...state.properties, offset: roundOffset(offset) } } : state;
    }),
  };
}

function roundOffset(offset: Offset): Offset {
  return { x: Math.round(offset.x), y: Math.round(offset.y) };
}

/** A split's condition rows: its match transitions, each with its first condition. */
export interface ConditionRow {
  condition: Condition;
  next: string | undefined;
}

export function conditionRows(state: WidgetState): ConditionRow[] {
  return state.transitions.filter((transition) => transition.event === conditionEvent).map((transition) => ({
    condition: transition.conditions?.[0] ?? { friendly_name: '', arguments: [], type: 'equal_to', value: '' },
    next: transition.next,
  }));
}

/** Writes a split's rows back as match transitions, after the other transitions. */
export function setConditionRows(definition: FlowDefinition, name: string, rows: ConditionRow[]): FlowDefinition {
  return updateWidget(definition, name, (state) => ({
    ...state,
    transitions: [
      ...state.transitions.filter((transition) => transition.event !== conditionEvent),
      ...rows.map((row) => ({ event: conditionEvent, ...(row.next === undefined ? {} : { next: row.next }), conditions: [row.condition] })),
    ],
  }));
}

/** Studio's generated friendly name of a condition row. */
export function defaultConditionName(type: string, value: string): string {
  return `If value ${type} ${value}`.trim();
}

/** Copies of the named widgets (never the Trigger), for pasting. */
export function copyWidgets(definition: FlowDefinition, names: ReadonlySet<string>): WidgetState[] {
  return definition.states.filter((state) => names.has(state.name) && !isTrigger(definition, state));
}

/**
 * Pastes copied widgets with new unique names, shifted by `shift`. Transitions among the pasted
 * widgets follow the new names; transitions to widgets outside the copy are dropped.
 */
export function pasteWidgets(definition: FlowDefinition, copied: WidgetState[], shift: Offset): { definition: FlowDefinition; names: string[] } {
  const taken = stateNames(definition);
  const renames = new Map<string, string>();
  for (const state of copied) {
    const name = uniqueName(state.name.replace(/_\d+$/, ''), taken);
    taken.add(name);
    renames.set(state.name, name);
  }
  const pasted = copied.map((state): WidgetState => {
    const offset = state.properties.offset ?? { x: 0, y: 0 };
    return {
      ...state,
      name: renames.get(state.name)!,
      properties: { ...state.properties, offset: roundOffset({ x: offset.x + shift.x, y: offset.y + shift.y }) },
      transitions: state.transitions.map((transition) => {
        if (transition.next === undefined) return transition;
        const next = renames.get(transition.next);
        return next ? { ...transition, next } : withoutNext(transition);
      }),
    };
  });
  return { definition: { ...definition, states: [...definition.states, ...pasted] }, names: pasted.map((state) => state.name) };
}

type Size = { width: number; height: number };
const spacing = 40;

/** The first place from `wanted` rightwards where a widget of `size` overlaps no other widget. */
export function freeOffset(definition: FlowDefinition, wanted: Offset, size: Size, sizeOf: (state: WidgetState) => Size): Offset {
  const boxes = definition.states.map((state) => ({ ...(state.properties.offset ?? { x: 0, y: 0 }), ...sizeOf(state) }));
  const place = { ...wanted };
  for (;;) {
    const blocking = boxes.find((box) => place.x < box.x + box.width + spacing && box.x < place.x + size.width + spacing && place.y < box.y + box.height && box.y < place.y + size.height);
    if (!blocking) return place;
    place.x = blocking.x + blocking.width + spacing;
  }
}

/**
 * A saved definition the editor can draw: a draft may be invalid, so states without a
 * transitions list or a properties object get empty ones (the validator still reports them).
 */
export function drawableDefinition(definition: FlowDefinition): FlowDefinition {
  const states = Array.isArray(definition.states) ? definition.states : [];
  const drawable = (state: WidgetState) => Array.isArray(state.transitions) && state.properties !== null && typeof state.properties === 'object';
  if (states === definition.states && states.every(drawable)) return definition;
  return {
    ...definition,
    states: states.filter((state) => state !== null && typeof state === 'object').map((state) => (drawable(state) ? state : {
      ...state,
      name: String(state.name ?? ''),
      transitions: Array.isArray(state.transitions) ? state.transitions : [],
      properties: state.properties !== null && typeof state.properties === 'object' ? state.properties : {},
    })),
  };
}
