import { describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowState } from './definition.ts';
import { diffFlows, hasChanges, shortJson, summarizeDiff } from './flow-diff.ts';

const widget = (name: string, type: string, properties: FlowState['properties'] = {}, transitions: FlowState['transitions'] = []): FlowState => ({ name, type, properties, transitions });

/** A trigger → ask (send-and-wait) → a split on the answer → two replies. */
function orderFlow(): FlowDefinition {
  return {
    description: 'Orders',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      widget('Trigger', 'trigger', { offset: { x: 0, y: 0 } }, [{ event: 'incomingMessage', next: 'ask' }, { event: 'incomingCall' }, { event: 'incomingRequest' }]),
      widget('ask', 'send-and-wait-for-reply', { offset: { x: 0, y: 200 }, body: 'Pizza or pasta?', timeout: '3600' }, [
        { event: 'incomingMessage', next: 'choice' },
        { event: 'timeout' },
        { event: 'deliveryFailure' },
      ]),
      widget('choice', 'split-based-on', { offset: { x: 0, y: 400 }, input: '{{widgets.ask.inbound.Body}}' }, [
        { event: 'noMatch', next: 'sorry' },
        { event: 'match', next: 'thanks', conditions: [{ friendly_name: 'If value equal_to pizza', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'equal_to', value: 'pizza' }] },
      ]),
      widget('thanks', 'send-message', { offset: { x: -200, y: 600 }, body: 'Thanks!' }),
      widget('sorry', 'send-message', { offset: { x: 200, y: 600 }, body: 'Sorry?' }),
    ],
  };
}

/** The flow with `edit` applied to a deep copy. */
function edited(edit: (flow: FlowDefinition) => void): FlowDefinition {
  const flow = structuredClone(orderFlow());
  edit(flow);
  return flow;
}
const state = (flow: FlowDefinition, name: string) => flow.states.find((each) => each.name === name)!;

describe('diffFlows', () => {
  it('finds nothing between identical flows, or copies of one', () => {
    const flow = orderFlow();
    for (const diff of [diffFlows(flow, flow), diffFlows(orderFlow(), orderFlow())]) {
      expect(diff).toEqual({ added: [], removed: [], renamed: [], changed: [], flow: [] });
      expect(hasChanges(diff)).toBe(false);
    }
  });

  it('ignores the order of widgets and of object keys', () => {
    const after = edited((flow) => {
      flow.states.reverse();
      state(flow, 'ask').properties = { timeout: '3600', body: 'Pizza or pasta?', offset: { y: 200, x: 0 } };
    });
    expect(hasChanges(diffFlows(orderFlow(), after))).toBe(false);
  });

  it('lists widgets added and removed by name, in their flow order', () => {
    const after = edited((flow) => {
      flow.states = flow.states.filter((each) => each.name !== 'sorry');
      flow.states.push(widget('log', 'make-http-request', { url: 'https://example.com' }), widget('bye', 'send-message', { body: 'Bye' }));
      state(flow, 'choice').transitions[0]!.next = 'bye';
    });
    const diff = diffFlows(orderFlow(), after);
    expect(diff.added.map((each) => each.name)).toEqual(['log', 'bye']);
    expect(diff.removed.map((each) => each.name)).toEqual(['sorry']);
    expect(diff.changed.map((each) => each.name)).toEqual(['choice']);
    expect(hasChanges(diff)).toBe(true);
  });

  it('reports a changed property with its value before and after', () => {
    const after = edited((flow) => {
      state(flow, 'thanks').properties.body = 'Thank you!';
    });
    expect(diffFlows(orderFlow(), after).changed).toEqual([
      { name: 'thanks', typeBefore: 'send-message', typeAfter: 'send-message', renamedFrom: undefined, moved: undefined, properties: [{ path: 'body', before: 'Thanks!', after: 'Thank you!' }], transitions: [] },
    ]);
  });

  it('reports properties set and unset as changes from and to nothing', () => {
    const after = edited((flow) => {
      state(flow, 'ask').properties.timeout = undefined;
      delete state(flow, 'ask').properties.timeout;
      state(flow, 'ask').properties.media_url = 'https://example.com/menu.png';
    });
    expect(diffFlows(orderFlow(), after).changed[0]!.properties).toEqual([
      { path: 'timeout', before: '3600', after: undefined },
      { path: 'media_url', before: undefined, after: 'https://example.com/menu.png' },
    ]);
  });

  it('flattens nested objects and arrays into readable paths', () => {
    const before = edited((flow) => {
      state(flow, 'thanks').properties.parameters = [{ key: 'size', value: 'large' }, { key: 'crust', value: 'thin' }];
      state(flow, 'thanks').properties.http = { headers: { accept: 'json' }, retries: [1, 2] };
    });
    const after = edited((flow) => {
      state(flow, 'thanks').properties.parameters = [{ key: 'size', value: 'small' }, { key: 'crust', value: 'thin' }, { key: 'extra', value: 'cheese' }];
      state(flow, 'thanks').properties.http = { headers: { accept: 'xml' }, retries: [1] };
    });
    expect(diffFlows(before, after).changed[0]!.properties).toEqual([
      { path: 'parameters[0].value', before: 'large', after: 'small' },
      { path: 'http.headers.accept', before: 'json', after: 'xml' },
      { path: 'http.retries[1]', before: 2, after: undefined },
      { path: 'parameters[2].key', before: undefined, after: 'extra' },
      { path: 'parameters[2].value', before: undefined, after: 'cheese' },
    ]);
  });

  it('shows an object or array that was emptied, not nothing', () => {
    const before = edited((flow) => {
      state(flow, 'thanks').properties.parameters = [{ key: 'size', value: 'large' }];
    });
    const after = edited((flow) => {
      state(flow, 'thanks').properties.parameters = [];
    });
    expect(diffFlows(before, after).changed[0]!.properties).toEqual([
      { path: 'parameters[0].key', before: 'size', after: undefined },
      { path: 'parameters[0].value', before: 'large', after: undefined },
      { path: 'parameters', before: undefined, after: [] },
    ]);
  });

  it('tells a type change apart, and still compares the properties', () => {
    const after = edited((flow) => {
      const thanks = state(flow, 'thanks');
      thanks.type = 'say-play';
      thanks.properties = { offset: thanks.properties.offset, say: 'Thanks!' };
    });
    expect(diffFlows(orderFlow(), after).changed).toEqual([
      {
        name: 'thanks',
        typeBefore: 'send-message',
        typeAfter: 'say-play',
        renamedFrom: undefined, moved: undefined,
        properties: [{ path: 'body', before: 'Thanks!', after: undefined }, { path: 'say', before: undefined, after: 'Thanks!' }],
        transitions: [],
      },
    ]);
  });

  it('ignores widgets moved on the canvas, unless asked for the layout, and then keeps moves apart from properties', () => {
    const after = edited((flow) => {
      state(flow, 'sorry').properties.offset = { x: 240, y: 600 };
      state(flow, 'Trigger').properties.offset = undefined;
    });
    expect(hasChanges(diffFlows(orderFlow(), after))).toBe(false);
    const changed = diffFlows(orderFlow(), after, { layout: true }).changed;
    expect(changed.map(({ name, moved, properties }) => ({ name, moved, properties }))).toEqual([
      { name: 'Trigger', moved: { before: { x: 0, y: 0 }, after: undefined }, properties: [] },
      { name: 'sorry', moved: { before: { x: 200, y: 600 }, after: { x: 240, y: 600 } }, properties: [] },
    ]);
  });

  it('reports a transition whose target changed, or that was connected or cut', () => {
    const after = edited((flow) => {
      state(flow, 'ask').transitions = [{ event: 'incomingMessage', next: 'thanks' }, { event: 'timeout', next: 'sorry' }];
      state(flow, 'Trigger').transitions[0]!.next = undefined;
    });
    const changed = diffFlows(orderFlow(), after).changed;
    expect(changed.map(({ name, transitions }) => ({ name, transitions }))).toEqual([
      { name: 'Trigger', transitions: [{ label: 'incomingMessage', condition: undefined, nextBefore: 'ask', nextAfter: undefined, conditions: [] }] },
      {
        name: 'ask',
        transitions: [
          { label: 'incomingMessage', condition: undefined, nextBefore: 'choice', nextAfter: 'thanks', conditions: [] },
          { label: 'timeout', condition: undefined, nextBefore: undefined, nextAfter: 'sorry', conditions: [] },
        ],
      },
    ]);
  });

  it('treats an empty next like a missing one, and ignores transition uuids', () => {
    const after = edited((flow) => {
      state(flow, 'ask').transitions = [{ event: 'incomingMessage', next: 'choice', uuid: 'x' }, { event: 'timeout', next: '' }];
    });
    expect(hasChanges(diffFlows(orderFlow(), after))).toBe(false);
  });

  it("compares a split's conditions by their order, even when Studio renamed them after their value", () => {
    const after = edited((flow) => {
      const match = state(flow, 'choice').transitions[1]!;
      match.conditions = [{ ...match.conditions![0]!, friendly_name: 'If value equal_to pasta', value: 'pasta' }];
      state(flow, 'choice').transitions.push({
        event: 'match',
        next: 'sorry',
        conditions: [{ friendly_name: 'If value contains help', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'contains', value: 'help' }],
      });
    });
    expect(diffFlows(orderFlow(), after).changed[0]!.transitions).toEqual([
      {
        label: 'match #1',
        condition: 'If value equal_to pasta',
        nextBefore: 'thanks',
        nextAfter: 'thanks',
        conditions: [
          { path: 'conditions[0].friendly_name', before: 'If value equal_to pizza', after: 'If value equal_to pasta' },
          { path: 'conditions[0].value', before: 'pizza', after: 'pasta' },
        ],
      },
      {
        label: 'match #2',
        condition: 'If value contains help',
        nextBefore: undefined,
        nextAfter: 'sorry',
        conditions: [
          { path: 'conditions[0].friendly_name', before: undefined, after: 'If value contains help' },
          { path: 'conditions[0].arguments[0]', before: undefined, after: '{{widgets.ask.inbound.Body}}' },
          { path: 'conditions[0].type', before: undefined, after: 'contains' },
          { path: 'conditions[0].value', before: undefined, after: 'help' },
        ],
      },
    ]);
  });

  it('reports changes to initial_state, description and flags', () => {
    const after = edited((flow) => {
      flow.initial_state = 'Start';
      flow.description = 'Orders, v2';
      flow.flags = { allow_concurrent_calls: false };
    });
    expect(diffFlows(orderFlow(), after).flow).toEqual([
      { path: 'initial_state', before: 'Trigger', after: 'Start' },
      { path: 'description', before: 'Orders', after: 'Orders, v2' },
      { path: 'flags.allow_concurrent_calls', before: true, after: false },
    ]);
    const { flags: _flags, description: _description, ...withoutFlags } = orderFlow();
    expect(diffFlows(orderFlow(), withoutFlags).flow).toEqual([
      { path: 'description', before: 'Orders', after: undefined },
      { path: 'flags.allow_concurrent_calls', before: true, after: undefined },
      { path: 'flags', before: undefined, after: {} },
    ]);
  });
});

describe('diffFlows: renames', () => {
  it('finds a widget renamed, with the transitions and initial_state that followed it unchanged', () => {
    const after = edited((flow) => {
      state(flow, 'sorry').name = 'apology';
      state(flow, 'choice').transitions[0]!.next = 'apology';
      state(flow, 'Trigger').name = 'Start';
      flow.initial_state = 'Start';
    });
    const diff = diffFlows(orderFlow(), after);
    expect(diff).toEqual({
      added: [],
      removed: [],
      renamed: [
        { from: 'Trigger', to: 'Start', type: 'trigger' },
        { from: 'sorry', to: 'apology', type: 'send-message' },
      ],
      changed: [],
      flow: [],
    });
    expect(summarizeDiff(diff)).toBe('2 widgets renamed.');
  });

  it('finds a widget renamed with a property changed too, and reports the change under its new name', () => {
    const before = edited((flow) => {
      Object.assign(state(flow, 'ask').properties, { from: '{{flow.channel.address}}', service: 'IS123', channel: 'CH123' });
    });
    const after = edited((flow) => {
      const ask = state(flow, 'ask');
      Object.assign(ask.properties, { from: '{{flow.channel.address}}', service: 'IS123', channel: 'CH123', timeout: '600' });
      ask.name = 'question';
      state(flow, 'Trigger').transitions[0]!.next = 'question';
    });
    const diff = diffFlows(before, after);
    expect(diff.renamed).toEqual([{ from: 'ask', to: 'question', type: 'send-and-wait-for-reply' }]);
    expect(diff.changed).toEqual([
      {
        name: 'question',
        renamedFrom: 'ask',
        typeBefore: 'send-and-wait-for-reply',
        typeAfter: 'send-and-wait-for-reply',
        moved: undefined,
        properties: [{ path: 'timeout', before: '3600', after: '600' }],
        transitions: [],
      },
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('still reports a transition that left a renamed widget for another, by the old name', () => {
    const after = edited((flow) => {
      state(flow, 'sorry').name = 'apology';
      state(flow, 'choice').transitions[0]!.next = 'thanks';
    });
    const diff = diffFlows(orderFlow(), after);
    expect(diff.renamed).toEqual([{ from: 'sorry', to: 'apology', type: 'send-message' }]);
    expect(diff.changed[0]!.transitions).toEqual([{ label: 'noMatch', condition: undefined, nextBefore: 'sorry', nextAfter: 'thanks', conditions: [] }]);
  });

  it('calls a widget of another type, or with most of its properties new, removed and added, not renamed', () => {
    const after = edited((flow) => {
      const sorry = state(flow, 'sorry');
      sorry.name = 'apology';
      sorry.properties.body = 'We did not get that. Pizza or pasta?';
      const thanks = state(flow, 'thanks');
      thanks.name = 'goodbye';
      thanks.type = 'say-play';
    });
    const diff = diffFlows(orderFlow(), after);
    expect(diff.renamed).toEqual([]);
    expect(diff.added.map((each) => each.name)).toEqual(['goodbye', 'apology']);
    expect(diff.removed.map((each) => each.name)).toEqual(['thanks', 'sorry']);
  });

  it('pairs each removed widget with the most similar added one, once', () => {
    const before: FlowDefinition = { description: '', initial_state: 'a', states: [widget('a', 'send-message', { body: 'One', to: 'x', from: 'y', media_url: 'z' })] };
    const after: FlowDefinition = {
      description: '',
      initial_state: 'c',
      states: [
        widget('b', 'send-message', { body: 'Two', to: 'x', from: 'y', media_url: 'z' }),
        widget('c', 'send-message', { body: 'One', to: 'x', from: 'y', media_url: 'z' }),
      ],
    };
    const diff = diffFlows(before, after);
    expect(diff.renamed).toEqual([{ from: 'a', to: 'c', type: 'send-message' }]);
    expect(diff.added.map((each) => each.name)).toEqual(['b']);
    expect(diff.flow).toEqual([]);
  });
});

describe('diffFlows: renames among look-alikes', () => {
  const channel = { service: '{{trigger.message.InstanceSid}}', channel: '{{trigger.message.ChannelSid}}', from: '{{flow.channel.address}}', to: '{{contact.channel.address}}' };
  const sent = (next?: string) => [{ event: 'sent', next }, { event: 'failed' }];
  const flowOf = (...states: FlowState[]): FlowDefinition => ({ description: '', initial_state: states[0]!.name, states });

  it('does not pair two widgets that share only what every widget of their type has', () => {
    const before = flowOf(widget('transfer', 'send-message', { ...channel, body: 'One moment, transferring you.' }, sent('handoff')), widget('handoff', 'send-to-flex'));
    const after = flowOf(widget('notify', 'send-message', { ...channel, body: 'We tried to reach you today.' }, sent()), widget('handoff', 'send-to-flex'));
    const diff = diffFlows(before, after);
    expect(diff.renamed).toEqual([]);
    expect([diff.added.map((each) => each.name), diff.removed.map((each) => each.name)]).toEqual([['notify'], ['transfer']]);
  });

  it('pairs a widget renamed with one property changed, the rest of it the same', () => {
    const before = flowOf(widget('transfer', 'send-message', { ...channel, body: 'One moment.' }, sent('handoff')), widget('handoff', 'send-to-flex'));
    const after = flowOf(widget('transfer_message', 'send-message', { ...channel, body: 'One moment, please.' }, sent('handoff')), widget('handoff', 'send-to-flex'));
    expect(diffFlows(before, after).renamed).toEqual([{ from: 'transfer', to: 'transfer_message', type: 'send-message' }]);
  });
});

describe('diffFlows on hand-edited definitions', () => {
  it('takes missing or malformed properties and transitions as none, without throwing', () => {
    const garbage = { description: '', initial_state: 'a', states: [{ name: 'a', type: 'send-message', properties: 'oops', transitions: [7, null, { event: 'sent', next: 'b' }] }] } as unknown as FlowDefinition;
    const empty = { description: '', initial_state: 'a', states: [{ name: 'a', type: 'send-message' }] } as unknown as FlowDefinition;
    expect(diffFlows(garbage, empty).changed).toEqual([
      { name: 'a', renamedFrom: undefined, typeBefore: 'send-message', typeAfter: 'send-message', moved: undefined, properties: [], transitions: [{ label: 'sent', condition: undefined, nextBefore: 'b', nextAfter: undefined, conditions: [] }] },
    ]);
  });
});

describe('summarizeDiff', () => {
  it('counts each kind of change, and says when there is none', () => {
    expect(summarizeDiff(diffFlows(orderFlow(), orderFlow()))).toBe('No differences.');
    const after = edited((flow) => {
      flow.states = flow.states.filter((each) => each.name !== 'sorry');
      flow.states.push(widget('log', 'make-http-request', { url: 'https://example.com' }), widget('bye', 'send-message', { body: 'Bye' }));
      state(flow, 'choice').transitions[0]!.next = 'bye';
      flow.description = 'v2';
    });
    expect(summarizeDiff(diffFlows(orderFlow(), after))).toBe('2 widgets added, 1 widget removed, 1 widget changed, flow settings changed.');
  });
});

describe('shortJson', () => {
  it('shows values as one-line JSON, absent ones as none, and cuts long ones', () => {
    expect(shortJson('hi')).toBe('"hi"');
    expect(shortJson(3)).toBe('3');
    expect(shortJson({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(shortJson(null)).toBe('null');
    expect(shortJson(undefined)).toBe('none');
    const long = shortJson('x'.repeat(200), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});
