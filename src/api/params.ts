import { SwitchboardError, type ErrorName } from '../errors.ts';

/** Request parameters as Fastify parses them: form fields repeat into arrays. */
export type Params = Record<string, unknown>;

export function asParams(value: unknown): Params {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Params) : {};
}

/** A single string parameter, or undefined when absent. A repeated one is refused. */
export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new SwitchboardError('invalidParameter', `${name} was given more than once`);
  return fieldText(name, value);
}

/** One value as text. A JSON body may give a number or a boolean, but not an object or null. */
export function fieldText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
  throw new SwitchboardError('invalidParameter', `${name} must be text, not ${kind}`);
}

/** Form or query parameters as text; a repeated one stays a list. */
export function textParams(value: unknown): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, item] of Object.entries(asParams(value))) {
    params[key] = Array.isArray(item) ? item.map((entry) => fieldText(key, entry)) : fieldText(key, item);
  }
  return params;
}

/** A non-empty string parameter; when absent, `missing` (or 20001 naming the parameter). */
export function requiredString(params: Params, name: string, missing?: ErrorName): string {
  const value = optionalString(params, name);
  if (value !== undefined && value !== '') return value;
  if (missing) throw new SwitchboardError(missing);
  throw SwitchboardError.worded('invalidParameter', `Missing required parameter ${name} in the post body`);
}

/** A parameter that may repeat (`MediaUrl`, `TestUsers`), as a list. */
export function stringList(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => fieldText(name, item));
}

export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  if (!match) throw new SwitchboardError('invalidParameter', `${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return match;
}

/** An ISO 8601 date parameter, as an ISO string. */
export function optionalDate(params: Params, name: string): string | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!withinFourDigitYears(time)) throw new SwitchboardError('invalidParameter', `${name} must be an ISO 8601 date from year 0000 to 9999, not "${value}"`);
  return new Date(time).toISOString();
}

const earliestTime = Date.parse('0000-01-01T00:00:00.000Z');
const latestTime = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Whether a time (from Date.parse) is a date with a four-digit year. Later or earlier dates are
 * near JavaScript's limit, where adding a day gives an invalid date.
 */
export function withinFourDigitYears(time: number): boolean {
  return time >= earliestTime && time <= latestTime;
}

/** An http or https URL parameter; `''` (which clears a URL) passes as it is. */
export function optionalHttpUrl(params: Params, name: string): string | undefined {
  const url = optionalString(params, name);
  if (url === undefined || url === '' || isHttpUrl(url)) return url;
  throw new SwitchboardError('invalidParameter', `${name} "${url}" is not an http or https URL`);
}

/** Whether the text is an absolute http or https URL. */
export function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export function requiredOneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T {
  requiredString(params, name);
  return oneOf(params, name, allowed)!;
}

/**
 * Twilio's date filters on a list: `Name=YYYY-MM-DD` is that day, `Name<` before and `Name>`
 * on or after the given date. Answers ISO bounds: `after` inclusive, `before` exclusive.
 */
export function dayRange(query: Params, name: string): { after?: string; before?: string } {
  const day = (key: string) => {
    const value = optionalString(query, key);
    if (value === undefined) return undefined;
    const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!withinFourDigitYears(time)) throw new SwitchboardError('invalidParameter', `${key} must be a date like 2026-01-31, not "${value}"`);
    return time;
  };
  const on = day(name);
  const before = day(`${name}<`);
  const after = day(`${name}>`);
  const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
  if (on !== undefined) return { after: iso(on), before: iso(on + 86_400_000) };
  return { after: iso(after), before: iso(before) };
}

/** One value a parameter: a repeated one keeps its last. */
export function lastValues(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? (value.at(-1) ?? '') : value]));
}
