import { defineWidget } from './widget.ts';

/** Adds a member to a legacy Programmable Chat channel. Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'add-member-to-chat-channel',
  label: 'Add Member To Chat Channel',
  group: 'Legacy',
  channel: 'messaging',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
