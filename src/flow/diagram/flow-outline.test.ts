import { describe, expect, it } from 'vitest';
import { diagramOf, diagramSampleJson } from '../../../test/support/diagram-sample.ts';
import type { FlowDefinition } from '../definition.ts';
import { diagramFlow } from './diagram-flow.ts';
import { flowOutline } from './flow-outline.ts';

describe('flowOutline', () => {
  it('numbers the flow from the Trigger, depth-first, marking loops, joins, ends and unreachable widgets', () => {
    expect(flowOutline(diagramOf(diagramSampleJson))).toBe([
      '1 - Trigger (trigger)',
      '  ■ end on incomingCall, incomingConversationMessage, incomingRequest, incomingParent',
      '  1.1 - incomingMessage → ask (send-and-wait-for-reply) "What is your name?"',
      '    ■ end on timeout, deliveryFailure',
      '    1.1.1 - incomingMessage → check (split-based-on) "{{widgets.ask.inbound.Body}}"',
      '      1.1.1.1 - noMatch ↺ loops to 1.1 ask',
      '      1.1.1.2 - match "Said stop" → bye (send-message) "Goodbye."',
      '        ■ end on sent, failed',
      '      1.1.1.3 - match "Gave a name" → greet (send-message) "Hello {{widgets.ask.inbound.Body}}!"',
      '        ■ end on failed',
      '        1.1.1.3.1 - sent ↪ goes to 1.1.1.2 bye',
      '',
      'Not reachable:',
      '- orphan (set-variables) "unused"',
    ].join('\n'));
  });

  it('names a target that does not exist, and a widget that loops to itself', () => {
    const definition = {
      description: '', initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'wait' }, { event: 'incomingCall', next: 'ghost' }] },
        { name: 'wait', type: 'send-and-wait-for-reply', properties: { body: 'Say "go"' }, transitions: [{ event: 'incomingMessage', next: 'wait' }] },
      ],
    } as unknown as FlowDefinition;
    expect(flowOutline(diagramFlow(definition)).split('\n')).toStrictEqual([
      '1 - Trigger (trigger)',
      '  ■ end on incomingConversationMessage, incomingRequest, incomingParent',
      '  1.1 - incomingMessage → wait (send-and-wait-for-reply) "Say "go""',
      '    ■ end on timeout, deliveryFailure',
      '    1.1.1 - incomingMessage ↺ loops to 1.1 wait',
      '  1.2 - incomingCall → ghost (no such widget)',
    ]);
  });

  it("outlines a chain of 2,000 widgets (Studio's limit) without running out of stack", () => {
    const count = 2000;
    const states = Array.from({ length: count }, (_, index) => ({
      name: `step${index}`, type: 'set-variables', properties: {}, transitions: [{ event: 'next', ...(index + 1 < count ? { next: `step${index + 1}` } : {}) }],
    }));
    const definition = { description: '', initial_state: 'step0', states } as unknown as FlowDefinition;
    const lines = flowOutline(diagramFlow(definition)).split('\n');
    expect(lines[0]).toBe('1 - step0 (set-variables)');
    expect(lines.at(-1)).toBe(`${'  '.repeat(count - 1)}  ■ end on next`);
  });

  it('lists every widget as unreachable when the flow has no start', () => {
    const definition = { description: '', initial_state: 'missing', states: [{ name: 'lonely', type: 'say-play', properties: { say: 'Hi' }, transitions: [] }] } as unknown as FlowDefinition;
    expect(flowOutline(diagramFlow(definition))).toBe('(no Trigger: the flow has no widget to start at)\n\nNot reachable:\n- lonely (say-play) "Hi"');
  });
});
