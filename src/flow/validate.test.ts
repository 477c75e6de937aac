import { describe, expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import type { Condition, FlowDefinition, FlowState, ValidationIssue } from './definition.ts';
import { maxStates, validateDefinition } from './validate.ts';

/** A flow started by an inbound message, which leads to the first of the states. */
const messageFlow = (...states: FlowState[]): FlowDefinition => flowOf({ incomingMessage: states[0]!.name }, ...states);
/** A flow started by an inbound call, which leads to the first of the states. */
const callFlow = (...states: FlowState[]): FlowDefinition => flowOf({ incomingCall: states[0]!.name }, ...states);

const sendMessage = (name: string, next?: string) => widget(name, 'send-message', { body: 'Hello' }, { sent: next });

const condition = (type: string, value: string, argument = '{{trigger.message.Body}}'): Condition => ({
  friendly_name: `If value ${type} ${value}`,
  arguments: [argument],
  type,
  value,
});

/** A split on the inbound message body, with noMatch first and the given match conditions. */
const split = (name: string, ...conditions: Condition[]) =>
  widget(name, 'split-based-on', { input: '{{trigger.message.Body}}' }, [
    { event: 'noMatch' },
    ...conditions.map((item) => ({ event: 'match', conditions: [item] })),
  ]);

const issue = (property_path: string, message: string | ReturnType<typeof expect.stringContaining>): ValidationIssue =>
  ({ property_path, message }) as ValidationIssue;

/** Asserts that the definition has exactly these errors, in order. */
function expectErrors(definition: unknown, ...expected: ValidationIssue[]): void {
  const result = validateDefinition(definition);
  expect(result.errors).toEqual(expected);
  expect(result.valid).toBe(false);
}

function expectValid(definition: unknown): ValidationIssue[] {
  const result = validateDefinition(definition);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
  return result.warnings;
}

describe('validateDefinition: errors', () => {
  it('accepts a well-formed flow with no findings', () => {
    expect(expectValid(messageFlow(sendMessage('hello')))).toEqual([]);
  });

  it('reports an unknown widget type', () => {
    expectErrors(messageFlow(widget('fax', 'send-fax', {})), issue('#/states/1/type', 'Unknown widget type "send-fax"'));
  });

  it('reports an event the widget does not have', () => {
    const hello = widget('hello', 'send-message', { body: 'Hi' }, { sent: undefined, audioComplete: undefined });
    expectErrors(messageFlow(hello), issue('#/states/1/transitions/1/event', expect.stringContaining('"audioComplete" is not an event of send-message')));
  });

  it('reports a next that names no state, in a widget and in the trigger', () => {
    expectErrors(messageFlow(sendMessage('hello', 'goodbye')), issue('#/states/1/transitions/0/next', '"goodbye" names no state'));
    expectErrors(flowOf({ incomingCall: 'ghost' }), issue('#/states/0/transitions/1/next', '"ghost" names no state'));
  });

  it('reports a duplicate state name at the second use', () => {
    expectErrors(messageFlow(sendMessage('hello'), sendMessage('hello')), issue('#/states/2/name', expect.stringContaining('Duplicate state name "hello"')));
  });

  it('reports a missing or empty initial_state', () => {
    const { initial_state: _dropped, ...withoutInitial } = messageFlow(sendMessage('hello'));
    expectErrors(withoutInitial, issue('#/initial_state', expect.stringContaining('initial_state is required')));
    expectErrors({ ...withoutInitial, initial_state: '' }, issue('#/initial_state', expect.stringContaining('initial_state is required')));
  });

  it('reports an initial_state that names no state', () => {
    expectErrors({ ...messageFlow(sendMessage('hello')), initial_state: 'Start' }, issue('#/initial_state', 'initial_state "Start" names no state'));
  });

  it('reports an initial_state that is not a trigger', () => {
    expectErrors({ ...messageFlow(sendMessage('hello')), initial_state: 'hello' }, issue('#/initial_state', expect.stringContaining('must be a trigger widget')));
  });

  it('reports a property of the wrong JSON type with Studio wording, at the property', () => {
    const ask = widget('ask', 'send-and-wait-for-reply', { body: 'Reply YES', timeout: 3600 });
    // The asking widget sits at index 3, as in Studio's own example `#/states/3/properties/timeout`.
    expectErrors(messageFlow(sendMessage('first', 'second'), sendMessage('second', 'ask'), ask), issue('#/states/3/properties/timeout', 'integer found, string expected'));
  });

  it.each([
    ['gather-input-on-call', 'stop_gather', { say: 'Press 1', stop_gather: 'true' }, 'string found, boolean expected'],
    ['say-play', 'loop', { say: 'Hello', loop: '1' }, 'string found, integer expected'],
    ['record-voicemail', 'play_beep', { play_beep: true }, 'boolean found, string expected'],
  ])('reports %s %s of the wrong JSON type', (type, property, properties, message) => {
    expectErrors(callFlow(widget('voice', type, properties)), issue(`#/states/1/properties/${property}`, message));
  });

  it('accepts the same properties with the JSON types Studio exports', () => {
    expectValid(messageFlow(widget('ask', 'send-and-wait-for-reply', { body: 'Reply YES', timeout: '3600' })));
    expectValid(callFlow(widget('menu', 'gather-input-on-call', { say: 'Press 1', stop_gather: true, timeout: 5 }, { keypress: 'hello' }), widget('hello', 'say-play', { say: 'Hi', loop: 1 })));
  });

  it('reports a missing required property', () => {
    expectErrors(messageFlow(widget('fetch', 'make-http-request', { method: 'GET' })), issue('#/states/1/properties/url', 'url is required'));
  });

  it('requires a body when message_type is custom (the default)', () => {
    expectErrors(messageFlow(widget('hello', 'send-message', {})), issue('#/states/1/properties/body', expect.stringContaining('is required')));
    expectErrors(messageFlow(widget('hello', 'send-message', { message_type: 'custom', body: '  ' })), issue('#/states/1/properties/body', expect.stringContaining('is required')));
  });

  it('requires content_sid, and no body, when message_type is content_template', () => {
    expectErrors(
      messageFlow(widget('hello', 'send-message', { message_type: 'content_template' })),
      issue('#/states/1/properties/content_sid', expect.stringContaining('is required when message_type is content_template')),
    );
    expectValid(messageFlow(widget('hello', 'send-message', { message_type: 'content_template', content_sid: 'HX' + '0'.repeat(32) })));
  });

  it('reports a value outside an enum, but not a Liquid value', () => {
    expectErrors(messageFlow(widget('fetch', 'make-http-request', { method: 'PUT', url: 'https://example.com' })), issue('#/states/1/properties/method', '"PUT" is not one of "GET", "POST"'));
    expectValid(messageFlow(widget('fetch', 'make-http-request', { method: '{{flow.variables.method}}', url: 'https://example.com' })));
  });

  it(`reports more than ${maxStates} states, and accepts exactly ${maxStates}`, () => {
    const chain = (total: number) => {
      const names = Array.from({ length: total - 1 }, (_, index) => `step_${index}`);
      return messageFlow(...names.map((name, index) => widget(name, 'set-variables', { variables: [] }, { next: names[index + 1] })));
    };
    expect(chain(maxStates).states).toHaveLength(2000);
    expectValid(chain(maxStates));
    expectErrors(chain(maxStates + 1), issue('#/states', expect.stringContaining('Studio allows at most 2000')));
  });

  it('reports a split without a noMatch transition', () => {
    const route = widget('route', 'split-based-on', { input: '{{trigger.message.Body}}' }, [{ event: 'match', next: 'hello', conditions: [condition('equal_to', 'hi')] }]);
    expectErrors(messageFlow(route, sendMessage('hello')), issue('#/states/1/transitions', expect.stringContaining('noMatch')));
  });

  it('reports a match transition without conditions', () => {
    for (const conditions of [undefined, []]) {
      const route = widget('route', 'split-based-on', { input: '{{trigger.message.Body}}' }, [{ event: 'noMatch' }, { event: 'match', next: 'hello', ...(conditions && { conditions }) }]);
      expectErrors(messageFlow(route, sendMessage('hello')), issue('#/states/1/transitions/1/conditions', expect.stringContaining('needs a condition')));
    }
  });

  it('reports an unknown condition type', () => {
    expectErrors(messageFlow(split('route', condition('equals', 'hi'))), issue('#/states/1/transitions/1/conditions/0/type', expect.stringContaining('Unknown condition type "equals"')));
  });

  it('reports an invalid regex, but accepts lookaheads and Liquid', () => {
    expectErrors(messageFlow(split('route', condition('regex', '(unclosed'))), issue('#/states/1/transitions/1/conditions/0/value', expect.stringContaining('Not a valid regular expression')));
    expectValid(messageFlow(split('route', condition('regex', '^(?=.*blocked)(?=.*Access Policy).*'), condition('regex', '{{flow.variables.pattern}}'))));
  });

  it('warns, without an error, when a condition argument differs from the input', () => {
    const warnings = expectValid(messageFlow(split('route', condition('equal_to', 'hi', '{{widgets.old_gather.Digits}}'))));
    expect(warnings).toEqual([issue('#/states/1/transitions/1/conditions/0/arguments', expect.stringContaining("differs from the split's input"))]);
  });

  it('requires allow_concurrent_calls as a boolean when flags are present', () => {
    expectErrors({ ...messageFlow(sendMessage('hello')), flags: {} }, issue('#/flags/allow_concurrent_calls', expect.stringContaining('allow_concurrent_calls is required')));
    expectErrors({ ...messageFlow(sendMessage('hello')), flags: { allow_concurrent_calls: 'true' } }, issue('#/flags/allow_concurrent_calls', expect.stringContaining('must be a boolean')));
    const { flags: _dropped, ...withoutFlags } = messageFlow(sendMessage('hello'));
    expectValid(withoutFlags);
  });

  it('reports an event with more than one transition, but allows many match transitions', () => {
    const twice = widget('hello', 'send-message', { body: 'Hi' }, [{ event: 'sent' }, { event: 'sent', next: 'hello' }]);
    expectErrors(messageFlow(twice), issue('#/states/1/transitions/1/event', 'The event "sent" has more than one transition'));
    const route = widget('route', 'split-based-on', { input: '{{trigger.message.Body}}' }, [{ event: 'noMatch' }, { event: 'noMatch' }]);
    expectErrors(messageFlow(route), issue('#/states/1/transitions/1/event', 'The event "noMatch" has more than one transition'));
    expectValid(messageFlow(split('route', condition('equal_to', 'a'), condition('equal_to', 'b'), condition('contains', 'c'))));
  });

  it('gives a warning, not an error, for a Liquid syntax error', () => {
    const hello = widget('hello', 'send-message', { body: 'Hi {{ contact.name' }, { sent: 'notify' });
    const notify = widget('notify', 'make-http-request', { url: 'https://example.com', parameters: [{ key: 'state', value: '{% if x %}' }] });
    expect(expectValid(messageFlow(hello, notify))).toEqual([
      issue('#/states/1/properties/body', expect.stringContaining('Liquid syntax error')),
      issue('#/states/2/properties/parameters/0/value', expect.stringContaining('Liquid syntax error')),
    ]);
  });

  it('accepts next: null and next: "" as the end of the execution', () => {
    const hello = widget('hello', 'send-message', { body: 'Hi' }, [{ event: 'sent', next: null }, { event: 'failed', next: '' }]);
    expect(expectValid(messageFlow(hello))).toEqual([]);
  });

  it('reports a next that is not a string', () => {
    const hello = widget('hello', 'send-message', { body: 'Hi' }, [{ event: 'sent', next: 7 as never }]);
    expectErrors(messageFlow(hello), issue('#/states/1/transitions/0/next', 'integer found, string expected'));
  });
});

describe('validateDefinition: reachability and channel warnings', () => {
  it('warns about a state the trigger cannot reach', () => {
    expect(expectValid(messageFlow(sendMessage('hello'), sendMessage('orphan')))).toEqual([issue('#/states/2', 'orphan cannot be reached from the trigger')]);
  });

  it('warns about a voice widget reached only from incomingMessage', () => {
    expect(expectValid(messageFlow(widget('greet', 'say-play', { say: 'Hello' })))).toEqual([
      issue('#/states/1', expect.stringContaining('greet is a voice widget, but it is reached only from messaging')),
    ]);
  });

  it('does not warn about a voice widget that a call can also reach', () => {
    expect(expectValid(flowOf({ incomingMessage: 'greet', incomingCall: 'greet' }, widget('greet', 'say-play', { say: 'Hello' })))).toEqual([]);
  });

  it('does not warn about voice widgets after make-outgoing-call-v2 answered, but does after busy', () => {
    const dial = widget('dial', 'make-outgoing-call-v2', { to: '{{flow.data.to}}', from: '{{flow.channel.address}}' }, { answered: 'greet', busy: 'sorry' });
    const greet = widget('greet', 'say-play', { say: 'Hello' }, { audioComplete: 'menu' });
    const menu = widget('menu', 'gather-input-on-call', { say: 'Press 1' });
    const sorry = widget('sorry', 'say-play', { say: 'The line was busy' });
    expect(expectValid(flowOf({ incomingRequest: 'dial' }, dial, greet, menu, sorry))).toEqual([
      issue('#/states/4', expect.stringContaining('sorry is a voice widget, but it is reached only from request')),
    ]);
  });

  it('warns about a voice widget reached from incomingRequest directly', () => {
    expect(expectValid(flowOf({ incomingRequest: 'greet' }, widget('greet', 'say-play', { say: 'Hello' })))).toEqual([
      issue('#/states/1', expect.stringContaining('greet is a voice widget, but it is reached only from request')),
    ]);
  });

  it('warns about a messaging-only widget reached only from incomingCall, not about send-message', () => {
    const ask = widget('ask', 'send-and-wait-for-reply', { body: 'Reply YES' });
    expect(expectValid(callFlow(ask))).toEqual([issue('#/states/1', 'ask is a messaging widget, but it is reached only during a call')]);
    expect(expectValid(callFlow(sendMessage('hello')))).toEqual([]);
  });
});

describe('validateDefinition: garbage in', () => {
  const trigger = (transitions: unknown) => ({ name: 'Trigger', type: 'trigger', properties: {}, transitions });
  const withSplit = (transitions: unknown) => ({
    description: '',
    initial_state: 'Trigger',
    states: [trigger([{ event: 'incomingMessage', next: 'route' }]), { name: 'route', type: 'split-based-on', properties: { input: 'x' }, transitions }],
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'text'],
    ['an array', []],
    ['an empty object', {}],
    ['states as a string', { states: 'x' }],
    ['no states', { initial_state: 'Trigger', states: [] }],
    ['states that are not objects', { states: [null, 1, 'a', {}] }],
    ['a state of wrong types', { states: [{ name: 1, type: {}, transitions: 'x', properties: [] }], initial_state: 5 }],
    ['odd transitions', { initial_state: 'Trigger', states: [trigger([{ event: 5 }, null, { event: 'next', next: 7 }])] }],
    ['transitions with object targets', { initial_state: 'Trigger', states: [trigger([{ event: 'incomingMessage', next: {} }, { event: 'incomingCall', next: [] }, {}])] }],
    ['prototype names', { initial_state: '__proto__', states: [{ name: 'toString', type: 'constructor', properties: {}, transitions: [{ event: 'toString', next: 'hasOwnProperty' }] }] }],
    ['flags and properties of wrong types', { initial_state: 'Trigger', flags: null, states: [trigger([]), { name: 'x', type: 'say-play', properties: null, transitions: [] }] }],
    ['split conditions of wrong types', withSplit([{ event: 'noMatch' }, { event: 'match', conditions: 'x' }])],
    [
      'garbage conditions',
      withSplit([
        { event: 'noMatch' },
        { event: 'match', conditions: [null, 1, {}, { type: 'regex', value: '(' }, { type: 'equal_to', value: 3, arguments: 'a' }, { type: 'equal_to', value: 'a', arguments: [1, null] }, { type: 'toString' }] },
      ]),
    ],
    ['property values of wrong shapes', { initial_state: 'Trigger', states: [trigger([]), { name: 'x', type: 'make-http-request', properties: { url: [], parameters: [null, 1, { key: 2 }] }, transitions: [] }] }],
  ])('never throws and rejects %s', (_label, input) => {
    let result: ReturnType<typeof validateDefinition> | undefined;
    expect(() => (result = validateDefinition(input))).not.toThrow();
    expect(result!.valid).toBe(false);
    expect(result!.errors.length).toBeGreaterThan(0);
    for (const error of result!.errors) {
      expect(error.property_path).toMatch(/^#(\/|$)/);
      expect(error.message).toEqual(expect.any(String));
    }
  });
});
