import { stat } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { readInput } from './read-input.ts';
import { loadDefinition, maxDefinitionBytes, unreadable, type LoadedDefinition } from '../flow/load-definition.ts';

/** Reads and validates a flow file ("-" for stdin); an unreadable file is a validation error. */
export async function readFlowFile(path: string): Promise<LoadedDefinition> {
  let text: string;
  try {
    if (path !== '-' && (await stat(path)).size > maxDefinitionBytes) {
      return unreadable(`The file is larger than ${maxDefinitionBytes} bytes`);
    }
    text = await readInput(path);
  } catch (error) {
    return unreadable(`Cannot read the file: ${describeError(error)}`);
  }
  return loadDefinition(text);
}
