import { answerCall, callbackMarker, callbackOutput, hungUp, withoutCall } from './voice-call.ts';
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
  /**
   * A <Record> whose action is the callback. A <Record> that captured nothing falls through to the
   * next verb, a <Redirect> that says so (`Event=noAudio`).
   *
   * The transcription is not an output: Twilio posts `TranscriptionText` to
   * `transcription_callback_url` once it is ready, after the flow has moved on (Studio does not
   * document exposing it to the flow).
   */
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        const transcribe = props.transcribe === true;
        const transcribeCallback = nonEmpty(props.transcription_callback_url);
        const statusCallback = nonEmpty(props.recording_status_callback_url);
        response.record({
          action: ctx.callbackUrl(),
          maxLength: typeof props.max_length === 'number' ? props.max_length : 3600,
          timeout: typeof props.timeout === 'number' ? props.timeout : 5,
          ...(nonEmpty(props.finish_on_key) ? { finishOnKey: String(props.finish_on_key) } : {}),
          playBeep: props.play_beep !== 'false',
          trim: props.trim === 'do-not-trim' ? 'do-not-trim' : 'trim-silence',
          ...(transcribe ? { transcribe: true } : {}),
          ...(transcribe && transcribeCallback ? { transcribeCallback } : {}),
          ...(statusCallback ? { recordingStatusCallback: statusCallback } : {}),
        });
        response.redirect(ctx.callbackUrl({ Event: 'noAudio' }));
      })
    );
  },
  /**
   * The Record action: `Digits=hangup` when the caller hung up after speaking (`hangup`, with the
   * recording's outputs), a recording of no length (Twilio's newer behaviour, the emulator's
   * `emptyRecording=action`) is `noAudio`, anything else `recordingComplete`.
   */
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    const output = callbackOutput(event);
    if (callbackMarker(event) === 'noAudio') return ctx.transition('noAudio', output);
    if (output.Digits === 'hangup') return ctx.transition('hangup', output);
    if (output.RecordingDuration === '0' || !output.RecordingUrl) return ctx.transition('noAudio', output);
    return ctx.transition('recordingComplete', output);
  },
});

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
