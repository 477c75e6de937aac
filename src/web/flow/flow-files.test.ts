import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../api/types.ts';
import { exportFileName, exportText, importedFlowName } from './flow-files.ts';

const definition: FlowDefinition = {
  description: 'Order bot',
  initial_state: 'Trigger',
  states: [{ name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [] }],
};

describe('importedFlowName', () => {
  it("takes the file's name without .json", () => {
    expect(importedFlowName('pizza-ivr.json', definition)).toBe('pizza-ivr');
    expect(importedFlowName('Flow.JSON', definition)).toBe('Flow');
  });

  it('falls back on the description, then on a plain name', () => {
    expect(importedFlowName(undefined, definition)).toBe('Order bot');
    expect(importedFlowName('.json', definition)).toBe('Order bot');
    expect(importedFlowName(undefined, { ...definition, description: '  ' })).toBe('Imported flow');
    expect(importedFlowName(undefined, { ...definition, description: undefined })).toBe('Imported flow');
  });
});

describe('exporting', () => {
  it('writes the definition pretty-printed, which reads back the same', () => {
    const text = exportText(definition);
    expect(text).toContain('\n  "description": "Order bot",\n');
    expect(JSON.parse(text)).toEqual(definition);
  });

  it('names the file after the flow, replacing what file systems refuse', () => {
    expect(exportFileName('order-bot')).toBe('order-bot.json');
    expect(exportFileName('a/b: "c"?')).toBe('a-b- -c--.json');
    expect(exportFileName('  ')).toBe('flow.json');
  });
});
