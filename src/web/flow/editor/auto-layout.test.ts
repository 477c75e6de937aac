import { describe, expect, it } from 'vitest';
import { layoutDefinition, needsLayout } from './auto-layout.ts';
import { smsFlow } from './test-fixtures.ts';

describe('auto-layout', () => {
  it('is needed when every offset is missing or all are the same', () => {
    const flow = smsFlow();
    expect(needsLayout(flow)).toBe(false);
    const missing = { ...flow, states: flow.states.map((state) => ({ ...state, properties: { ...state.properties, offset: undefined } })) };
    expect(needsLayout(missing)).toBe(true);
    const stacked = { ...flow, states: flow.states.map((state) => ({ ...state, properties: { ...state.properties, offset: { x: 3, y: 3 } } })) };
    expect(needsLayout(stacked)).toBe(true);
    const onlyTriggerPlaced = { ...missing, states: [flow.states[0], ...missing.states.slice(1)] };
    expect(needsLayout(onlyTriggerPlaced)).toBe(true);
    expect(needsLayout({ ...flow, states: [flow.states[0]] })).toBe(false);
  });

  it('places widgets top to bottom along transitions without overlaps', () => {
    const laid = layoutDefinition(smsFlow(), () => ({ width: 200, height: 80 }));
    const at = (name: string) => laid.states.find((state) => state.name === name)!.properties.offset!;
    expect(at('Trigger').y).toBeLessThan(at('ask').y);
    expect(at('ask').y).toBeLessThan(at('split_1').y);
    expect(at('split_1').y).toBeLessThan(at('send_message_1').y);
    const boxes = laid.states.map((state) => state.properties.offset!);
    for (const [index, box] of boxes.entries()) {
      for (const other of boxes.slice(index + 1)) expect(Math.abs(box.x - other.x) >= 200 || Math.abs(box.y - other.y) >= 80).toBe(true);
    }
  });
});
