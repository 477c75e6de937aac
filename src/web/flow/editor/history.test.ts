import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../api/types.ts';
import { commit, createHistory, preview, redo, undo } from './history.ts';

const flow = (description: string): FlowDefinition => ({ description, initial_state: 'Trigger', states: [] });

describe('the undo history', () => {
  it('undoes and redoes edits, and a new edit drops the redos', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(flow);
    let history = commit(commit(createHistory(a), b), c);
    history = undo(history);
    expect(history.present).toBe(b);
    history = undo(history);
    expect(history.present).toBe(a);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe(b);
    history = commit(history, d);
    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
    expect(undo(history).present).toBe(b);
  });

  it('records a previewed drag as one step from where it started', () => {
    const [start, moving, moved, dropped] = ['start', 'moving', 'moved', 'dropped'].map(flow);
    let history = preview(preview(createHistory(start), moving), moved);
    expect(history.past).toEqual([]);
    history = commit(history, dropped, start);
    expect(history.past).toEqual([start]);
    expect(undo(history).present).toBe(start);
  });

  it('keeps at most 200 steps', () => {
    let history = createHistory(flow('0'));
    for (let step = 1; step <= 250; step++) history = commit(history, flow(String(step)));
    expect(history.past).toHaveLength(200);
    expect(history.past[0].description).toBe('50');
  });
});
