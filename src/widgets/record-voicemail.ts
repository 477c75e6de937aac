import { boolean, defineWidget, integer, liquidString, plainString, stringBoolean } from './widget.ts';

/** Records the caller until silence, the finish key or the maximum length. */
export default defineWidget({
  type: 'record-voicemail',
  label: 'Record Voicemail',
  group: 'Voice',
  channel: 'voice',
  events: ['recordingComplete', 'noAudio', 'hangup'],
  properties: {
    timeout: integer({ default: 5, description: 'Seconds of silence that end the recording.' }),
    finish_on_key: plainString({ description: 'e.g. "#" or "*".' }),
    max_length: integer({ default: 3600, description: 'Seconds, 1-14400.' }),
    transcribe: boolean({ default: false, nullable: true }),
    transcription_callback_url: liquidString({ nullable: true }),
    trim: plainString({ enum: ['trim-silence', 'do-not-trim'], default: 'trim-silence' }),
    play_beep: stringBoolean({ default: 'true' }),
    recording_status_callback_url: liquidString(),
  },
  outputs: [
    'RecordingUrl', 'RecordingDuration', 'RecordingSid', 'Digits',
    'CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion',
  ],
});
