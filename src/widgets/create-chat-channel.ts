import { defineWidget } from './widget.ts';

/** Creates a legacy Programmable Chat channel. Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'create-chat-channel',
  label: 'Create Chat Channel',
  group: 'Legacy',
  channel: 'messaging',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
