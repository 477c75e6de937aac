import { defineWidget } from './widget.ts';

/** Creates a TaskRouter task (legacy). Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'create-task',
  label: 'Create Task',
  group: 'Legacy',
  channel: 'any',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
