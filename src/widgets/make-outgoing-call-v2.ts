import { boolean, defineWidget, integer, liquidString, numericString, plainString } from './widget.ts';

/** Places a call from `from` to `to`, optionally with answering machine detection; REST-triggered executions only. */
export default defineWidget({
  type: 'make-outgoing-call-v2',
  label: 'Make Outgoing Call',
  group: 'Voice',
  channel: 'any', // it places the call itself, so no call needs to be live before it
  events: ['answered', 'busy', 'noAnswer', 'failed'],
  failureEvent: 'failed',
  callEvents: ['answered'],
  properties: {
    to: liquidString({ default: '{{contact.channel.address}}' }),
    from: liquidString({ default: '{{flow.channel.address}}' }),
    record: boolean({ default: false }),
    recording_channels: plainString({ enum: ['mono', 'dual'] }),
    recording_status_callback: liquidString(),
    trim: plainString({ enum: ['trim-silence', 'do-not-trim'] }),
    detect_answering_machine: boolean({ default: false }),
    machine_detection: plainString({ enum: ['Enable', 'DetectMessageEnd'] }),
    machine_detection_timeout: numericString({ default: '30', description: '3-120 s.' }),
    machine_detection_speech_threshold: numericString({ default: '2400', description: '1000-6000 ms.' }),
    machine_detection_speech_end_threshold: numericString({ default: '1200', description: '500-5000 ms.' }),
    machine_detection_silence_timeout: numericString({ default: '5000', description: '2000-10000 ms.' }),
    send_digits: liquidString({ description: 'Up to 32 DTMF characters.' }),
    timeout: integer({ default: 60, description: 'Seconds of ringing, 0-600.' }),
    sip_auth_username: liquidString(),
    sip_auth_password: liquidString(),
  },
  outputs: ['CallSid', 'CallStatus', 'AnsweredBy', 'MachineDetectionDuration', 'AccountSid', 'From', 'To', 'Direction'],
});
