import { describe, expect, it } from 'vitest';
import { pathHighlight, transitionKey } from './path-highlight.ts';

describe('path highlight', () => {
  it('lists the widgets and transitions an execution took, and nothing when cleared', () => {
    const highlight = pathHighlight([{ from: 'Trigger', event: 'incomingMessage', to: 'ask' }, { from: 'ask', event: 'incomingMessage', to: 'split_1' }, { from: 'split_1', event: 'match', to: 'ask' }])!;
    expect([...highlight.widgets].sort()).toEqual(['Trigger', 'ask', 'split_1']);
    expect(highlight.transitions.has(transitionKey('split_1', 'match', 'ask'))).toBe(true);
    expect(highlight.transitions.has(transitionKey('split_1', 'noMatch', 'ask'))).toBe(false);
    expect(pathHighlight(undefined)).toBeUndefined();
  });
});
