import { readFile, stat } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { loadDefinition, maxDefinitionBytes, unreadable, type LoadedDefinition } from '../flow/load-definition.ts';

/** Reads and validates a flow file ("-" for stdin); an unreadable file is a validation error. */
export async function readFlowFile(path: string): Promise<LoadedDefinition> {
  let text: string;
  try {
    if (path !== '-' && (await stat(path)).size > maxDefinitionBytes) {
      return unreadable(`The file is larger than ${maxDefinitionBytes} bytes`);
    }
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    return unreadable(`Cannot read the file: ${describeError(error)}`);
  }
  return loadDefinition(text);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
