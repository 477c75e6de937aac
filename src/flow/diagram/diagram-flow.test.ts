import { describe, expect, it } from 'vitest';
import { diagramOf, diagramSampleJson } from '../../../test/support/diagram-sample.ts';
import type { FlowDefinition } from '../definition.ts';
import { diagramFlow } from './diagram-flow.ts';

describe('diagramFlow', () => {
  const flow = diagramOf(diagramSampleJson);

  it('gives each widget one port per event in declaration order, a split one per row named by its condition', () => {
    expect(flow.byName.get('check')!.ports).toStrictEqual([
      { event: 'noMatch', next: 'ask' },
      { event: 'match', condition: 'Said stop', next: 'bye' },
      { event: 'match', condition: 'Gave a name', next: 'greet' },
    ]);
    expect(flow.byName.get('ask')!.ports).toStrictEqual([{ event: 'incomingMessage', next: 'check' }, { event: 'timeout' }, { event: 'deliveryFailure' }]);
  });

  it('summarises a widget by its text, its input or its variable names', () => {
    expect(flow.widgets.map((widget) => [widget.name, widget.summary])).toStrictEqual([
      ['Trigger', ''],
      ['ask', 'What is your name?'],
      ['check', '{{widgets.ask.inbound.Body}}'],
      ['greet', 'Hello {{widgets.ask.inbound.Body}}!'],
      ['bye', 'Goodbye.'],
      ['orphan', 'unused'],
    ]);
  });

  it('starts at the initial state and knows which widgets are reachable', () => {
    expect(flow.start?.name).toBe('Trigger');
    expect([...flow.reachable].sort()).toStrictEqual(['Trigger', 'ask', 'bye', 'check', 'greet']);
  });

  it('draws a legacy export after its conversion, targets named rather than SIDs', () => {
    const legacy = {
      description: 'legacy',
      states: [
        { type: 'InitialState', name: 'Trigger', sid: 'FF1', properties: {}, transitions: [{ event: 'incomingMessage', conditions: [], next: 'FF2' }] },
        { type: 'Message', name: 'hello', sid: 'FF2', properties: { body: 'Hi there' }, transitions: [{ event: 'sent', conditions: [], next: null }] },
      ],
    };
    const converted = diagramOf(JSON.stringify(legacy));
    expect(converted.byName.get('Trigger')!.ports[0]).toStrictEqual({ event: 'incomingMessage', next: 'hello' });
    expect(converted.byName.get('hello')).toMatchObject({ type: 'send-message', summary: 'Hi there' });
  });

  it('draws what it can of an invalid definition instead of throwing', () => {
    const broken = {
      description: 42,
      initial_state: 'nowhere',
      states: [null, 'text', { name: 'start', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'ghost' }, 'junk'], properties: null },
        { name: 'start', type: 'say-play', transitions: [], properties: {} }, { type: 'send-message' }, { name: 'odd', type: 'not-a-widget', transitions: 'no', properties: { offset: { x: 'a', y: 1 } } }],
    } as unknown as FlowDefinition;
    const drawn = diagramFlow(broken);
    expect(drawn.title).toBe('');
    expect(drawn.widgets.map((widget) => widget.name)).toStrictEqual(['start', 'odd']);
    expect(drawn.start?.name).toBe('start');
    expect(drawn.byName.get('start')!.ports[0]).toStrictEqual({ event: 'incomingMessage', next: 'ghost' });
    expect(drawn.byName.get('odd')).toMatchObject({ ports: [], offset: undefined });
    expect(diagramFlow({ states: 'none' } as unknown as FlowDefinition).widgets).toStrictEqual([]);
  });
});
