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
  if (typeof value !== 'string') return String(value);
  return value;
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
  return (Array.isArray(value) ? value : [value]).map(String);
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
  if (Number.isNaN(time)) throw new SwitchboardError('invalidParameter', `${name} must be an ISO 8601 date, not "${value}"`);
  return new Date(time).toISOString();
}

export function requiredOneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T {
  requiredString(params, name);
  return oneOf(params, name, allowed)!;
}
