import { boolean, defineWidget, integer, liquidString, numericString, plainString } from './widget.ts';

/** Dials a number, client, SIP URI, SIM or conference and bridges the caller to it. */
export default defineWidget({
  type: 'connect-call-to',
  label: 'Connect Call To',
  group: 'Voice',
  channel: 'voice',
  events: ['callCompleted', 'hangup'],
  properties: {
    noun: plainString({ enum: ['number', 'number-multi', 'client', 'sip', 'sim', 'conference'] }),
    to: liquidString({ description: 'For number-multi, up to 10 comma-separated numbers rung at once.' }),
    caller_id: liquidString({ default: '{{contact.channel.address}}' }),
    record: boolean({ default: false, nullable: true }),
    timeout: integer({ default: 30, description: 'Seconds of ringing, 1-600.' }),
    time_limit: numericString({ description: 'Maximum call length in seconds.' }),
    sip_endpoint: liquidString({ nullable: true }),
    sip_username: liquidString({ nullable: true }),
    sip_password: liquidString({ nullable: true }),
  },
  outputs: [
    'DialCallStatus', 'DialCallSid', 'DialCallDuration', 'RecordingUrl',
    'CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion',
  ],
});
