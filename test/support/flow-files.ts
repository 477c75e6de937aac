import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './child-process.ts';

/** The real exported flows beside the project (not part of it): absent on most machines. */
export const referenceFlowsDir = resolve(projectRoot, '../shared/reference/flows');

/** The paths of the example flows, then of the reference flows when that folder exists. */
export function exampleAndReferenceFlowFiles(): string[] {
  return [...jsonFilesIn(join(projectRoot, 'examples')), ...jsonFilesIn(referenceFlowsDir)];
}

function jsonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => file.endsWith('.json')).sort().map((file) => join(dir, file));
}
