import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramFlow, type DiagramFlow } from '../../src/flow/diagram/diagram-flow.ts';
import { loadDefinition } from '../../src/flow/load-definition.ts';

/** The diagrams' sample flow: a loop, a split with named conditions, a join, an unreachable widget. */
export const diagramSampleJson = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'diagram-sample.json'), 'utf8');

/** A flow file's text, loaded the way the CLI loads it (legacy converted), ready to draw. */
export function diagramOf(json: string): DiagramFlow {
  return diagramFlow(loadDefinition(json).definition!);
}
