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
 * errors is still drawn (a picture helps to find them); a file with no widget to draw is exit 1.
 */
export async function diagramCommand(file: string, options: { format: DiagramFormat; output?: string }, print: (line: string) => void): Promise<number> {
  const { definition, result } = await readFlowFile(file);
  const flow = definition && diagramFlow(definition);
  // Not even one widget to draw: the file is some other JSON, and its errors say why.
  if (!flow || flow.widgets.length === 0) {
    const problems = result.errors.map((error) => `${error.property_path === '#' ? '' : `${error.property_path}: `}${error.message}`);
    print(`${file}: not a flow: ${problems.join('; ') || 'it has no widgets'}`);
    return 1;
  }
  const diagram = drawings[options.format](flow);
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
