import { array, boolean, defineWidget, liquidString, plainString } from './widget.ts';

/** Creates a Conversation with its participants; REST-triggered executions only. */
export default defineWidget({
  type: 'start-conversation',
  label: 'Start Conversation',
  group: 'Messaging',
  channel: 'messaging',
  events: ['created', 'failed'],
  failureEvent: 'failed',
  properties: {
    conversation_service_sid: plainString(),
    participants: array({
      description:
        'Objects: {type: "messaging", messaging_binding_address, messaging_binding_proxy_address} or ' +
        '{type: "chat", identity}; the address fields may hold Liquid.',
    }),
    timers_inactive: liquidString({ description: 'ISO-8601 duration, e.g. "PT10M".' }),
    timers_closed: liquidString({ description: 'ISO-8601 duration, e.g. "PT10M".' }),
    close_conversation_on_execution_end: boolean(),
    friendly_name: liquidString(),
    attributes: liquidString(),
  },
  outputs: ['conversation'],
});
