import { defineWidget } from './widget.ts';

/** The flow's entry point. The engine takes the transition named by the trigger event. */
export default defineWidget({
  type: 'trigger',
  label: 'Trigger',
  group: 'Flow Control',
  channel: 'any',
  events: ['incomingMessage', 'incomingCall', 'incomingConversationMessage', 'incomingRequest', 'incomingParent'],
  properties: {},
  outputs: [],
});
