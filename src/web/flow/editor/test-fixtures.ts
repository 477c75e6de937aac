import type { FlowDefinition, PropertyTypeJson, WidgetTypeJson } from '../../api/types.ts';

/** Small declarations and a flow for the editor's unit tests. */
const text = (options: Partial<PropertyTypeJson> = {}): PropertyTypeJson => ({
  types: ['string'], liquid: true, required: false, nullable: false, default: null, enum: null, key_value_items: false, description: null, ...options,
});

const declaration = (type: string, events: string[], outputs: string[] = [], properties: Record<string, PropertyTypeJson> = {}): WidgetTypeJson => ({
  type, label: type, group: 'Flow Control', channel: 'any', events, properties, outputs, runs: true,
});

export const testTypes = new Map<string, WidgetTypeJson>([
  ['trigger', declaration('trigger', ['incomingMessage', 'incomingCall', 'incomingRequest'])],
  ['send-and-wait-for-reply', declaration('send-and-wait-for-reply', ['incomingMessage', 'timeout', 'deliveryFailure'], ['outbound', 'inbound'], { body: text(), timeout: text({ default: '3600' }) })],
  ['split-based-on', declaration('split-based-on', ['noMatch', 'match'], [], { input: text({ required: true }) })],
  ['send-message', declaration('send-message', ['sent', 'failed'], ['outbound'], { body: text() })],
  ['set-variables', declaration('set-variables', ['next'], [], { variables: text({ types: ['array'], liquid: false }) })],
]);

export function smsFlow(): FlowDefinition {
  return {
    initial_state: 'Trigger',
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'ask' }, { event: 'incomingCall' }, { event: 'incomingRequest', next: 'remember' }], properties: { offset: { x: 0, y: 0 } } },
      { name: 'ask', type: 'send-and-wait-for-reply', transitions: [{ event: 'incomingMessage', next: 'split_1' }, { event: 'timeout' }, { event: 'deliveryFailure' }], properties: { body: 'Yes?', offset: { x: 0, y: 200 } } },
      {
        name: 'split_1', type: 'split-based-on',
        transitions: [
          { event: 'noMatch' },
          { event: 'match', next: 'send_message_1', conditions: [{ friendly_name: 'If yes', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'equal_to', value: 'yes' }] },
          { event: 'match', next: 'ask', conditions: [{ friendly_name: 'If no', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'equal_to', value: 'no' }] },
        ],
        properties: { input: '{{widgets.ask.inbound.Body}}', offset: { x: 0, y: 400 } },
      },
      { name: 'send_message_1', type: 'send-message', transitions: [{ event: 'sent' }, { event: 'failed' }], properties: { body: 'Thanks', offset: { x: 0, y: 600 } } },
      { name: 'remember', type: 'set-variables', transitions: [{ event: 'next', next: 'ask' }], properties: { variables: [{ key: 'source', value: 'api' }], offset: { x: 300, y: 0 } } },
      { name: 'lonely', type: 'send-message', transitions: [{ event: 'sent' }, { event: 'failed' }], properties: { body: 'x', offset: { x: 600, y: 0 } } },
    ],
  };
}
