import type { Condition, FlowDefinition, FlowState, Transition } from './definition.ts';

/**
 * A semantic diff of two flow definitions, for the CLI's `switchboard diff` and the web app's
 * revisions panel. Pure and DOM-free, so that the web bundle may import it.
 */

/**
 * What the diff reads of a definition: the server's types without their index signatures, and
 * with `description` and the flags optional, so that the web app's copy of them fits too.
 */
export type DiffedFlow = Pick<FlowDefinition, 'initial_state'> & { description?: string; flags?: Partial<FlowDefinition['flags']>; states: DiffedState[] };
export type DiffedState = Pick<FlowState, 'name' | 'type' | 'properties'> & { transitions: DiffedTransition[] };
export type DiffedTransition = Pick<Transition, 'event' | 'next'> & { conditions?: Pick<Condition, 'friendly_name' | 'arguments' | 'type' | 'value'>[] };

export interface DiffOptions {
  /** Report widgets moved on the canvas (`offset`), which are layout, not behaviour, otherwise. */
  layout?: boolean;
}

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
  /** The widget it leads to, `undefined` for none; by its name after when it only followed a rename. */
  nextBefore: string | undefined;
  nextAfter: string | undefined;
  /** The split conditions that differ: `conditions[0].value`. */
  conditions: ValueChange[];
}

export type Offset = { x: number; y: number };

export interface WidgetChange {
  name: string;
  /** The name it had before, when it was renamed. */
  renamedFrom: string | undefined;
  typeBefore: string;
  typeAfter: string;
  /** The canvas position before and after: only with the layout option, kept apart from properties. */
  moved: { before: Offset | undefined; after: Offset | undefined } | undefined;
  properties: ValueChange[];
  transitions: TransitionChange[];
}

/** A widget found under a new name: its type is the same and its properties nearly so. */
export interface WidgetRename {
  from: string;
  to: string;
  type: string;
}

export interface FlowDiff {
  added: DiffedState[];
  removed: DiffedState[];
  renamed: WidgetRename[];
  /** Widgets that differ beyond their name, by their name after. */
  changed: WidgetChange[];
  /** `initial_state`, `description` and `flags.*`. */
  flow: ValueChange[];
}

/**
 * How much of two widgets' properties and transitions must be the same for a widget removed and
 * one added to read as one widget renamed: "the same, or nearly", so one value in five may differ.
 */
const renameSimilarity = 0.8;

/**
 * What changed from one flow definition to another, widget by widget: matched by name, then a
 * widget removed and one added are paired as a rename when they are nearly the same. Transitions
 * and `initial_state` that follow a rename are no change. Key order, widget order, transition
 * uuids and (unless `options.layout`) canvas offsets are ignored.
 */
export function diffFlows(before: DiffedFlow, after: DiffedFlow, options: DiffOptions = {}): FlowDiff {
  const beforeNames = new Set(before.states.map((state) => state.name));
  const afterNames = new Set(after.states.map((state) => state.name));
  const removed = before.states.filter((state) => !afterNames.has(state.name));
  const added = after.states.filter((state) => !beforeNames.has(state.name));
  const renames = findRenames(removed, added);
  const newNameOf = (name: string | undefined) => (name === undefined ? undefined : (renames.get(name) ?? name));

  const beforeByNewName = new Map(before.states.map((state) => [newNameOf(state.name)!, state]));
  const changed: WidgetChange[] = [];
  for (const state of after.states) {
    const old = beforeByNewName.get(state.name);
    const change = old && diffWidget(old, state, newNameOf, options);
    if (change) changed.push(change);
  }
  const oldNameOf = new Map([...renames].map(([from, to]) => [to, from]));
  return {
    added: added.filter((state) => !oldNameOf.has(state.name)),
    removed: removed.filter((state) => !renames.has(state.name)),
    renamed: added.filter((state) => oldNameOf.has(state.name)).map((state) => ({ from: oldNameOf.get(state.name)!, to: state.name, type: state.type })),
    changed,
    flow: diffValues(flowSettings(before, newNameOf), flowSettings(after, (name) => name)),
  };
}

export function hasChanges(diff: FlowDiff): boolean {
  return diff.added.length + diff.removed.length + diff.renamed.length + diff.changed.length + diff.flow.length > 0;
}

/** "1 widget added, 2 widgets changed, flow settings changed.", or "No differences." */
export function summarizeDiff(diff: FlowDiff): string {
  const widgets = (count: number, what: string) => (count > 0 ? [`${count} ${count === 1 ? 'widget' : 'widgets'} ${what}`] : []);
  const parts = [
    ...widgets(diff.added.length, 'added'),
    ...widgets(diff.removed.length, 'removed'),
    ...widgets(diff.renamed.length, 'renamed'),
    ...widgets(diff.changed.length, 'changed'),
  ];
  if (diff.flow.length > 0) parts.push('flow settings changed');
  if (parts.length === 0) return 'No differences.';
  return `${parts.join(', ')}.`.replace(/^./, (first) => first.toUpperCase());
}

/** A value as short one-line JSON for a diff row; `undefined` (absent) reads as "none". */
export function shortJson(value: unknown, maxLength = 80): string {
  if (value === undefined) return 'none';
  const text = JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Old name → new name, pairing each removed widget with the most similar added widget of its
 * type; ties go to the earlier widget in the flow, so that the pairing is stable.
 */
function findRenames(removed: DiffedState[], added: DiffedState[]): Map<string, string> {
  const candidates: { from: string; to: string; similarity: number }[] = [];
  for (const old of removed) {
    for (const current of added) {
      if (old.type !== current.type) continue;
      const similarity = similarityOf(identityLeaves(old), identityLeaves(current));
      if (similarity >= renameSimilarity) candidates.push({ from: old.name, to: current.name, similarity });
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity);
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  for (const { from, to } of candidates) {
    if (renames.has(from) || taken.has(to)) continue;
    renames.set(from, to);
    taken.add(to);
  }
  return renames;
}

/**
 * What makes a widget itself: its properties but the offset, and where its transitions lead and
 * on what conditions. The events alone are left out: every widget of a type has the same ones,
 * and counting them would make any two widgets of a type look alike.
 */
function identityLeaves(state: DiffedState): Map<string, unknown> {
  const { offset: _offset, ...properties } = propertiesOf(state);
  const transitions = Object.fromEntries(
    [...labelled(transitionsOf(state))].map(([label, transition]) => [label, { next: transition.next || undefined, conditions: transition.conditions?.length ? transition.conditions : undefined }]),
  );
  return flatten({ properties, transitions });
}

/** The share of leaves equal on both sides; two empty widgets are the same. */
function similarityOf(before: Map<string, unknown>, after: Map<string, unknown>): number {
  const paths = new Set([...before.keys(), ...after.keys()]);
  if (paths.size === 0) return 1;
  const same = [...paths].filter((path) => JSON.stringify(before.get(path)) === JSON.stringify(after.get(path))).length;
  return same / paths.size;
}

function diffWidget(
  before: DiffedState,
  after: DiffedState,
  newNameOf: (name: string | undefined) => string | undefined,
  options: DiffOptions,
): WidgetChange | undefined {
  const { offset: offsetBefore, ...propertiesBefore } = propertiesOf(before);
  const { offset: offsetAfter, ...propertiesAfter } = propertiesOf(after);
  const moved = offsetBefore?.x !== offsetAfter?.x || offsetBefore?.y !== offsetAfter?.y;
  const change: WidgetChange = {
    name: after.name,
    renamedFrom: before.name === after.name ? undefined : before.name,
    typeBefore: before.type,
    typeAfter: after.type,
    moved: options.layout && moved ? { before: offsetBefore, after: offsetAfter } : undefined,
    properties: diffValues(flatten(propertiesBefore), flatten(propertiesAfter)),
    transitions: diffTransitions(transitionsOf(before), transitionsOf(after), newNameOf),
  };
  const same = change.typeBefore === change.typeAfter && !change.moved && change.properties.length === 0 && change.transitions.length === 0;
  return same ? undefined : change;
}

/**
 * Transitions are matched by event, and a split's several `match` transitions by their order:
 * Studio names conditions after their value ("If value equal_to 1"), so a name is no identity.
 * A plain event missing on one side is the same as one with no `next`; a `next` that followed
 * its widget's rename is unchanged.
 */
function diffTransitions(before: DiffedTransition[], after: DiffedTransition[], newNameOf: (name: string | undefined) => string | undefined): TransitionChange[] {
  const beforeByLabel = labelled(before);
  const afterByLabel = labelled(after);
  const changes: TransitionChange[] = [];
  for (const label of new Set([...afterByLabel.keys(), ...beforeByLabel.keys()])) {
    const old = beforeByLabel.get(label);
    const current = afterByLabel.get(label);
    const nextBefore = old?.next || undefined;
    const nextAfter = current?.next || undefined;
    const conditions = diffValues(conditionsOf(old), conditionsOf(current));
    const followedRename = newNameOf(nextBefore) === nextAfter;
    if (!followedRename || conditions.length > 0) {
      const condition = (current ?? old)?.conditions?.[0]?.friendly_name;
      changes.push({ label, condition, nextBefore: followedRename ? nextAfter : nextBefore, nextAfter, conditions });
    }
  }
  return changes;
}

/** `noMatch`, `match #1`, `match #2`: the event, numbered when it has conditions or repeats. */
function labelled(transitions: DiffedTransition[]): Map<string, DiffedTransition> {
  const byLabel = new Map<string, DiffedTransition>();
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
function conditionsOf(transition: DiffedTransition | undefined): Map<string, unknown> {
  return flatten(transition?.conditions?.length ? { conditions: transition.conditions } : {});
}

/** The start widget is compared by its name after any rename, so that following one is no change. */
function flowSettings(definition: DiffedFlow, newNameOf: (name: string | undefined) => string | undefined): Map<string, unknown> {
  return flatten({ initial_state: newNameOf(definition.initial_state), description: definition.description, flags: definition.flags ?? {} });
}

/** A state's properties and transitions, tolerating a hand-edited file that leaves them out. */
function propertiesOf(state: DiffedState): DiffedState['properties'] {
  return isPlainObject(state.properties) ? state.properties : {};
}

function transitionsOf(state: DiffedState): DiffedTransition[] {
  return Array.isArray(state.transitions) ? state.transitions.filter(isPlainObject) as DiffedTransition[] : [];
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
