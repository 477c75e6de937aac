import { defineWidget } from './widget.ts';

/** Sends input to Autopilot Understand (legacy). Only the type name is known; the events are unverified. */
export default defineWidget({
  type: 'understand',
  label: 'Understand',
  group: 'Legacy',
  channel: 'any',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
