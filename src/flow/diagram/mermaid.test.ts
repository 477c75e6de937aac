import { describe, expect, it } from 'vitest';
import { diagramOf, diagramSampleJson } from '../../../test/support/diagram-sample.ts';
import type { FlowDefinition } from '../definition.ts';
import { diagramFlow } from './diagram-flow.ts';
import { flowMermaid } from './mermaid.ts';

describe('flowMermaid', () => {
  it('draws a node per widget and an edge per wired transition, split rows by their names', () => {
    expect(flowMermaid(diagramOf(diagramSampleJson))).toBe([
      'flowchart TD',
      '  w_Trigger(["Trigger<br/><small>trigger</small>"])',
      '  w_ask["ask<br/><small>send-and-wait-for-reply</small>"]',
      '  w_check["check<br/><small>split-based-on</small>"]',
      '  w_greet["greet<br/><small>send-message</small>"]',
      '  w_bye["bye<br/><small>send-message</small>"]',
      '  w_orphan["orphan<br/><small>set-variables</small>"]',
      '  w_Trigger -->|"incomingMessage"| w_ask',
      '  w_ask -->|"incomingMessage"| w_check',
      '  w_check -->|"noMatch"| w_ask',
      '  w_check -->|"Said stop"| w_bye',
      '  w_check -->|"Gave a name"| w_greet',
      '  w_greet -->|"sent"| w_bye',
      '  w_orphan -->|"next"| w_bye',
      '  classDef unreachable stroke-dasharray: 5 5',
      '  class w_orphan unreachable',
    ].join('\n'));
  });

  it('makes safe, distinct ids and escapes labels, and skips edges to missing widgets', () => {
    const definition = {
      description: '', initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'end' }, { event: 'incomingCall', next: 'ghost' }] },
        { name: 'end', type: 'split-based-on', properties: {}, transitions: [{ event: 'match', next: 'a-b', conditions: [{ friendly_name: 'says "hi" | <b>', arguments: [], type: 'equal_to', value: 'hi' }] }] },
        { name: 'a-b', type: 'say-play', properties: {}, transitions: [] },
        { name: 'a_b', type: 'say-play', properties: {}, transitions: [] },
      ],
    } as unknown as FlowDefinition;
    const lines = flowMermaid(diagramFlow(definition)).split('\n');
    expect(lines).toContain('  w_end["end<br/><small>split-based-on</small>"]');
    expect(lines).toContain('  w_a_b["a-b<br/><small>say-play</small>"]');
    expect(lines).toContain('  w_a_b_2["a_b<br/><small>say-play</small>"]');
    expect(lines).toContain('  w_end -->|"says #34;hi#34; #124; #60;b#62;"| w_a_b');
    expect(lines.filter((line) => line.includes('-->'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('ghost');
  });
});
