import type { FlowDefinition, ValidationIssue, ValidationResult } from '../flow/definition.ts';
import { readFlowFile } from './read-flow-file.ts';

export interface FileValidation extends ValidationResult {
  file: string;
}

/** `switchboard validate`: every file's errors and warnings; exit code 1 if any is invalid. */
export async function validateCommand(files: string[], options: { json?: boolean }, print: (line: string) => void): Promise<number> {
  const results: FileValidation[] = [];
  for (const file of files) {
    const { result, definition } = await readFlowFile(file);
    results.push({ file, ...result });
    if (!options.json) printResult({ file, ...result }, definition, print);
  }
  if (options.json) print(JSON.stringify(results, null, 2));
  return results.every((result) => result.valid) ? 0 : 1;
}

function printResult(result: FileValidation, definition: FlowDefinition | undefined, print: (line: string) => void): void {
  const counts = `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
  print(`${result.file}: ${result.valid ? 'valid' : 'INVALID'} (${counts})`);
  const line = (kind: string) => (issue: ValidationIssue) =>
    print(`  ${kind} ${issue.property_path}${stateName(definition, issue.property_path)}: ${issue.message}`);
  result.errors.forEach(line('error  '));
  result.warnings.forEach(line('warning'));
}

/** ` (state "name")` for a path inside a state, so that a reader need not count states. */
function stateName(definition: FlowDefinition | undefined, path: string): string {
  const index = /^#\/states\/(\d+)/.exec(path)?.[1];
  const state: unknown = index === undefined ? undefined : definition?.states?.[Number(index)];
  const name = state && typeof state === 'object' ? (state as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? ` (state "${name}")` : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
