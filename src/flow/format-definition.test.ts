import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from './definition.ts';
import { exampleAndReferenceFlowFiles } from '../../test/support/flow-files.ts';
import { canonicalDefinition, formatDefinition, formatFlowText, notAFlow } from './format-definition.ts';

const flowFiles = exampleAndReferenceFlowFiles();

/** Key order and state order removed, so that two definitions compare by meaning. */
function meaning(definition: FlowDefinition): unknown {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, item]) => [key, sortKeys(item)]));
  };
  const states = [...definition.states].sort((a, b) => (a.name < b.name ? -1 : 1));
  return sortKeys({ ...definition, states });
}

const messy = {
  flags: { allow_concurrent_calls: true },
  initial_state: 'Trigger',
  states: [
    { properties: { body: 'bye', offset: { y: 300, x: 10 }, to: '{{contact.channel.address}}', from: '{{flow.channel.address}}' }, transitions: [{ event: 'sent' }, { event: 'failed' }], type: 'send-message', name: 'goodbye' },
    { name: 'orphan', type: 'send-message', transitions: [], properties: { body: 'never' } },
    { name: 'ask', type: 'send-and-wait-for-reply', transitions: [{ event: 'deliveryFailure' }, { event: 'timeout' }, { next: 'goodbye', event: 'incomingMessage' }], properties: { zeta: 1, body: 'Hi?', alpha: 2 } },
    { name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ event: 'incomingCall' }, { next: 'ask', event: 'incomingMessage' }, { event: 'incomingRequest', next: 'a-orphan-2' }], sid: 'FF1' },
    { name: 'a-orphan-2', type: 'send-message', transitions: [], properties: { body: 'rest' } },
  ],
  description: 'messy',
  $schema: './schema/flow.schema.json',
} as unknown as FlowDefinition;

describe('formatDefinition', () => {
  const canonical = canonicalDefinition(messy) as unknown as Record<string, unknown> & FlowDefinition;

  it("orders keys as Studio exports them, with unknown keys after, alphabetically", () => {
    expect(Object.keys(canonical)).toEqual(['$schema', 'description', 'states', 'initial_state', 'flags']);
    const trigger = canonical.states[0];
    expect(Object.keys(trigger)).toEqual(['name', 'type', 'transitions', 'properties', 'sid']);
    expect(trigger.transitions.map((transition) => Object.keys(transition))).toEqual([['event'], ['next', 'event'], ['next', 'event']]);
  });

  it("orders properties by the widget's declaration, then alphabetically, offset last with x before y", () => {
    const goodbye = canonical.states.find((state) => state.name === 'goodbye')!;
    expect(Object.keys(goodbye.properties).at(-1)).toBe('offset');
    expect(Object.keys(goodbye.properties.offset!)).toEqual(['x', 'y']);
    const keys = Object.keys(goodbye.properties);
    expect(keys.indexOf('from')).toBeLessThan(keys.indexOf('offset'));
    const ask = canonical.states.find((state) => state.name === 'ask')!;
    expect(Object.keys(ask.properties)).toEqual(['body', 'alpha', 'zeta']);
  });

  it('puts the trigger first, then breadth-first in event order, then unreachable states by name', () => {
    expect(canonical.states.map((state) => state.name)).toEqual(['Trigger', 'ask', 'a-orphan-2', 'goodbye', 'orphan']);
  });

  it('keeps transitions and split conditions in their order, with Studio\'s condition key order', () => {
    const split = {
      description: 'split', initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'split' }] },
        {
          name: 'split', type: 'split-based-on', properties: { input: '{{trigger.message.Body}}' },
          transitions: [
            { event: 'noMatch' },
            { event: 'match', conditions: [{ value: 'b', type: 'equal_to', arguments: ['{{trigger.message.Body}}'], friendly_name: 'b' }] },
            { event: 'match', conditions: [{ value: 'a', type: 'equal_to', arguments: ['{{trigger.message.Body}}'], friendly_name: 'a' }] },
          ],
        },
      ],
    } as unknown as FlowDefinition;
    const transitions = canonicalDefinition(split).states[1].transitions;
    expect(transitions.map((transition) => transition.conditions?.[0].value)).toEqual([undefined, 'b', 'a']);
    expect(Object.keys(transitions[1].conditions![0])).toEqual(['friendly_name', 'arguments', 'type', 'value']);
  });

  it('writes two-space indent and a final newline, and formatting twice gives the same bytes', () => {
    const text = formatDefinition(messy);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"\$schema"/);
    expect(formatFlowText(text)).toEqual({ kind: 'formatted', text, changed: false });
  });

  describe.each(flowFiles)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    const result = formatFlowText(text);

    it('keeps its meaning and is idempotent', () => {
      expect(result.kind).not.toBe('invalid');
      if (result.kind === 'invalid') return;
      const formatted = JSON.parse(result.text) as FlowDefinition;
      if (result.kind === 'formatted') expect(meaning(formatted)).toEqual(meaning(JSON.parse(text)));
      expect(formatFlowText(result.text)).toEqual({ kind: 'formatted', text: result.text, changed: false });
    });
  });
});

describe('the example flows', () => {
  it.each(flowFiles.filter((file) => file.includes('/examples/')))('%s is kept in canonical form (switchboard fmt)', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(formatFlowText(text)).toEqual({ kind: 'formatted', text, changed: false });
  });
});

describe('formatFlowText', () => {
  it('reports a legacy file as legacy, with its v2 conversion', () => {
    const legacy = JSON.stringify({
      description: 'old',
      states: [
        { sid: 'FF1', name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'FF2' }] },
        { sid: 'FF2', name: 'reply', type: 'send-message', properties: { body: 'hi' }, transitions: [] },
      ],
    });
    const result = formatFlowText(legacy);
    expect(result.kind).toBe('legacy');
    if (result.kind !== 'legacy') return;
    const converted = JSON.parse(result.text) as FlowDefinition;
    expect(converted.initial_state).toBe('Trigger');
    expect(converted.states[0].transitions[0].next).toBe('reply');
    expect(formatFlowText(result.text)).toEqual({ kind: 'formatted', text: result.text, changed: false });
  });

  it.each([
    ['', 'JSON syntax error'],
    ['{"states": [1, 2,', 'JSON syntax error'],
    ['\u0000garbage', 'JSON syntax error'],
    ['[]', 'must be a JSON object'],
    ['"flow"', 'must be a JSON object'],
    ['{"description": "no states"}', 'no "states" array'],
    ['{"states": "nope"}', 'no "states" array'],
    ['{"states": [null]}', 'states[0] is not an object'],
  ])('refuses %j', (text, message) => {
    const result = formatFlowText(text);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain(message);
  });

  it('formats a flow that does not validate, as long as it is shaped like one', () => {
    expect(notAFlow({ states: [{ name: 'x', type: 'no-such-widget' }] })).toBeUndefined();
    expect(formatFlowText('{"states":[{"type":"no-such-widget","name":"x"}]}')).toMatchObject({ kind: 'formatted', changed: true });
  });
});
