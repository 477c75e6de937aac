import { describe, expect, it } from 'vitest';
import { addWidget, conditionRows, copyWidgets, deleteWidgets, drawableDefinition, freeOffset, moveWidgets, pasteWidgets, renameProblem, renameWidget, setConditionRows, setTransition, uniqueName } from './definition-edits.ts';
import { smsFlow, testTypes } from './test-fixtures.ts';
import { handleIdsOfTransitions, widgetHandles } from './widget-handles.ts';

const state = (definition: ReturnType<typeof smsFlow>, name: string) => definition.states.find((each) => each.name === name)!;

describe('definition edits', () => {
  it('adds widgets with Studio-like unique names, defaults and one transition per event', () => {
    const first = addWidget(smsFlow(), testTypes.get('send-message')!, { x: 10.4, y: 20.6 });
    expect(first.name).toBe('send_message_2');
    const second = addWidget(first.definition, testTypes.get('split-based-on')!, { x: 0, y: 0 });
    expect(second.name).toBe('split_2');
    const wait = addWidget(smsFlow(), testTypes.get('send-and-wait-for-reply')!, { x: 0, y: 0 });
    expect(state(wait.definition, wait.name)).toMatchObject({ name: 'send_and_reply_1', properties: { timeout: '3600' }, transitions: [{ event: 'incomingMessage' }, { event: 'timeout' }, { event: 'deliveryFailure' }] });
    expect(state(first.definition, 'send_message_2').properties.offset).toEqual({ x: 10, y: 21 });
    expect(state(second.definition, 'split_2').transitions).toEqual([{ event: 'noMatch' }]);
    expect(uniqueName('x', new Set(['x_1', 'x_3']))).toBe('x_2');
  });

  it('keeps untouched states as the same objects', () => {
    const before = smsFlow();
    const after = setTransition(before, 'ask', 'timeout', 'lonely');
    expect(after.states[0]).toBe(before.states[0]);
    expect(after.states[1]).not.toBe(before.states[1]);
    expect(state(after, 'ask').transitions[1]).toEqual({ event: 'timeout', next: 'lonely' });
  });

  it('renames a widget with the transitions to it, and refuses bad or taken names', () => {
    const renamed = renameWidget(smsFlow(), 'ask', 'question');
    expect(state(renamed, 'Trigger').transitions[0].next).toBe('question');
    expect(state(renamed, 'split_1').transitions[2].next).toBe('question');
    expect(renamed.states.some((each) => each.name === 'ask')).toBe(false);
    expect(renameProblem(smsFlow(), 'ask', 'lonely')).toMatch(/already/);
    expect(renameProblem(smsFlow(), 'ask', 'my-ask')).toMatch(/letters, digits and underscores/);
    expect(renameProblem(smsFlow(), 'ask', 'ask_2')).toBeUndefined();
  });

  it('deletes widgets and their incoming transitions, but never the Trigger', () => {
    const after = deleteWidgets(smsFlow(), new Set(['ask', 'Trigger']));
    expect(after.states.map((each) => each.name)).toEqual(['Trigger', 'split_1', 'send_message_1', 'remember', 'lonely']);
    expect(state(after, 'Trigger').transitions[0]).toEqual({ event: 'incomingMessage' });
    expect(state(after, 'split_1').transitions[2]).toMatchObject({ event: 'match' });
    expect(state(after, 'split_1').transitions[2].next).toBeUndefined();
  });

  it('points and clears split match handles by row', () => {
    const split = state(smsFlow(), 'split_1');
    expect(handleIdsOfTransitions(split)).toEqual(['noMatch', 'match#0', 'match#1']);
    expect(widgetHandles(split, testTypes.get('split-based-on')).map((handle) => handle.label)).toEqual(['noMatch', 'If yes', 'If no']);
    const cleared = setTransition(smsFlow(), 'split_1', 'match#1', undefined);
    expect(state(cleared, 'split_1').transitions[2].next).toBeUndefined();
    expect(state(cleared, 'split_1').transitions[2].conditions).toHaveLength(1);
    const added = setTransition(smsFlow(), 'lonely', 'sent', 'ask');
    expect(state(added, 'lonely').transitions[0]).toEqual({ event: 'sent', next: 'ask' });
  });

  it('edits condition rows as match transitions', () => {
    const rows = conditionRows(state(smsFlow(), 'split_1'));
    expect(rows.map((row) => row.condition.value)).toEqual(['yes', 'no']);
    const reordered = setConditionRows(smsFlow(), 'split_1', [rows[1], rows[0], { condition: { friendly_name: 'If maybe', arguments: [], type: 'contains', value: 'maybe' }, next: undefined }]);
    expect(state(reordered, 'split_1').transitions.map((transition) => [transition.event, transition.next, transition.conditions?.[0].value])).toEqual([
      ['noMatch', undefined, undefined], ['match', 'ask', 'no'], ['match', 'send_message_1', 'yes'], ['match', undefined, 'maybe'],
    ]);
  });

  it('moves widgets by setting their offsets', () => {
    expect(state(moveWidgets(smsFlow(), new Map([['ask', { x: 5, y: 6 }]])), 'ask').properties.offset).toEqual({ x: 5, y: 6 });
  });

  it('pastes copies with new names, shifted, keeping only the transitions among the copies', () => {
    const flow = smsFlow();
    const copied = copyWidgets(flow, new Set(['Trigger', 'split_1', 'send_message_1']));
    expect(copied.map((each) => each.name)).toEqual(['split_1', 'send_message_1']);
    const { definition, names } = pasteWidgets(flow, copied, { x: 40, y: 40 });
    expect(names).toEqual(['split_2', 'send_message_2']);
    const pastedSplit = state(definition, 'split_2');
    expect(pastedSplit.properties.offset).toEqual({ x: 40, y: 440 });
    expect(pastedSplit.transitions.map((transition) => transition.next)).toEqual([undefined, 'send_message_2', undefined]);
    expect(state(definition, 'split_1').transitions[1].next).toBe('send_message_1');
  });

  it('finds a free place to the right of widgets in the way', () => {
    const size = () => ({ width: 200, height: 100 });
    expect(freeOffset(smsFlow(), { x: 0, y: 720 }, { width: 200, height: 100 }, size)).toEqual({ x: 0, y: 720 });
    expect(freeOffset(smsFlow(), { x: 0, y: 580 }, { width: 200, height: 100 }, size)).toEqual({ x: 240, y: 580 });
    expect(freeOffset(smsFlow(), { x: 250, y: 10 }, { width: 200, height: 100 }, size)).toEqual({ x: 840, y: 10 });
  });

  it('gives broken states of an invalid draft empty transitions and properties, and leaves good ones alone', () => {
    const good = smsFlow();
    expect(drawableDefinition(good)).toBe(good);
    const broken = { ...good, states: [...good.states, { name: 'odd', type: 'send-message' } as never, null as never] };
    const drawn = drawableDefinition(broken);
    expect(drawn.states).toHaveLength(good.states.length + 1);
    expect(drawn.states.at(-1)).toEqual({ name: 'odd', type: 'send-message', transitions: [], properties: {} });
    expect(drawableDefinition({ initial_state: 'Trigger' } as never).states).toEqual([]);
  });
});
