import { describe, expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { convertLegacyDefinition } from './legacy-import.ts';
import { loadDefinition, maxDefinitionBytes } from './load-definition.ts';

const v2Flow = flowOf({ incomingMessage: 'hello' }, widget('hello', 'send-message', { body: 'Hi there' }));

const legacyWarning = {
  property_path: '#',
  message: 'The definition was in the legacy (pre-2019) Studio format and was converted to the v2 format',
};

describe('loadDefinition: unreadable input', () => {
  it.each([
    ['a trailing comma', '{\n  "description": "broken",\n  "states": [\n    {"name": "Trigger",}\n  ]\n}', 'line 4, column 24'],
    ['an unexpected token', '{\n  "states": [\n  }\n}', 'line 3, column 3'],
    ['an unfinished literal', '{"description": tru}', 'line 1, column 17'],
    ['text that ends too early', '{\n  "states": [', 'line 2, column 14'],
    ['an empty text', '', 'line 1, column 1'],
    ['a leading zero', '{"a": 1,\n"b": 01}', 'line 2, column 7'],
  ])('reports %s as one JSON syntax error at # with its line and column', (_label, text, position) => {
    const loaded = loadDefinition(text);
    expect(loaded.definition).toBeUndefined();
    expect(loaded.legacy).toBe(false);
    expect(loaded.result).toEqual({ valid: false, errors: [{ property_path: '#', message: expect.stringContaining('JSON syntax error') }], warnings: [] });
    expect(loaded.result.errors[0]!.message).toContain(`(${position})`);
  });

  it('refuses text over maxDefinitionBytes before parsing, naming the limit', () => {
    const loaded = loadDefinition(JSON.stringify({ ...v2Flow, description: 'x'.repeat(maxDefinitionBytes) }));
    expect(loaded.definition).toBeUndefined();
    expect(loaded.result.valid).toBe(false);
    expect(loaded.result.errors).toEqual([{ property_path: '#', message: expect.stringContaining(`the limit is ${maxDefinitionBytes}`) }]);
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const twoByteCharacters = JSON.stringify('é'.repeat(maxDefinitionBytes / 2));
    expect(twoByteCharacters.length).toBeLessThan(maxDefinitionBytes);
    expect(loadDefinition(twoByteCharacters).result.errors).toEqual([{ property_path: '#', message: expect.stringContaining(`the limit is ${maxDefinitionBytes}`) }]);
  });

  it('reads text of exactly maxDefinitionBytes', () => {
    const text = JSON.stringify(v2Flow);
    const loaded = loadDefinition(text + ' '.repeat(maxDefinitionBytes - text.length));
    expect(loaded.result.errors).toEqual([]);
    expect(loaded.definition).toEqual(v2Flow);
  });

  it.each<[string, unknown]>([
    ['the text []', '[]'],
    ['the text 42', '42'],
    ['the text null', 'null'],
    ['a JSON string', '"a flow"'],
    ['a parsed array', []],
    ['a parsed number', 42],
    ['null', null],
    ['undefined', undefined],
  ])('gives no definition for a root that is not an object: %s', (_label, input) => {
    const loaded = loadDefinition(input);
    expect(loaded.definition).toBeUndefined();
    expect(loaded.result.valid).toBe(false);
    expect(loaded.result.errors).toEqual([{ property_path: '#', message: expect.stringContaining('The definition must be a JSON object') }]);
  });

  it('still gives the definition of an object root that fails validation', () => {
    const loaded = loadDefinition('{"description": "empty", "states": []}');
    expect(loaded.result.valid).toBe(false);
    expect(loaded.definition).toEqual({ description: 'empty', states: [] });
  });
});

describe('loadDefinition: readable input', () => {
  it('accepts JSON text and an already parsed object alike', () => {
    for (const input of [JSON.stringify(v2Flow, null, 2), structuredClone(v2Flow)]) {
      const loaded = loadDefinition(input);
      expect(loaded).toEqual({ definition: v2Flow, legacy: false, result: { valid: true, errors: [], warnings: [] } });
    }
  });

  it('converts a legacy export, with the legacy warning first', () => {
    const legacy = {
      description: 'Auto reply',
      states: [
        {
          type: 'InitialState',
          name: 'Trigger',
          sid: 'FF' + 'a'.repeat(32),
          properties: { offset: { x: 0, y: 0 }, flow_url: 'https://webhooks.twilio.com/v1/Accounts/AC/Flows/FW' },
          transitions: [{ event: 'incomingMessage', conditions: [], next: 'FF' + 'b'.repeat(32), uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000001' }],
        },
        {
          type: 'Message',
          name: 'reply',
          sid: 'FF' + 'b'.repeat(32),
          // `{{` left open, so a Liquid warning follows the legacy one
          properties: { offset: { x: 0, y: 200 }, body: 'Thanks {{contact.channel.address', media_url: null },
          transitions: [{ event: 'sent', conditions: [], next: null, uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000002' }],
        },
      ],
    };
    for (const input of [JSON.stringify(legacy), legacy]) {
      const loaded = loadDefinition(input);
      expect(loaded.legacy).toBe(true);
      expect(loaded.result.errors).toEqual([]);
      expect(loaded.result.warnings).toEqual([legacyWarning, { property_path: '#/states/1/properties/body', message: expect.stringContaining('Liquid syntax error') }]);
      expect(loaded.definition).toEqual(convertLegacyDefinition(legacy));
      expect(loaded.definition).toMatchObject({ initial_state: 'Trigger', states: [{ type: 'trigger' }, { type: 'send-message', name: 'reply' }] });
      expect(loaded.definition!.states[0]!.transitions).toEqual([{ event: 'incomingMessage', next: 'reply' }]);
    }
  });
});
