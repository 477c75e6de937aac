import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describeError } from '../errors.ts';
import { SyncError } from './sync-error.ts';

/**
 * Environments files map account-specific values (function, queue and workflow SIDs, numbers,
 * URLs) to placeholders, so that one flow file deploys to dev, staging and production:
 *
 *   environments:
 *     dev:  { values: { FUNCTION_SID: ZS…, SUPPORT_NUMBER: "+1…" } }
 *     prod: { values: { … } }
 *
 * Flow files hold `${FUNCTION_SID}` inside strings; push puts the chosen environment's values
 * in, and pull puts the placeholders back.
 */
export interface Environment {
  name: string;
  /** Where it was read from, for messages. */
  file: string;
  values: Record<string, string>;
}

const placeholderPattern = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
type Json = unknown;
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads one environment of an environments file (YAML or JSON); every fault is a usage error. */
export async function loadEnvironment(file: string, name: string): Promise<Environment> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SyncError(`${file}: cannot read the environments file: ${describeError(error)}`, 2);
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new SyncError(`${file}: not YAML or JSON: ${describeError(error).split('\n')[0]}`, 2);
  }
  const environments = isObject(parsed) ? parsed.environments : undefined;
  if (!isObject(environments)) throw new SyncError(`${file}: the file must hold an "environments" object`, 2);
  const environment = environments[name];
  if (environment === undefined) {
    throw new SyncError(`${file}: no environment "${name}" (the file has ${Object.keys(environments).join(', ') || 'none'})`, 2);
  }
  const values = isObject(environment) ? environment.values : undefined;
  if (!isObject(values)) throw new SyncError(`${file}: environments.${name} must hold a "values" object`, 2);
  for (const [key, value] of Object.entries(values)) {
    if (!namePattern.test(key)) throw new SyncError(`${file}: environments.${name}.values.${key}: a placeholder name is letters, digits and _`, 2);
    // YAML reads an unquoted +15551234567 as a number, which would lose the +.
    if (typeof value !== 'string' || value === '') {
      throw new SyncError(`${file}: environments.${name}.values.${key} must be a non-empty string (quote phone numbers and SIDs in YAML)`, 2);
    }
  }
  return { name, file, values: values as Record<string, string> };
}

/** The placeholder names used in any string of a value, in first-use order. */
export function placeholdersIn(value: Json): string[] {
  const names = new Set<string>();
  forEachString(value, (text) => {
    for (const match of text.matchAll(placeholderPattern)) names.add(match[1]);
  });
  return [...names];
}

/**
 * The definition with every placeholder replaced by the environment's value. A placeholder
 * without a value is an error naming the file, the placeholder and the environment.
 */
export function substitutePlaceholders(definition: Json, environment: Environment | undefined, file: string): Json {
  const missing = placeholdersIn(definition).filter((name) => environment?.values[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((name) => `\${${name}}`).join(', ');
    throw new SyncError(
      environment
        ? `${file}: ${names} has no value in environment "${environment.name}" of ${environment.file}`
        : `${file}: ${names} needs an environment: pass --env FILE --environment NAME`,
    );
  }
  if (!environment) return definition;
  return mapStrings(definition, (text) => text.replace(placeholderPattern, (_, name: string) => environment.values[name]));
}

/**
 * The definition with each of the environment's values put back as its placeholder, longest
 * value first so that a value inside another does not split it. Refused when pushing the result
 * would not give the same definition back (the remote already holds `${…}` text).
 */
export function restorePlaceholders(definition: Json, environment: Environment, flowName: string): Json {
  const entries = Object.entries(environment.values).sort(([, a], [, b]) => b.length - a.length);
  const restored = mapStrings(definition, (text) => entries.reduce((result, [name, value]) => result.split(value).join(`\${${name}}`), text));
  let roundTrip: Json;
  try {
    roundTrip = substitutePlaceholders(restored, environment, flowName);
  } catch {
    roundTrip = undefined;
  }
  if (JSON.stringify(roundTrip) !== JSON.stringify(definition)) {
    throw new SyncError(`${flowName}: the values of environment "${environment.name}" cannot be mapped back to placeholders unambiguously (the flow already holds \${…} text, or one value contains another)`);
  }
  return restored;
}

function forEachString(value: Json, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => forEachString(item, visit));
  else if (isObject(value)) Object.values(value).forEach((item) => forEachString(item, visit));
}

function mapStrings(value: Json, map: (text: string) => string): Json {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}
