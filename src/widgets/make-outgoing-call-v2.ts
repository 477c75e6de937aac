import type { ResumeEvent, WidgetOutput } from '../engine/execution-state.ts';
import type { OutboundCallRequest } from '../engine/services.ts';
import { describeError, errorRecord, SwitchboardError } from '../errors.ts';
import { callbackMarker, callbackOutput } from './voice-call.ts';
import { boolean, defineWidget, integer, liquidString, numericString, plainString, type Outcome, type RenderedProperties, type WidgetContext } from './widget.ts';
import { text } from './property-values.ts';

/**
 * What both versions of Make Outgoing Call do. The call is placed with the Calls API: its TwiML
 * comes from the widget's callback once answered (`Event=answered`), and its end is reported to
 * the callback too (`Event=status`). The execution is put on the call only once it is answered;
 * the answered request's answer is the next voice widget's TwiML, so the flow speaks on that call.
 */
export async function placeOutgoingCall(
  props: RenderedProperties,
  ctx: WidgetContext,
  options: Pick<OutboundCallRequest, 'machineDetection'> = {},
): Promise<Outcome> {
  const voice = ctx.services.voice;
  if (!voice) return ctx.fail('widgetNotSupported', 'calls cannot be placed here: this server runs without the voice network');
  const to = text(props.to) || ctx.execution.contact.channel.address;
  const from = text(props.from) || ctx.execution.flow.channel.address;
  const sendDigits = text(props.send_digits);
  const request: OutboundCallRequest = {
    to,
    from,
    url: ctx.callbackUrl({ Event: 'answered' }),
    statusCallback: ctx.callbackUrl({ Event: 'status' }),
    timeout: typeof props.timeout === 'number' ? props.timeout : 60,
    ...(options.machineDetection ? { machineDetection: options.machineDetection } : {}),
    ...(sendDigits ? { sendDigits } : {}),
    record: props.record === true,
  };
  try {
    const call = await voice.placeCall(request);
    // Not on the call yet: it is only ringing. `answered` puts the execution on it.
    return ctx.wait({ events: ['callback'], output: { ...call } });
  } catch (error) {
    const reason = error instanceof SwitchboardError ? { code: error.code, message: error.message } : errorRecord('internalError', describeError(error));
    return ctx.transition('failed', { CallStatus: 'failed', To: to, From: from, error: reason });
  }
}

/** The call's answered request, or its final status while it was never answered. */
export function outgoingCallResumed(event: ResumeEvent, ctx: WidgetContext): Outcome {
  const output = callbackOutput(event);
  const placed = ctx.previousOutput?.CallSid;
  // A request about another call (one this widget placed on an earlier run) changes nothing.
  if (typeof output.CallSid === 'string' && typeof placed === 'string' && output.CallSid !== placed) {
    return ctx.wait({ events: ['callback'] });
  }
  const marker = callbackMarker(event);
  if (marker === 'answered') {
    const callSid = typeof output.CallSid === 'string' ? output.CallSid : String(placed ?? '');
    return { kind: 'transition', event: 'answered', output, callSid };
  }
  if (marker === 'status') {
    switch (output.CallStatus) {
      case 'busy':
        return ctx.transition('busy', output);
      case 'no-answer':
        return ctx.transition('noAnswer', output);
      case 'failed':
      case 'canceled':
        return ctx.transition('failed', output);
      case 'completed':
        // Ended without its answered request reaching the flow (the request failed).
        return ctx.transition('failed', withError(output, 'the call was answered and ended before the flow could take it over'));
      default:
        return ctx.wait({ events: ['callback'] });
    }
  }
  return ctx.wait({ events: ['callback'] });
}

function withError(output: WidgetOutput, detail: string): WidgetOutput {
  return { ...output, error: errorRecord('internalError', detail) };
}

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
  run(props, ctx) {
    const machineDetection = props.detect_answering_machine === true ? text(props.machine_detection) || 'Enable' : undefined;
    return placeOutgoingCall(props, ctx, { machineDetection });
  },
  resume: outgoingCallResumed,
});
