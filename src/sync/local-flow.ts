import { basename, resolve } from 'node:path';
import { readFlowFile } from '../cli/read-flow-file.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { notAFlow } from '../flow/format-definition.ts';
import { loadDefinition } from '../flow/load-definition.ts';
import { substitutePlaceholders, type Environment } from './environments.ts';
import { SyncError } from './sync-error.ts';
import { definitionHash } from './sync-state.ts';

/** A flow file as sync sees it: its definition with placeholders, and the name of the flow it makes. */
export interface LocalFlow {
  path: string;
  /** The file's name, the key in the sync state. */
  file: string;
  /** The friendly name a new remote flow gets: the file name without `.json`. */
  friendlyName: string;
  definition: FlowDefinition;
  hash: string;
}

/** Reads a flow file (v2 or legacy); a file that is not a flow is an error naming it. */
export async function readLocalFlow(path: string): Promise<LocalFlow> {
  // resolve: always the file, even one named "-" (which readFlowFile takes for stdin).
  const { definition, result } = await readFlowFile(resolve(path));
  const problem = definition ? notAFlow(definition) : result.errors[0]?.message;
  if (!definition || problem) throw new SyncError(`${path}: not a flow: ${problem}`);
  const file = basename(path);
  return { path, file, friendlyName: file.replace(/\.json$/i, ''), definition, hash: definitionHash(definition) };
}

/** The definition to send: placeholders filled in from the environment, and valid by the local checks. */
export function definitionForRemote(flow: LocalFlow, environment: Environment | undefined): FlowDefinition {
  const definition = substitutePlaceholders(flow.definition, environment, flow.path) as FlowDefinition;
  const { result } = loadDefinition(definition);
  if (!result.valid) {
    const [first, ...more] = result.errors;
    throw new SyncError(`${flow.path}: invalid flow: ${first.property_path}: ${first.message}${more.length ? ` (and ${more.length} more; see switchboard validate)` : ''}`);
  }
  return definition;
}
