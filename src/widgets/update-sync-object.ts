import { defineWidget } from './widget.ts';

/** Updates a Sync object (legacy, error 81012). Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'update-sync-object',
  label: 'Update Sync Object',
  group: 'Legacy',
  channel: 'any',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
