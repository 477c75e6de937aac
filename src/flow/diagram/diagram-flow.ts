import { findWidget } from '../../widgets/registry.ts';
import { transitionTarget, type FlowDefinition, type Transition } from '../definition.ts';

/**
 * What every diagram format draws, read once from a definition that may be invalid: a diagram
 * of a broken flow is how one finds what is broken, so nothing here assumes validation passed.
 */
export interface DiagramFlow {
  title: string;
  /** The widget the flow starts at (the Trigger), if there is one. */
  start: DiagramWidget | undefined;
  widgets: DiagramWidget[];
  byName: ReadonlyMap<string, DiagramWidget>;
  /** Names of the widgets a path from the start reaches, the start included. */
  reachable: ReadonlySet<string>;
}

export interface DiagramWidget {
  name: string;
  type: string;
  /** One line that says what the widget does: its text, its input, its URL. */
  summary: string;
  /** One per event the widget can leave by, in the declaration's event order; a split has one per condition row. */
  ports: DiagramPort[];
  offset: { x: number; y: number } | undefined;
}

export interface DiagramPort {
  event: string;
  /** A split row's friendly name, which says more than `match`. */
  condition?: string;
  /** The widget the transition leads to; absent when the event ends the flow. */
  next?: string;
}

const conditionEvent = 'match';
const summaryLength = 60;
// The property that says what a widget does, for the widgets whose first required property does not.
const headlineProperties = ['body', 'say', 'input', 'url', 'variables', 'function_sid', 'flow_sid', 'to', 'play'];

export function diagramFlow(definition: FlowDefinition): DiagramFlow {
  const states = Array.isArray(definition.states) ? definition.states : [];
  const widgets: DiagramWidget[] = [];
  const byName = new Map<string, DiagramWidget>();
  for (const state of states) {
    if (!isObject(state) || typeof state.name !== 'string' || byName.has(state.name)) continue;
    const properties = isObject(state.properties) ? state.properties : {};
    const type = typeof state.type === 'string' ? state.type : '?';
    const transitions = Array.isArray(state.transitions) ? state.transitions.filter(isTransition) : [];
    const widget = { name: state.name, type, summary: summarise(type, properties), ports: portsOf(type, transitions), offset: offsetOf(properties.offset) };
    widgets.push(widget);
    byName.set(widget.name, widget);
  }
  const start = byName.get(definition.initial_state) ?? widgets.find((widget) => widget.type === 'trigger');
  return { title: typeof definition.description === 'string' ? definition.description : '', start, widgets, byName, reachable: reachableFrom(start, byName) };
}

/** What a port is called on a drawing: a split row's friendly name, else the event. */
export function portName(port: DiagramPort): string {
  return port.condition ?? port.event;
}

function portsOf(type: string, transitions: Transition[]): DiagramPort[] {
  const declared = findWidget(type)?.events ?? [];
  const events = [...new Set([...declared, ...transitions.map((transition) => transition.event)])];
  return events.flatMap((event) => {
    const matching = transitions.filter((transition) => transition.event === event);
    if (matching.length === 0) return [{ event }];
    return matching.map((transition, index) => ({
      event,
      ...(event === conditionEvent ? { condition: conditionName(transition, index) } : {}),
      ...(transitionTarget(transition) === undefined ? {} : { next: transitionTarget(transition) }),
    }));
  });
}

function conditionName(transition: Transition, index: number): string {
  const name = Array.isArray(transition.conditions) ? transition.conditions[0]?.friendly_name : undefined;
  return typeof name === 'string' && name !== '' ? name : String(index + 1);
}

function summarise(type: string, properties: Record<string, unknown>): string {
  const required = Object.entries(findWidget(type)?.properties ?? {}).filter(([, spec]) => spec.required).map(([key]) => key);
  for (const key of [...headlineProperties, ...required]) {
    const text = describeValue(properties[key]);
    if (text) return text.length > summaryLength ? `${text.slice(0, summaryLength - 1)}…` : text;
  }
  return '';
}

/** Text as one line; a `{key, value}` list (set-variables) as its keys. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number') return String(value);
  if (!Array.isArray(value)) return '';
  return value.map((item: unknown) => (isObject(item) && typeof item.key === 'string' ? item.key : undefined)).filter(Boolean).join(', ');
}

function reachableFrom(start: DiagramWidget | undefined, byName: ReadonlyMap<string, DiagramWidget>): Set<string> {
  const reached = new Set<string>();
  const pending = start ? [start] : [];
  for (let widget = pending.pop(); widget; widget = pending.pop()) {
    if (reached.has(widget.name)) continue;
    reached.add(widget.name);
    for (const port of widget.ports) {
      const target = port.next === undefined ? undefined : byName.get(port.next);
      if (target && !reached.has(target.name)) pending.push(target);
    }
  }
  return reached;
}

function offsetOf(value: unknown): { x: number; y: number } | undefined {
  return isObject(value) && Number.isFinite(value.x) && Number.isFinite(value.y) ? { x: value.x as number, y: value.y as number } : undefined;
}

function isTransition(value: unknown): value is Transition {
  return isObject(value) && typeof value.event === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
