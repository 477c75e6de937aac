import { defineWidget } from './widget.ts';

/** A Run Function variant seen in one schema enum only. Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'run-function-v2',
  label: 'Run Function (v2)',
  group: 'Legacy',
  channel: 'any',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
