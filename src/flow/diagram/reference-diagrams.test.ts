import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { diagramOf } from '../../../test/support/diagram-sample.ts';
import { flowOutline } from './flow-outline.ts';
import { flowMermaid } from './mermaid.ts';
import { flowSvg } from './svg.ts';

/** The real exported flows beside the project (skipped when that folder is absent): every format draws every widget. */
const flowsDir = path.resolve(import.meta.dirname, '../../../../shared/reference/flows');
const flowFiles = existsSync(flowsDir) ? readdirSync(flowsDir).filter((file) => file.endsWith('.json')).sort() : [];

describe.skipIf(flowFiles.length === 0)('diagrams of the reference flows', () => {
  it.each(flowFiles)('%s', (file) => {
    const flow = diagramOf(readFileSync(path.join(flowsDir, file), 'utf8'));
    expect(flow.widgets.length).toBeGreaterThan(1);
    const outline = flowOutline(flow);
    expect(outline).toMatch(/^1 - \S+ \(trigger\)/);
    for (const widget of flow.widgets) {
      expect(outline).toContain(` ${widget.name} (${widget.type})`);
      expect(flowMermaid(flow)).toContain(`["${widget.name}<br/>`);
    }
    expect(XMLValidator.validate(flowSvg(flow))).toBe(true);
  });
});
