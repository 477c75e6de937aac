import { boolean, defineWidget, liquidString, plainString } from './widget.ts';

/** Starts (`record_call: true`) or stops (`false`) recording the current incoming call. */
export default defineWidget({
  type: 'record-call',
  label: 'Call Recording',
  group: 'Voice',
  channel: 'voice',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {
    record_call: boolean(),
    recording_status_callback: liquidString(),
    recording_status_callback_method: plainString({ enum: ['POST', 'GET'] }),
    recording_status_callback_events: plainString({ description: 'Space-separated: "in-progress completed absent".' }),
    recording_channels: plainString({ enum: ['dual', 'mono'], default: 'dual' }),
    trim: plainString({ enum: ['do-not-trim', 'trim-silence'], default: 'do-not-trim' }),
  },
  outputs: ['Sid', 'CallSid', 'Uri', 'Status', 'Duration', 'StartTime', 'Channels', 'Source', 'Price'],
});
