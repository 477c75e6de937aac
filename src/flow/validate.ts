import { createStudioLiquid, type StudioLiquid } from '../liquid/studio-liquid.ts';
import { defaultEngineOptions } from '../engine/options.ts';
import { checkRegex, isConditionType, conditionTypes } from '../widgets/split-conditions.ts';
import { findWidget } from '../widgets/registry.ts';
import type { JsonType, PropertySpec, WidgetDeclaration } from '../widgets/widget.ts';
import type { ValidationIssue, ValidationResult } from './definition.ts';
import { channelWarnings } from './channel-warnings.ts';

/** Studio's product limit on widgets in one flow (81025). */
export const maxStates = 2000;

type LooseObject = Record<string, unknown>;
const isObject = (value: unknown): value is LooseObject => value !== null && typeof value === 'object' && !Array.isArray(value);

let liquidChecker: StudioLiquid | undefined;
function liquid(): StudioLiquid {
  liquidChecker ??= createStudioLiquid({
    now: () => 0,
    timezone: defaultEngineOptions.liquidTimezone,
    maxLoopIterations: defaultEngineOptions.maxLiquidLoopIterations,
    maxRenderedBytes: defaultEngineOptions.maxRenderedBytes,
    maxRenderMs: defaultEngineOptions.maxRenderMs,
  });
  return liquidChecker;
}

/**
 * Validates a v2 definition the way Studio's FlowValidate does: the envelope, every state's type,
 * events, targets and property JSON types. Warnings cover unreachable widgets, widgets whose
 * channel cannot be live where they are reached, Liquid syntax, and split quirks. It accepts
 * any value and never throws.
 */
export function validateDefinition(definition: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const error = (property_path: string, message: string) => errors.push({ message, property_path });
  const warn = (property_path: string, message: string) => warnings.push({ message, property_path });

  if (!isObject(definition)) {
    error('#', `The definition must be a JSON object, but it is ${describeType(definition)}`);
    return { valid: false, errors, warnings };
  }
  if ('description' in definition && typeof definition.description !== 'string') {
    error('#/description', typeMessage(definition.description, ['string']));
  }
  if ('flags' in definition) {
    if (!isObject(definition.flags)) error('#/flags', typeMessage(definition.flags, ['object']));
    else if (typeof definition.flags.allow_concurrent_calls !== 'boolean') {
      error('#/flags/allow_concurrent_calls', 'allow_concurrent_calls is required and must be a boolean');
    }
  }
  const states = definition.states;
  if (!Array.isArray(states) || states.length === 0) {
    error('#/states', Array.isArray(states) ? 'The flow must have at least one state' : typeMessage(states, ['array']));
    return { valid: false, errors, warnings };
  }
  if (states.length > maxStates) {
    error('#/states', `The flow has ${states.length} widgets; Studio allows at most ${maxStates} (error 81025)`);
  }

  const names = new Map<string, number>();
  states.forEach((state, index) => {
    if (isObject(state) && typeof state.name === 'string') {
      if (names.has(state.name)) error(`#/states/${index}/name`, `Duplicate state name "${state.name}" (also used by state ${names.get(state.name)})`);
      else names.set(state.name, index);
    }
  });

  const initial = definition.initial_state;
  if (typeof initial !== 'string' || initial === '') {
    error('#/initial_state', 'initial_state is required and must name the trigger state');
  } else if (!names.has(initial)) {
    error('#/initial_state', `initial_state "${initial}" names no state`);
  } else if ((states[names.get(initial)!] as LooseObject).type !== 'trigger') {
    error('#/initial_state', `initial_state "${initial}" must be a trigger widget`);
  }

  states.forEach((state, index) => checkState(state, `#/states/${index}`, names, error, warn));
  if (errors.length === 0) warnings.push(...channelWarnings(definition as never));
  return { valid: errors.length === 0, errors, warnings };
}

type Report = (path: string, message: string) => void;

function checkState(state: unknown, path: string, names: Map<string, number>, error: Report, warn: Report): void {
  if (!isObject(state)) return error(path, typeMessage(state, ['object']));
  if (typeof state.name !== 'string' || state.name === '') error(`${path}/name`, 'Every state needs a name');
  if (typeof state.type !== 'string') return error(`${path}/type`, typeMessage(state.type, ['string']));
  const widget = findWidget(state.type);
  if (!widget) return error(`${path}/type`, `Unknown widget type "${state.type}"`);
  if (!Array.isArray(state.transitions)) return error(`${path}/transitions`, typeMessage(state.transitions, ['array']));
  if (!isObject(state.properties)) return error(`${path}/properties`, typeMessage(state.properties, ['object']));

  checkTransitions(state, widget, path, names, error, warn);
  checkProperties(state.properties, widget, `${path}/properties`, error, warn);
}

function checkTransitions(state: LooseObject, widget: WidgetDeclaration, path: string, names: Map<string, number>, error: Report, warn: Report): void {
  const seen = new Set<string>();
  (state.transitions as unknown[]).forEach((transition, index) => {
    const at = `${path}/transitions/${index}`;
    if (!isObject(transition)) return error(at, typeMessage(transition, ['object']));
    const { event, next } = transition;
    if (typeof event !== 'string') return error(`${at}/event`, typeMessage(event, ['string']));
    if (!widget.events.includes(event)) {
      return error(`${at}/event`, `"${event}" is not an event of ${widget.type}; its events are ${widget.events.join(', ')}`);
    }
    if (event !== 'match') {
      if (seen.has(event)) error(`${at}/event`, `The event "${event}" has more than one transition`);
      seen.add(event);
    }
    if (next !== undefined && next !== null && typeof next !== 'string') error(`${at}/next`, typeMessage(next, ['string']));
    else if (typeof next === 'string' && next !== '' && !names.has(next)) error(`${at}/next`, `"${next}" names no state`);
    if (widget.type === 'split-based-on' && event === 'match') checkConditions(transition.conditions, state, at, error, warn);
    else if (Array.isArray(transition.conditions) && transition.conditions.length > 0) {
      error(`${at}/conditions`, `Only the match transitions of split-based-on have conditions`);
    }
  });
  if (widget.type === 'split-based-on' && !seen.has('noMatch')) error(`${path}/transitions`, 'A split needs exactly one noMatch transition');
}

function checkConditions(conditions: unknown, state: LooseObject, at: string, error: Report, warn: Report): void {
  if (!Array.isArray(conditions) || conditions.length === 0) return error(`${at}/conditions`, 'A match transition needs a condition');
  conditions.forEach((condition, index) => {
    const path = `${at}/conditions/${index}`;
    if (!isObject(condition)) return error(path, typeMessage(condition, ['object']));
    if (typeof condition.type !== 'string' || !isConditionType(condition.type)) {
      return error(`${path}/type`, `Unknown condition type ${JSON.stringify(condition.type)}; the types are ${conditionTypes.join(', ')}`);
    }
    if (typeof condition.value !== 'string') error(`${path}/value`, typeMessage(condition.value, ['string']));
    else if (condition.type === 'regex' && !condition.value.includes('{{')) {
      const problem = checkRegex(condition.value);
      if (problem) error(`${path}/value`, `Not a valid regular expression: ${problem}`);
    }
    if (!Array.isArray(condition.arguments) || condition.arguments.some((argument) => typeof argument !== 'string')) {
      error(`${path}/arguments`, 'arguments must be an array of strings');
    } else if (isObject(state.properties) && condition.arguments[0] !== undefined && condition.arguments[0] !== state.properties.input) {
      warn(`${path}/arguments`, `arguments[0] "${condition.arguments[0]}" differs from the split's input "${String(state.properties.input)}"; the input is tested`);
    }
  });
}

function checkProperties(properties: LooseObject, widget: WidgetDeclaration, path: string, error: Report, warn: Report): void {
  for (const [key, spec] of Object.entries(widget.properties)) {
    const value = properties[key];
    const at = `${path}/${key}`;
    if (value === undefined) {
      if (spec.required) error(at, `${key} is required`);
      continue;
    }
    if (value === null && spec.nullable) continue;
    if (!spec.types.some((type) => matchesType(value, type))) {
      error(at, typeMessage(value, spec.types));
      continue;
    }
    checkValue(value, spec, at, error, warn);
  }
  for (const problem of widget.check?.(properties) ?? []) error(`${path}/${problem.property}`, problem.message);
}

function checkValue(value: unknown, spec: PropertySpec, at: string, error: Report, warn: Report): void {
  if (typeof value === 'string') {
    if (spec.enum && !value.includes('{{') && !spec.enum.includes(value)) {
      error(at, `"${value}" is not one of ${spec.enum.map((item) => `"${item}"`).join(', ')}`);
    }
    if (spec.liquid) checkLiquid(value, at, warn);
  }
  if (spec.keyValueItems && Array.isArray(value)) {
    value.forEach((item, index) => {
      if (!isObject(item) || typeof item.key !== 'string') error(`${at}/${index}`, 'Each item needs a string key and a value');
      else if (typeof item.value === 'string') checkLiquid(item.value, `${at}/${index}/value`, warn);
    });
  }
}

function checkLiquid(template: string, at: string, warn: Report): void {
  const problem = liquid().check(template);
  if (problem) warn(at, `Liquid syntax error: ${problem}`);
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = describeType(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Studio's wording: "integer found, string expected". */
function typeMessage(value: unknown, expected: readonly string[]): string {
  if (value === undefined) return `missing, ${expected.join(' or ')} expected`;
  return `${describeType(value)} found, ${expected.join(' or ')} expected`;
}
