import { outgoingCallResumed, placeOutgoingCall } from './make-outgoing-call-v2.ts';
import { boolean, defineWidget, integer, liquidString } from './widget.ts';

/**
 * The older Make Outgoing Call: places a call from `from` to `to` (no export seen). It runs as v2
 * does, without answering machine detection or DTMF to send.
 */
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
    // The docs give the flow's defaults, as for v2: the contact's address and the flow's.
    from: liquidString({ default: '{{flow.channel.address}}' }),
    to: liquidString({ default: '{{contact.channel.address}}' }),
    record: boolean({ default: false }),
    timeout: integer({ default: 60 }),
  },
  outputs: ['CallSid', 'CallStatus', 'AnsweredBy', 'MachineDetectionDuration', 'AccountSid', 'From', 'To', 'Direction'],
  run(props, ctx) {
    return placeOutgoingCall({ from: props.from, to: props.to, record: props.record, timeout: props.timeout }, ctx);
  },
  resume: outgoingCallResumed,
});
