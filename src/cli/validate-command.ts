import type { ValidationIssue, ValidationResult } from '../flow/definition.ts';
import { readFlowFile } from './read-flow-file.ts';

export interface FileValidation extends ValidationResult {
  file: string;
}

/** `switchboard validate`: every file's errors and warnings; exit code 1 if any is invalid. */
export async function validateCommand(files: string[], options: { json?: boolean }, print: (line: string) => void): Promise<number> {
  const results: FileValidation[] = [];
  for (const file of files) {
    const { result } = await readFlowFile(file);
    results.push({ file, ...result });
  }
  if (options.json) print(JSON.stringify(results, null, 2));
  else for (const result of results) printResult(result, print);
  return results.every((result) => result.valid) ? 0 : 1;
}

function printResult(result: FileValidation, print: (line: string) => void): void {
  const counts = `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
  print(`${result.file}: ${result.valid ? 'valid' : 'INVALID'} (${counts})`);
  const line = (kind: string) => (issue: ValidationIssue) => print(`  ${kind} ${issue.property_path}: ${issue.message}`);
  result.errors.forEach(line('error  '));
  result.warnings.forEach(line('warning'));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
