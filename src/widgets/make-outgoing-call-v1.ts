import { boolean, defineWidget, integer, liquidString } from './widget.ts';

/** The older Make Outgoing Call: places a call from `from` to `to` (no export seen). */
export default defineWidget({
  type: 'make-outgoing-call-v1',
  label: 'Make Outgoing Call (old)',
  group: 'Voice',
  channel: 'any', // it places the call itself, so no call needs to be live before it
  // One source adds `answeredByMachine` and `hangup`; unverified, so left out.
  events: ['answered', 'busy', 'noAnswer', 'failed'],
  failureEvent: 'failed',
  callEvents: ['answered'],
  properties: {
    from: liquidString(),
    to: liquidString(),
    record: boolean(),
    timeout: integer(),
  },
  outputs: ['CallSid', 'CallStatus', 'AnsweredBy', 'MachineDetectionDuration', 'AccountSid', 'From', 'To', 'Direction'],
});
