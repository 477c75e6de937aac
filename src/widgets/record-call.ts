import { describeError, errorRecord, SwitchboardError, type ErrorRecord } from '../errors.ts';
import { withoutCall } from './voice-call.ts';
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
  /**
   * No TwiML: the widget asks the carrier to start or stop recording the live call (Studio uses
   * the Call Recordings API), and goes on at once with the Recording's fields. The carrier
   * refusing (no recording to stop, one already running) is `failed`. A missing `record_call`
   * (exports always write it) starts a recording.
   */
  async run(props, ctx) {
    const noCall = withoutCall(ctx);
    if (noCall) return noCall;
    const voice = ctx.services.voice;
    if (!voice) return ctx.transition('failed', { error: errorRecord('noLiveCall', 'this engine has no calls') });
    const statusCallback = typeof props.recording_status_callback === 'string' ? props.recording_status_callback.trim() : '';
    try {
      const recording = await voice.recordCall({ callSid: ctx.callSid as string, record: props.record_call !== false, statusCallback: statusCallback || undefined });
      return ctx.transition('success', recording);
    } catch (error) {
      return ctx.transition('failed', { error: recordingError(error) });
    }
  },
});

/** The carrier's refusal with its own code (21220 for a call in the wrong state), else an internal error. */
function recordingError(error: unknown): ErrorRecord {
  if (error instanceof SwitchboardError) return { code: error.code, message: error.message };
  return errorRecord('internalError', describeError(error));
}
