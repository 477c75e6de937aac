import type { FlowDefinition, Transition, WidgetState } from '../api/types.ts';

/** One value that differs; `undefined` on a side means the value is absent there. */
export interface ValueChange {
  /** A readable path: `body`, `parameters[1].value`, `flags.allow_concurrent_calls`. */
  path: string;
  before: unknown;
  after: unknown;
}

/** A transition whose target or conditions differ, or that exists on one side only. */
export interface TransitionChange {
  /** The event, numbered for a split's `match` transitions: `noMatch`, `match #2`. */
  label: string;
  /** The first condition's friendly name, for a conditional transition. */
  condition: string | undefined;
  /** The widget it leads to, `undefined` for none. */
  nextBefore: string | undefined;
  nextAfter: string | undefined;
  /** The split conditions that differ: `conditions[0].value`. */
  conditions: ValueChange[];
}

export interface WidgetChange {
  name: string;
  typeBefore: string;
  typeAfter: string;
  /** The widget's canvas position changed; kept apart so it does not read as a property change. */
  moved: boolean;
  properties: ValueChange[];
  transitions: TransitionChange[];
}

export interface FlowDiff {
  added: WidgetState[];
  removed: WidgetState[];
  changed: WidgetChange[];
  /** `initial_state`, `description` and `flags.*`. */
  flow: ValueChange[];
}

/** What changed from one flow definition to another, widget by widget (matched by name). */
export function diffFlows(before: FlowDefinition, after: FlowDefinition): FlowDiff {
  const beforeByName = new Map(before.states.map((state) => [state.name, state]));
  const afterNames = new Set(after.states.map((state) => state.name));
  const changed: WidgetChange[] = [];
  for (const state of after.states) {
    const old = beforeByName.get(state.name);
    const change = old && diffWidget(old, state);
    if (change) changed.push(change);
  }
  return {
    added: after.states.filter((state) => !beforeByName.has(state.name)),
    removed: before.states.filter((state) => !afterNames.has(state.name)),
    changed,
    flow: diffValues(flowSettings(before), flowSettings(after)),
  };
}

export function hasChanges(diff: FlowDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + diff.flow.length > 0;
}

/** A value as short one-line JSON for a diff row; `undefined` (absent) reads as "none". */
export function shortJson(value: unknown, maxLength = 80): string {
  if (value === undefined) return 'none';
  const text = JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function diffWidget(before: WidgetState, after: WidgetState): WidgetChange | undefined {
  const { offset: offsetBefore, ...propertiesBefore } = before.properties ?? {};
  const { offset: offsetAfter, ...propertiesAfter } = after.properties ?? {};
  const change: WidgetChange = {
    name: after.name,
    typeBefore: before.type,
    typeAfter: after.type,
    moved: offsetBefore?.x !== offsetAfter?.x || offsetBefore?.y !== offsetAfter?.y,
    properties: diffValues(flatten(propertiesBefore), flatten(propertiesAfter)),
    transitions: diffTransitions(before.transitions ?? [], after.transitions ?? []),
  };
  const same = change.typeBefore === change.typeAfter && !change.moved && change.properties.length === 0 && change.transitions.length === 0;
  return same ? undefined : change;
}

/**
 * Transitions are matched by event, and a split's several `match` transitions by their order:
 * Studio names conditions after their value ("If value equal_to 1"), so a name is no identity.
 * A plain event missing on one side is the same as one with no `next`.
 */
function diffTransitions(before: Transition[], after: Transition[]): TransitionChange[] {
  const beforeByLabel = labelled(before);
  const afterByLabel = labelled(after);
  const changes: TransitionChange[] = [];
  for (const label of new Set([...afterByLabel.keys(), ...beforeByLabel.keys()])) {
    const old = beforeByLabel.get(label);
    const current = afterByLabel.get(label);
    const nextBefore = old?.next || undefined;
    const nextAfter = current?.next || undefined;
    const conditions = diffValues(conditionsOf(old), conditionsOf(current));
    if (nextBefore !== nextAfter || conditions.length > 0) {
      const condition = (current ?? old)?.conditions?.[0]?.friendly_name;
      changes.push({ label, condition, nextBefore, nextAfter, conditions });
    }
  }
  return changes;
}

/** `noMatch`, `match #1`, `match #2`: the event, numbered when it has conditions or repeats. */
function labelled(transitions: Transition[]): Map<string, Transition> {
  const byLabel = new Map<string, Transition>();
  const seen = new Map<string, number>();
  for (const transition of transitions) {
    const count = (seen.get(transition.event) ?? 0) + 1;
    seen.set(transition.event, count);
    const numbered = count > 1 || (transition.conditions?.length ?? 0) > 0;
    byLabel.set(numbered ? `${transition.event} #${count}` : transition.event, transition);
  }
  return byLabel;
}

/** A transition's conditions by path; none and an empty list are the same. */
function conditionsOf(transition: Transition | undefined): Map<string, unknown> {
  return flatten(transition?.conditions?.length ? { conditions: transition.conditions } : {});
}

function flowSettings(definition: FlowDefinition): Map<string, unknown> {
  return flatten({ initial_state: definition.initial_state, description: definition.description, flags: definition.flags ?? {} });
}

/** Leaf values by readable path; empty objects and arrays are leaves, so emptying one shows. */
function flatten(value: Record<string, unknown>): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  const visit = (path: string, item: unknown) => {
    if (Array.isArray(item) && item.length > 0) item.forEach((element, index) => visit(`${path}[${index}]`, element));
    else if (isPlainObject(item) && Object.keys(item).length > 0) {
      for (const [key, element] of Object.entries(item)) visit(`${path}.${key}`, element);
    } else if (item !== undefined) leaves.set(path, item);
  };
  for (const [key, item] of Object.entries(value)) visit(key, item);
  return leaves;
}

function diffValues(before: Map<string, unknown>, after: Map<string, unknown>): ValueChange[] {
  const changes: ValueChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const [old, current] = [before.get(path), after.get(path)];
    if (JSON.stringify(old) !== JSON.stringify(current)) changes.push({ path, before: old, after: current });
  }
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
