import { describe, expect, it } from 'vitest';
import { insertSuggestion, liquidCandidates, liquidTokenAt, matchSuggestions, upstreamOf } from './liquid-suggestions.ts';
import { smsFlow, testTypes } from './test-fixtures.ts';

describe('Liquid suggestions', () => {
  it('finds the widgets upstream of a widget, loops included', () => {
    expect([...upstreamOf(smsFlow(), 'send_message_1')].sort()).toEqual(['Trigger', 'ask', 'remember', 'split_1']);
    expect([...upstreamOf(smsFlow(), 'lonely')]).toEqual([]);
  });

  it('offers flow, the trigger events that lead here, and the outputs of upstream widgets only', () => {
    const candidates = liquidCandidates(smsFlow(), testTypes, 'send_message_1');
    expect(candidates).toEqual(expect.arrayContaining([
      'flow.flow_sid', 'flow.channel.address', 'flow.data', 'flow.variables.source',
      'trigger.message.Body', 'trigger.request.parameters', 'widgets.ask.inbound', 'widgets.ask.outbound', 'widgets.remember.source',
    ]));
    expect(candidates.some((candidate) => candidate.startsWith('trigger.call'))).toBe(false);
    expect(candidates.some((candidate) => candidate.startsWith('widgets.send_message_1'))).toBe(false);
    const lonely = liquidCandidates(smsFlow(), testTypes, 'lonely');
    expect(lonely.filter((candidate) => /^(widgets|trigger)\./.test(candidate))).toEqual([]);
    const remember = liquidCandidates(smsFlow(), testTypes, 'remember');
    expect(remember).toContain('trigger.request.from');
    expect(remember).not.toContain('trigger.message.Body');
  });

  it('lists flow.data keys the flow already uses', () => {
    const flow = smsFlow();
    flow.states[5].properties.body = 'Hi {{flow.data.first_name}}';
    expect(liquidCandidates(flow, testTypes, 'lonely')).toContain('flow.data.first_name');
  });

  it('finds the variable being typed after {{', () => {
    expect(liquidTokenAt('Hi {{ widgets.as', 16)).toEqual({ from: 6, to: 16, prefix: 'widgets.as' });
    expect(liquidTokenAt('Hi {{', 5)).toEqual({ from: 5, to: 5, prefix: '' });
    expect(liquidTokenAt('Hi {{x}} there', 14)).toBeUndefined();
    expect(liquidTokenAt('{{ x | upcase', 13)).toBeUndefined();
    expect(liquidTokenAt('no braces', 9)).toBeUndefined();
  });

  it('ranks matches that start with the text before those that contain it', () => {
    expect(matchSuggestions(['flow.data', 'widgets.ask.inbound', 'data.x'], 'data')).toEqual(['data.x', 'flow.data']);
    expect(matchSuggestions(['a', 'b'], '')).toEqual(['a', 'b']);
    expect(matchSuggestions(['flow.sid'], 'flow.sid')).toEqual([]);
  });

  it('inserts a suggestion, closing the braces once, with the caret after the name', () => {
    const open = 'Hi {{wid';
    expect(insertSuggestion(open, liquidTokenAt(open, 8)!, 'widgets.ask.inbound')).toEqual({ text: 'Hi {{widgets.ask.inbound}}', caret: 24 });
    const closed = 'Hi {{ wid }} ok';
    expect(insertSuggestion(closed, liquidTokenAt(closed, 9)!, 'widgets.ask.inbound')).toEqual({ text: 'Hi {{ widgets.ask.inbound }} ok', caret: 25 });
  });
});
