import { parseTree, type ParseError } from 'jsonc-parser';
import type { FlowDefinition, ValidationIssue, ValidationResult } from './definition.ts';
import { maxJsonDepth, nestsDeeperThan } from './json-depth.ts';
import { convertLegacyDefinition, isLegacyDefinition } from './legacy-import.ts';
import { validateDefinition } from './validate.ts';

/** Definitions larger than this are refused before parsing. */
export const maxDefinitionBytes = 5 * 1024 * 1024;

export interface LoadedDefinition {
  /** The v2 definition, converted from the legacy format when needed; absent when unreadable. */
  definition?: FlowDefinition;
  legacy: boolean;
  result: ValidationResult;
}

/**
 * The one entry point for a definition from outside: JSON text or an already parsed value, in
 * the v2 or the legacy format. It never throws; every problem is a validation error.
 */
export function loadDefinition(input: unknown): LoadedDefinition {
  let value = input;
  if (typeof input === 'string') {
    const bytes = new TextEncoder().encode(input).length;
    if (bytes > maxDefinitionBytes) return unreadable(`the definition is ${bytes} bytes; the limit is ${maxDefinitionBytes}`);
    try {
      value = JSON.parse(input);
    } catch (error) {
      return unreadable(`JSON syntax error: ${jsonErrorWithPosition(input, error)}`);
    }
  }
  if (nestsDeeperThan(value)) return unreadable(`the definition nests objects and arrays more than ${maxJsonDepth} deep`);
  const legacy = isLegacyDefinition(value);
  const definition = legacy ? convertLegacyDefinition(value as Record<string, unknown>) : value;
  const result = validateDefinition(definition);
  if (legacy) {
    result.warnings.unshift({
      message: 'The definition was in the legacy (pre-2019) Studio format and was converted to the v2 format',
      property_path: '#',
    });
  }
  return { definition: result.errors.some(isUnreadable) ? undefined : (definition as FlowDefinition), legacy, result };
}

/** The result for input that is not a definition at all. */
export function unreadable(message: string): LoadedDefinition {
  return { legacy: false, result: { valid: false, errors: [{ message, property_path: '#' }], warnings: [] } };
}

/** The definition's root is not an object at all, so nothing can be made of it. */
function isUnreadable(issue: ValidationIssue): boolean {
  return issue.property_path === '#' && issue.message.startsWith('The definition must be');
}

/**
 * JSON.parse's message with the line and column of the first fault. V8 names no position for
 * many faults, so jsonc-parser (a strict JSON scanner here) finds it.
 */
function jsonErrorWithPosition(text: string, error: unknown): string {
  const message = (error as Error).message.replace(/ \(line \d+ column \d+\)$/, '');
  const faults: ParseError[] = [];
  parseTree(text, faults, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const offset = faults[0]?.offset ?? Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (Number.isNaN(offset)) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
