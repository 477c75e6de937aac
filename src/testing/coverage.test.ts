import { describe, expect, it } from 'vitest';
import type { Step } from '../engine/execution-state.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { coverageTable, flowCoverage, percent } from './coverage.ts';

const state = (name: string, type: string, transitions: Array<[string, string?]>) => ({
  name,
  type,
  properties: {},
  transitions: transitions.map(([event, next]) => (next ? { event, next } : { event })),
});

const definition = {
  description: 'split',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    state('Trigger', 'trigger', [['incomingMessage', 'route'], ['incomingCall']]),
    state('route', 'split-based-on', [['noMatch', 'other'], ['match', 'yes'], ['match', 'no']]),
    state('yes', 'send-message', [['sent'], ['failed']]),
    state('no', 'send-message', [['sent'], ['failed']]),
    state('other', 'send-message', [['sent'], ['failed']]),
  ],
} as unknown as FlowDefinition;

const step = (from: string, name: string, to: string) => ({ transitioned_from: from, name, transitioned_to: to }) as Step;

describe('flowCoverage', () => {
  it("counts every widget but the Trigger, and each wired transition, a split's matches apart", () => {
    const coverage = flowCoverage('split.json', definition, [step('Trigger', 'incomingMessage', 'route'), step('route', 'match', 'yes'), step('yes', 'sent', 'Ended')]);
    expect(coverage).toMatchObject({ widgetsEntered: 2, widgetCount: 4, transitionsTaken: 2, transitionCount: 4 });
    expect(coverage.widgets[1].transitions).toEqual([
      { event: 'noMatch', next: 'other', taken: false },
      { event: 'match', next: 'yes', taken: true },
      { event: 'match', next: 'no', taken: false },
    ]);
  });

  it('counts two conditions that lead to the same widget once', () => {
    const twice = { ...definition, states: [definition.states[0], state('route', 'split-based-on', [['noMatch', 'other'], ['match', 'yes'], ['match', 'yes']]), ...definition.states.slice(2)] } as FlowDefinition;
    const coverage = flowCoverage('split.json', twice, [step('Trigger', 'incomingMessage', 'route'), step('route', 'match', 'yes')]);
    expect(coverage.widgets[1].transitions).toEqual([
      { event: 'noMatch', next: 'other', taken: false },
      { event: 'match', next: 'yes', taken: true },
    ]);
    expect(coverage).toMatchObject({ transitionsTaken: 2, transitionCount: 3 });
  });

  it('prints a table with the totals first', () => {
    const lines = coverageTable(flowCoverage('split.json', definition, [step('Trigger', 'incomingMessage', 'route'), step('route', 'noMatch', 'other')]));
    expect(lines[0]).toBe('split.json: widgets 2/4 (50%), transitions 2/4 (50%)');
    expect(lines).toContain('  ✓ route    split-based-on  ✓ noMatch→other  ✗ match→yes  ✗ match→no');
    expect(lines).toContain('  ✗ yes      send-message');
  });
});

describe('percent', () => {
  it('rounds down, and an empty whole is complete', () => {
    expect(percent(899, 1000)).toBe(89);
    expect(percent(0, 0)).toBe(100);
  });
});
