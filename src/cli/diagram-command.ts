import { writeFile } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { diagramFlow, type DiagramFlow } from '../flow/diagram/diagram-flow.ts';
import { flowOutline } from '../flow/diagram/flow-outline.ts';
import { flowHtml } from '../flow/diagram/html.ts';
import { flowMermaid } from '../flow/diagram/mermaid.ts';
import { flowSvg } from '../flow/diagram/svg.ts';
import { readFlowFile } from './read-flow-file.ts';

const drawings = {
  ascii: flowOutline,
  mermaid: flowMermaid,
  html: flowHtml,
  svg: flowSvg,
} satisfies Record<string, (flow: DiagramFlow) => string>;

export type DiagramFormat = keyof typeof drawings;

/**
 * `switchboard diagram`: draws a flow file, to stdout or `--output`. A flow with validation
 * errors is still drawn (a picture helps to find them); a file that is no flow at all is exit 1.
 */
export async function diagramCommand(file: string, options: { format: DiagramFormat; output?: string }, print: (line: string) => void): Promise<number> {
  const { definition, result } = await readFlowFile(file);
  if (!definition) {
    print(`${file}: not a flow: ${result.errors.map((error) => error.message).join('; ')}`);
    return 1;
  }
  const diagram = drawings[options.format](diagramFlow(definition));
  if (options.output === undefined) {
    print(diagram);
    return 0;
  }
  try {
    await writeFile(options.output, diagram.endsWith('\n') ? diagram : `${diagram}\n`);
  } catch (error) {
    print(`error: cannot write ${options.output}: ${describeError(error)}`);
    return 1;
  }
  return 0;
}
